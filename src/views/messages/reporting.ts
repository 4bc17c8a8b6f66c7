/**
 * The words of the reporter's pages: the report form, the receipt, the follow-up pages, the
 * reporting guidelines and the quick exit. Part of the one catalogue in ../messages.ts as
 * `messages.reporting`. Calm and plain: the reader may be shaken, on a phone, in a hurry.
 */
import type {
  ConductItem,
  ReporterRelation,
  ReporterStatus,
  VenueKind,
} from '../../domain/report-form.js';

interface Installation {
  readonly foundationName: string;
}

export const reportingMessages = {
  quickExit: {
    link: 'Leave this site quickly',
    hint: 'Goes straight to another site. It does not clear your browser history.',
  },

  form: {
    title: 'Report a concern',
    lead: 'Tell us what happened. Only the description is needed; share whatever else you know. It is fine not to know everything.',
    privacy:
      'What you write is stored encrypted and read only by the conduct staff who handle reports. We do not record your IP address or your browser.',

    errorSummaryHeading: 'Please check these answers',
    csrfExpired:
      'For your safety this form expired before it was sent, so nothing was sent yet. Everything you typed is still here. Please check it and send it again. Files have to be chosen again.',
    filesAgain: 'If you chose files, please choose them again: browsers cannot keep them.',
    notSaved: 'Your report could not be stored. Everything you typed is still here.',

    dangerLegend: 'Is anyone in immediate or physical danger right now?',
    dangerYes: 'Yes',
    dangerNo: 'No',
    dangerAdvice:
      'If someone is in danger now, please contact your local emergency services or the police first. You can send this report afterwards.',
    dangerContactLead: (site: Installation) =>
      `You can also reach ${site.foundationName} urgently:`,

    behaviourLegend: 'What happened',
    behaviour: 'Describe what happened (needed)',
    behaviourHint:
      'In your own words. What was said or done, and how it affected you or others. Links and quotes help.',
    approximateTime: 'Roughly when did it happen?',
    approximateTimeHint: 'For example "last Tuesday evening" or "14 May, around 15:00 UTC".',
    circumstances: 'What were the circumstances?',
    circumstancesHint: 'What was going on at the time, such as a meeting, a review or a talk.',

    venueLegend: 'Where did it happen?',
    venueHint: 'The code of conduct applies outside the foundation’s spaces too.',
    venues: {
      irc: 'An IRC channel',
      mailing_list: 'A mailing list',
      issue_tracker: 'An issue tracker or code review',
      event: 'At an event',
      forum_or_chat: 'A forum or chat',
      outside: 'Somewhere else, outside the foundation’s spaces',
      not_sure: 'Not sure',
    } satisfies Record<VenueKind, string>,
    venueDetail: 'Which one, or where exactly?',
    venueDetailHint: 'For example "#openstack-dev on OFTC" or "the hallway track in Berlin".',

    accusedLegend: 'Who do you believe broke the code of conduct?',
    accusedHint:
      'Anything that helps identify them. Leave these empty if you do not know who it was.',
    person: (number: number) => `Person ${number}`,
    anotherPerson: (number: number) => `Add person ${number} (optional)`,
    accusedName: 'Name',
    accusedEmail: 'E-mail address',
    accusedIrcNick: 'IRC nick',
    accusedIrcNetwork: 'IRC network',
    accusedIrcNetworkHint: 'For example OFTC or Libera.Chat.',
    accusedForgeUser: 'Code review or forge user name',
    accusedForgeService: 'On which site?',
    accusedForgeServiceHint: 'For example GitHub, GitLab or OpenDev Gerrit.',
    accusedOtherLabel: 'Another way to identify them: what kind?',
    accusedOtherLabelHint: 'For example Matrix, Slack or a badge number.',
    accusedOtherValue: 'Another way to identify them: the identifier',

    relationLegend: 'How are you connected to what happened?',
    relations: {
      target: 'It happened to me',
      witness: 'I saw or heard it',
      told: 'Someone told me about it',
      not_said: 'I would rather not say',
    } satisfies Record<ReporterRelation, string>,

    conductLegend: 'Which parts of the code of conduct does it touch?',
    conductHint: 'Choose any that fit. If you are not sure, choose the last one.',
    conductItems: {
      violent_threats: 'Violent threats or language directed against someone',
      discriminatory_language: 'Discriminatory jokes or language',
      sexual_or_violent_material: 'Sexually suggestive, explicit or violent material',
      doxing: 'Posting, or threatening to post, someone’s personal information (doxing)',
      personal_insults: 'Personal insults, especially racist or sexist ones',
      unwelcome_sexual_attention: 'Unwelcome sexual attention',
      advocating_these: 'Advocating for or encouraging any of these',
      repeated_harassment: 'Repeated harassment, or not stopping when asked to',
      election_manipulation: 'Manipulating an election: vote trading, ballot stuffing',
      other_or_not_sure: 'Something else, or not sure',
    } satisfies Record<ConductItem, string>,

    othersInvolved: 'Was anyone else involved, or did anyone else see it?',
    othersInvolvedHint: 'Please do not question them yourself: staff will do that if needed.',

    youLegend: 'About you',
    anonymousLegend: 'Do you want to stay anonymous?',
    anonymousYes:
      'Yes: store no contact details, and do not tell the person I report who reported them',
    anonymousNo: 'No: staff may contact me, and may say who reported when they need to',
    contact: 'How can staff contact you? (only if you chose not to stay anonymous)',
    contactHint: 'An e-mail address or phone number, and the best times to reach you.',

    filesLegend: 'Files (optional)',
    files: 'Screenshots, photos, logs or documents',
    filesHint: (maxFiles: number, maxMegabytes: number) =>
      `Up to ${maxFiles} files, each up to ${maxMegabytes} MB: PNG, JPEG, GIF, WebP, PDF or plain text. Files may contain hidden details such as where a photo was taken.`,
    fileTooLarge: (maxMegabytes: number) => `A file can be at most ${maxMegabytes} MB.`,
    tooManyFiles: (maxFiles: number) => `Attach at most ${maxFiles} files at a time.`,

    submit: 'Send the report',
    afterSubmit:
      'After sending you will get a receipt code. With it you can come back, read replies from staff and add information.',
  },

  receipt: {
    title: 'Your report was received',
    lead: 'Thank you. Your report is stored, and conduct staff will read it.',
    codeHeading: 'Your receipt code',
    codeIntro:
      'Write this code down or keep it somewhere safe now. It is shown only on this page and we cannot send it to you or look it up later.',
    codeUse:
      'With this code you can come back to "Follow up on a report" at any time to see where your report is, read messages from staff and add information or files.',
    codeSecret:
      'Anyone with the code can read the conversation, so keep it to yourself. If you lose it, you can send a new report.',
    followUpLink: 'Follow up on a report',
    dangerHeading: 'You said someone is in danger',
    dangerText:
      'Please contact your local emergency services or the police now if you have not already. Staff will see your report first, but they cannot send help to you.',
    homeLink: 'Back to the start page',
  },

  followUp: {
    title: 'Follow up on a report',
    lead: 'Enter the receipt code you were given when you sent your report.',
    code: 'Receipt code',
    codeHint: 'Five groups of four letters and numbers, for example ABCD-EFGH-JKMN-PQRS-TVWX.',
    submit: 'Open my report',
    notFound:
      'We could not open a report with this code. Please check it and try again. Letters and dashes can be typed in any case.',
    ended: 'Your follow-up session has ended. Enter your receipt code again to continue.',
    left: 'You have left your report. Enter the receipt code again to come back.',
    noCode:
      'Lost the code? We cannot look it up for you, because we do not know who sent which report. You can send a new report and mention the earlier one.',
  },

  followUpCase: {
    title: 'Your report',
    statusHeading: 'Where your report is',
    statuses: {
      received: 'Received. Conduct staff have your report and will look at it soon.',
      being_assessed: 'Staff are assessing your report and deciding on the next steps.',
      waiting_for_response: 'The person reported has been told about it and may answer.',
      under_review: 'Staff are reviewing what they have learned.',
      decided: 'Staff have decided how to resolve it. Their message is below.',
      closed: 'This report is closed.',
    } satisfies Record<ReporterStatus, string>,
    conversationHeading: 'Messages',
    fromStaff: 'Conduct staff',
    fromYou: 'You',
    files: 'Files:',
    addHeading: 'Add information',
    addText: 'What would you like to add?',
    addTextHint: 'New details, answers to staff, or anything you remembered later.',
    addFiles: 'Files (optional)',
    addSubmit: 'Add to my report',
    added: 'Thank you. What you added is now part of your report.',
    nothingToAdd: 'Write something or choose a file to add.',
    closedText: 'This report is closed, so nothing more can be added to it.',
    leaveHeading: 'When you are done',
    leaveText: 'Leaving ends this session on this device. You can come back with your code.',
    leave: 'Leave',
    csrfExpired:
      'For your safety this form expired before it was sent, so nothing was added yet. Your text is still here; please send it again.',
  },

  guidelines: {
    title: 'Reporting guidelines',
    lead: (site: Installation) =>
      `If you believe someone broke the code of conduct, you are being harassed, or you have any other concern, please tell ${site.foundationName}'s conduct staff as soon as you can.`,
    whoHeading: 'Who receives reports',
    whoConfigured: 'Reports go to these members of the conduct staff:',
    whoUnconfigured: (site: Installation) =>
      `Reports go to ${site.foundationName}'s conduct staff through this site.`,
    email: 'E-mail:',
    phone: 'Phone:',
    howHeading: 'How to reach them',
    how: [
      'Use the report form on this site. You do not need an account, and you may stay anonymous.',
      'Or contact a member of the conduct staff directly by phone or e-mail. They will write the report down with you.',
      'At an event, you can also speak to any member of staff in person.',
    ],
    reportLink: 'Report a concern',
    followUpLink: 'Follow up on a report',
    dangerHeading: 'If someone is in danger now',
    dangerText:
      'If you or anyone else is in immediate or physical danger, contact your local emergency services or the police first.',
    dangerContactLead: (site: Installation) =>
      `You can also reach ${site.foundationName} urgently:`,
    includeHeading: 'What to include',
    include: [
      'Who it is about: a name, e-mail address, IRC nick, user name or anything else that identifies them.',
      'How to contact you, or the person it happened to, unless you want to stay anonymous.',
      'What happened, roughly when, and the circumstances.',
      'Anyone else who was involved.',
      'Whether you want your report kept anonymous.',
    ],
    stepsHeading: 'What happens after a report',
    stepsLead: 'Conduct staff take these steps, in this order. None of them can be skipped.',
    steps: [
      'Your report is received, from this site, by phone, by e-mail or in person.',
      'Staff first check whether anyone is in immediate or physical danger. If so, they contact the local authorities before anything else.',
      'Staff write up the facts: who is involved, what happened, when and where, who else was there, and whether you want to stay anonymous.',
      'Staff ask the person affected whether they need help, a safe person such as a friend or family member, or a safe place, and explain the next steps. They never press anyone to drop a report.',
      'Staff inform the Executive Director, who decides whether legal advice or the authorities, a public statement, or more information from witnesses is needed.',
      'The person reported is told which behaviour the report is about, never who reported it if you asked to stay anonymous. From then on they and the person affected should have no contact.',
      'The person reported can answer. Nothing is decided before they have had that chance.',
      'Staff meet to review what they know and decide whether the code of conduct was broken. They may suggest a meeting with a neutral third person.',
      'If it was broken, staff decide what to do: from a warning, to a ban from channels, mailing lists or events, to removal from community roles.',
      'Staff tell the person reported what action, if any, will be taken.',
      'Staff tell you, and others involved as far as appropriate, how it was resolved.',
      'Staff record the outcome and close the case.',
    ],
    practicesHeading: 'Good to know',
    practices: [
      'You do not have to speak to or deal with the person you report. Staff are there to support you.',
      'Gather what you already know, but please do not question other people about what happened.',
      'Staff can help you write the report and collect information.',
      'The quick exit at the top of every page leaves this site at once. It does not clear your browser history.',
    ],
  },
};
