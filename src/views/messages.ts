/**
 * Every word a person reads on the public pages, in one catalogue so that a translation is one
 * more object of the same shape. Values that differ per installation (the foundation's name, its
 * emergency contact) come from configuration through `Site`, never from this file.
 */

import { accessMessages } from './messages/access.js';
import { consoleAuthMessages } from './messages/console-auth.js';
import { consoleCaseMessages } from './messages/console-cases.js';
import { reportingMessages } from './messages/reporting.js';
import type { ConductStaffContact } from '../config.js';

/** What the pages need to know about the installation they speak for. */
export interface Site {
  readonly foundationName: string;
  readonly emergencyContact: string | null;
  /** Where the quick-exit control leads: a neutral site. */
  readonly quickExitUrl: string;
  /** The conduct staff named on the guidelines page; empty when none are configured. */
  readonly conductStaff: readonly ConductStaffContact[];
}

/** "the Foundation" starts a sentence as "The Foundation". */
function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const messages = {
  console: consoleAuthMessages,
  cases: consoleCaseMessages,
  reporting: reportingMessages,
  access: accessMessages,

  layout: {
    skipToContent: 'Skip to main content',
    siteName: 'Code of conduct reports',
    foundation: (site: Site) => capitalised(site.foundationName),
    pageTitle: (page: string, site: Site) =>
      `${page} · ${capitalised(site.foundationName)} code of conduct reports`,
    footer: (site: Site) =>
      `This site is run by ${site.foundationName} to receive code of conduct reports. It works without JavaScript.`,
  },

  home: {
    title: 'Report a code of conduct concern',
    intro: (site: Site) =>
      `This is where you can tell ${site.foundationName} about behaviour in the community that goes against the code of conduct. Conduct staff read every report and handle it through the same published steps.`,

    dangerHeading: 'If someone is in danger now',
    dangerText:
      'If you or anyone else is in immediate or physical danger, contact your local emergency services first.',
    dangerContactLead: (site: Site) => `You can also reach ${site.foundationName} urgently:`,

    actionsHeading: 'What you can do here',
    reportLink: 'Report a concern',
    reportHint: 'Tell staff what happened. It takes a few minutes and you do not need an account.',
    followUpLink: 'Follow up on a report',
    followUpHint:
      'Already reported? Use the receipt code you were given to read replies and add details.',

    whoHeading: 'Who can report',
    whoText:
      'Anyone can: the person it happened to, someone who saw it, or someone who was told about it.',
    anonymousText:
      'You may stay anonymous. If you ask for that, the person you report is not told who reported them.',

    includeHeading: 'What to include',
    includeLead: 'Share what you can. It is fine not to know everything.',
    includeItems: [
      'Who it is about: a name, user name, e-mail address or nickname, anything that helps identify them.',
      'What happened, in your own words.',
      'Roughly when and where: the date and time, and the place, such as an event, a chat channel, a mailing list or an issue tracker.',
      'Anyone else who was involved or saw it.',
      'Whether you want to stay anonymous.',
      'How to reach you, if you would like staff to contact you.',
    ],

    nextHeading: 'What happens next',
    nextLead: (site: Site) =>
      `${capitalised(site.foundationName)}'s conduct staff take these steps, in this order, for every report:`,
    nextSteps: [
      'First, staff check whether anyone is in immediate danger. If someone is, they contact the local authorities.',
      'Staff write up the report: who is involved, what happened, when and where. They can write it down with you.',
      'Staff ask the person affected what they need, such as help, a friend or family member to be with, or a safe place, and explain what will happen next.',
      'Staff inform the Executive Director, who decides whether legal advice, a public statement or more information from witnesses is needed.',
      'Staff tell the person reported which behaviour the report is about. If you asked to stay anonymous, they are not told who reported it. From then until the matter is resolved, they and the person affected should have no contact with each other.',
      'The person reported is heard before anything is decided.',
      'Staff review what they have learned and decide whether the code of conduct was broken. If it was, they decide what action to take, from a warning to a ban from community spaces or events.',
      'Staff tell the person reported what action, if any, will be taken, and tell the person who reported how it was resolved.',
    ],

    practicesHeading: 'Good to know',
    practices: [
      'You do not have to speak to or deal with the person you are reporting. Staff are there to support you.',
      'Please do not question other people about what happened. Share what you already know, and staff will look into the rest.',
      'Staff can help you write the report and collect information.',
      'If you feel unsafe at any time, contact the police or local emergency services.',
    ],
  },

  errors: {
    notFoundTitle: 'Page not found',
    notFoundText:
      'There is no page at this address. The link may be old, or the address may be mistyped.',
    serverErrorTitle: 'Something went wrong',
    requestErrorTitle: 'This request could not be completed',
    errorIdLabel: 'Error reference:',
    errorIdHint: 'If you contact staff about this, giving them this reference helps them find it.',
    homeLink: 'Go to the home page',

    // The short public messages of the error answers, by kind; also used in JSON error bodies.
    invalidInput: 'The request was not valid.',
    tooLarge: 'What was sent is too large.',
    unsupportedMediaType: 'This kind of content is not accepted here.',
    notFound: 'Not found.',
    rateLimited: 'Too many requests. Please wait a moment and try again.',
    csrfRejected:
      'This form has expired or was not sent from this site. Please go back, reload the page and send it again.',
    unavailable: 'The service is briefly unavailable. Please try again in a few moments.',
    internal:
      'Something went wrong on our side. Nothing you did caused it. Please try again later.',
  },
};

export type Messages = typeof messages;
