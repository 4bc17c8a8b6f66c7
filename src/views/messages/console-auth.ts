/**
 * The words of the staff console's frame and of its account pages (sign-in, enrolment, account,
 * users). Part of the one catalogue in ../messages.ts as `messages.console`.
 */
export const consoleAuthMessages = {
  layout: {
    siteName: 'Conduct staff console',
    pageTitle: (page: string) => `${page} · Conduct staff console`,
    navLabel: 'Console',
    queue: 'Queue',
    users: 'Users',
    account: 'Account',
    signedInAs: (name: string) => `Signed in as ${name}`,
    signOut: 'Sign out',
    footer: 'Staff only. Every view of case content is recorded in the audit log.',
  },

  signIn: {
    title: 'Sign in',
    lead: 'Sign in with your user name, your password and the current code from your authenticator app.',
    username: 'User name',
    password: 'Password',
    code: 'Code from your authenticator app',
    codeHint: 'Six digits. A code works once.',
    submit: 'Sign in',
    failed: 'The user name, password or code is not correct.',
    throttled: 'Too many sign-in attempts. Please wait an hour, or ask an administrator for help.',
    signedOut: 'You are signed out.',
    signedOutEverywhere: 'You are signed out on every device.',
    passwordChanged: 'Your password is changed. Sign in again with the new one.',
  },

  enrol: {
    title: 'Set up your staff account',
    lead: (name: string, username: string) =>
      `Welcome, ${name}. Your user name is ${username}. Choose a password and connect an authenticator app to finish.`,
    appHeading: '1. Connect your authenticator app',
    appText:
      'Add an account in your authenticator app (for example FreeOTP, Aegis or Google Authenticator) by entering this key, or open the link below on the device that holds the app.',
    secretLabel: 'Key',
    uriLabel: 'Setup link (otpauth)',
    passwordHeading: '2. Choose a password',
    passwordHint:
      'At least 12 characters. A passphrase of several words is easy to remember and hard to guess.',
    password: 'New password',
    passwordAgain: 'The same password again',
    codeHeading: '3. Confirm with a code',
    code: 'The code your app shows now',
    submit: 'Finish setting up',
    done: 'Your account is ready. Sign in with your user name, password and a new code.',
  },

  account: {
    title: 'Your account',
    userName: 'User name',
    displayName: 'Name',
    roles: 'Roles',
    passwordHeading: 'Change your password',
    passwordHint: 'Changing it signs you out everywhere, this browser included.',
    currentPassword: 'Current password',
    newPassword: 'New password',
    newPasswordAgain: 'The same new password again',
    changePassword: 'Change password',
    sessionsHeading: 'Sign out everywhere',
    sessionsText: 'Ends every session of your account on every device, this one included.',
    signOutEverywhere: 'Sign out everywhere',
  },

  users: {
    title: 'Users',
    listHeading: 'Staff accounts',
    userName: 'User name',
    displayName: 'Name',
    roles: 'Roles',
    status: 'Status',
    actions: 'Actions',
    active: 'Active',
    invited: 'Invited, not set up yet',
    disabled: 'Disabled',
    disable: (name: string) => `Disable ${name}`,
    saveRoles: (name: string) => `Save roles of ${name}`,
    inviteHeading: 'Invite a staff member',
    inviteHint:
      'The invitation is a one-time link valid for 72 hours. Give it to the person through a channel you trust; only they should open it.',
    invite: 'Create invitation',
    invitedHeading: 'Invitation created',
    invitedText: (name: string, expires: string) =>
      `Give this link to ${name}. It works once, until ${expires} (UTC), and is not shown again.`,
    rolesLegend: 'Roles',
    disabledDone: (name: string) => `${name} is disabled and signed out everywhere.`,
    rolesDone: (name: string) => `Roles of ${name} saved.`,
  },

  roles: {
    conduct_staff: 'Conduct staff',
    executive_director: 'Executive Director',
    board_liaison: 'Board liaison',
    administrator: 'Administrator',
    legal_counsel: 'Legal counsel',
  },
};
