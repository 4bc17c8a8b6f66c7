import { describe, expect, it } from 'vitest';
import {
  accusedLinkExpiry,
  accusedLinkPolicy,
  accusedLinkRefusal,
  accusedPage,
  accusedSessionExpiry,
} from './accused-link.js';
import {
  admin,
  caseBefore,
  closedCase,
  command,
  counsel,
  director,
  hour,
  run,
  staff,
} from './procedure.fixtures.js';

const days = (n: number) => n * 24 * 3_600_000;

describe('making a link for the accused', () => {
  it('waits for the notice to the accused', () => {
    expect(accusedLinkRefusal(caseBefore('notify_accused'), staff)).toBe(
      'accused_link_not_notified',
    );
  });

  it('is open to whoever may notify the accused', () => {
    const notified = caseBefore('record_response');
    expect(accusedLinkRefusal(notified, staff)).toBeNull();
    expect(accusedLinkRefusal(notified, director)).toBeNull();
  });

  it('is refused to administrators and legal counsel', () => {
    const notified = caseBefore('record_response');
    expect(accusedLinkRefusal(notified, admin)).toBe('accused_link_not_allowed');
    expect(accusedLinkRefusal(notified, counsel)).toBe('accused_link_not_allowed');
  });

  it('is refused on a closed case', () => {
    expect(accusedLinkRefusal(closedCase().state, staff)).toBe('accused_link_case_inactive');
  });
});

describe('how long a link and its session live', () => {
  it('ends at the response deadline when that comes first', () => {
    // The fixtures' deadline is 14 days after the notice at hour 6.
    const notified = caseBefore('record_response');
    const issued = hour(30);
    expect(accusedLinkExpiry(notified, issued)).toBe(notified.accusedNotice?.responseDeadline);
  });

  it('never lives longer than 14 days', () => {
    const notified = run(
      [[{ kind: 'notify_accused', at: hour(6), responseDeadline: hour(6 + 24 * 60) }, staff]],
      caseBefore('notify_accused'),
    ).state;
    const issued = hour(7);
    expect(Date.parse(accusedLinkExpiry(notified, issued)) - Date.parse(issued)).toBe(
      accusedLinkPolicy.maxValidMs,
    );
  });

  it('lives 14 days once the accused answered, so they can read the outcome', () => {
    const answered = run(
      [[command.record_response(hour(8)), staff]],
      caseBefore('record_response'),
    ).state;
    const issued = hour(9);
    expect(Date.parse(accusedLinkExpiry(answered, issued)) - Date.parse(issued)).toBe(days(14));
  });

  it('ends a session with its link at the latest', () => {
    expect(accusedSessionExpiry(hour(0), hour(1))).toBe(hour(1));
    expect(accusedSessionExpiry(hour(0), hour(100))).toBe(hour(2));
  });
});

describe('what the accused page holds', () => {
  it('holds nothing before the notice', () => {
    expect(accusedPage(caseBefore('notify_accused'))).toBeNull();
  });

  it('offers the response form until a response is recorded', () => {
    const notified = caseBefore('record_response');
    expect(accusedPage(notified)).toMatchObject({
      mayRespond: true,
      responded: false,
      actionTaken: null,
    });
    const answered = run([[command.record_response(hour(8)), staff]], notified).state;
    expect(accusedPage(answered)).toMatchObject({ mayRespond: false, responded: true });
  });

  it('shows the action taken once the accused is informed, and no complainant field at all', () => {
    const page = accusedPage(closedCase().state);
    expect(page?.actionTaken).toBe('A warning and a 90-day ban.');
    expect(Object.keys(page?.notice ?? {}).sort()).toEqual([
      'behaviour',
      'conductItems',
      'message',
      'responseDeadline',
      'venue',
    ]);
  });
});
