/** Words of the access pages: the accused's side, legal counsel's grant, staff identifiers. */
export const accessMessages = {
  respond: {
    title: 'A code of conduct report concerning you',
    respondHeading: 'Send your response',
    respondLead:
      'Write your side of what happened. The conduct staff read it before anything is decided. You can send one response through this page.',
    responseLabel: 'Your response',
    send: 'Send response',
    sent: 'Your response was received. The conduct staff will read it before anything is decided.',
    responded: 'Your response is on record.',
    windowClosed:
      'The time for a response through this page has ended. If you still wish to answer, reply to the conduct staff who sent you this link.',
    actionTakenHeading: 'The action taken',
    empty: 'Write your response before sending it.',
    tooLong: 'The response is too long (at most 20,000 characters).',
    leave: 'Leave this page',
    leaveHint:
      'This page stays open for a short while on this device. Leave it when you are done, especially on a shared computer.',
    refused: 'The response could not be recorded:',
  },
  accusedLink: {
    heading: 'Link for the accused',
    lead: 'A link that opens the notice to the accused and lets them respond. It works once, and until the response deadline (14 days at most). Making a new link ends the previous one.',
    make: 'Make a link for the accused',
    title: 'Link for the accused',
    shownOnce:
      'Send this link to the accused yourself. It is shown only now: ombuds keeps only a fingerprint of it.',
    expires: (when: string) => `It works once, until ${when} UTC.`,
    back: 'Back to the case',
  },
  counsel: {
    heading: 'Legal counsel',
    lead: 'Legal counsel reads one case at a time, granted by the Executive Director. Each time they open it is written to the audit log.',
    none: 'No legal counsel has access to this case.',
    granted: 'Has access:',
    grantLabel: 'Grant access to',
    grant: 'Grant access',
    end: (name: string) => `End access for ${name}`,
    noAccounts: 'There is no active legal counsel account.',
  },
  accessPage: {
    title: (ref: string) => `Access to case ${ref}`,
    backToCase: 'Back to the case',
    /** The case page's link to this page. */
    fromCase: 'Legal counsel and the link for the accused',
    fromCaseHint:
      'Grant legal counsel access to this case, or make the one-time link through which the accused reads the notice and responds.',
  },
  staffIdentifiers: {
    title: (name: string) => `Identifiers of ${name}`,
    link: (name: string) => `Identifiers of ${name} (for recusal)`,
    lead: 'The e-mail addresses, IRC nicks, forge user names and name by which reports could name this person. A report naming them recuses them from its case at once, and a report accusing a member of staff is routed out of the ordinary procedure. Only a keyed fingerprint of each is kept, so they cannot be shown again: saving replaces the whole list.',
    onRecord: (count: number) =>
      count === 0 ? 'No identifiers on record.' : `${count} identifier(s) on record.`,
    emails: 'E-mail addresses (one a line)',
    ircNicks: 'IRC nicks, as network:nick (one a line)',
    forgeNames: 'Forge user names, as service:user (one a line)',
    name: 'Full name',
    save: 'Save identifiers',
    saved: (stored: number, cases: number) =>
      `${stored} identifier(s) saved; protections recorded on ${cases} case(s).`,
    invalidLine: (line: string) => `This line is not a valid identifier: ${line}`,
    back: 'Back to users',
  },
} as const;
