import { describe, expect, it } from 'vitest';
import {
  currentStep,
  evolve,
  hasStopRequest,
  initialState,
  isFlaggedDanger,
  isNoContactDirectiveInForce,
  priority,
  replay,
} from './case-state.js';
import { decide } from './procedure.js';
import {
  apply,
  assessedCase,
  caseBefore,
  closedCase,
  command,
  director,
  happyPath,
  hour,
  reporter,
  run,
  staff,
} from './procedure.fixtures.js';

describe('the procedure, followed step by step', () => {
  it('carries a case through all twelve steps, one event per step', () => {
    const { state, events } = closedCase();
    expect(events.map((event) => event.type)).toEqual([
      'case_received',
      'danger_assessed',
      'initial_report_recorded',
      'initial_response_recorded',
      'executive_director_notified',
      'determinations_recorded',
      'accused_notified',
      'response_recorded',
      'review_recorded',
      'sanctions_imposed',
      'accused_informed',
      'complainant_informed',
      'case_closed',
    ]);
    expect(currentStep(state)).toBe('closed');
    expect(state.review?.conclusion).toBe('violation_found');
    expect(state.sanctions?.sanctions).toHaveLength(2);
  });

  it('records who took each step and when', () => {
    const { events } = closedCase();
    events.forEach((event, index) => {
      expect(event.at).toBe(hour(index));
      expect(event.actorId).toBe(event.type === 'determinations_recorded' ? director.id : staff.id);
    });
  });

  it('derives the same state by replaying the timeline as by deciding step by step', () => {
    const { state, events } = closedCase();
    expect(replay(events)).toEqual(state);
  });

  it('moves the current step forward exactly as the procedure lists it', () => {
    const steps = happyPath.map((step) => currentStep(caseBefore(step)));
    expect(steps).toEqual([
      'not_received',
      'assess_danger',
      'record_initial_report',
      'record_initial_response',
      'notify_executive_director',
      'record_determinations',
      'notify_accused',
      'await_response',
      'record_review',
      'impose_sanctions',
      'inform_accused',
      'inform_complainant',
      'close_case',
    ]);
  });

  it('skips the sanctions step when the review found no violation, and still informs the accused', () => {
    const { state, events } = run(
      [
        [{ ...command.record_review(hour(8)), conclusion: 'no_violation' }, staff],
        [command.inform_accused(hour(9)), staff],
        [command.inform_complainant(hour(10)), staff],
        [command.close_case(hour(11)), staff],
      ],
      caseBefore('record_review'),
    );
    expect(events.map((event) => event.type)).not.toContain('sanctions_imposed');
    expect(currentStep(state)).toBe('closed');
  });

  it('reaches a conclusion after the response window closed without a response', () => {
    const before = caseBefore('record_response');
    const deadline = before.accusedNotice?.responseDeadline ?? '';
    const after = new Date(Date.parse(deadline) + 1000).toISOString();
    const { state } = run(
      [
        [command.close_response_window(after), staff],
        [{ ...command.record_review(after), conclusion: 'not_determinable' }, staff],
      ],
      before,
    );
    expect(state.response?.type).toBe('response_window_closed');
    expect(state.review?.conclusion).toBe('not_determinable');
  });

  it('records a suggested joint meeting with a neutral third party', () => {
    const review = {
      ...command.record_review(hour(8)),
      jointMeeting: { neutralThirdParty: 'An external mediator' },
    };
    const { events } = run([[review, staff]], caseBefore('record_review'));
    expect(events[0]).toMatchObject({
      jointMeeting: { neutralThirdParty: 'An external mediator' },
    });
  });

  it('records that a staff-entered report was oral and who wrote it down', () => {
    const { state } = run([[command.receive(hour(0)), staff]]);
    expect(state.received?.intake).toEqual({
      channel: 'staff_entered',
      medium: 'phone',
      oral: true,
      writtenDownBy: staff.id,
    });
  });

  it('records that a report by e-mail was written, not oral', () => {
    const input = {
      ...command.receive(hour(0)),
      staffEntry: { medium: 'email', writtenDownBy: staff.id },
    };
    const { state } = run([[input as never, staff]]);
    expect(state.received?.intake).toMatchObject({ medium: 'email', oral: false });
  });

  it('accepts a report from the public form without naming the reporter', () => {
    const { events } = run([
      [
        { kind: 'receive', at: hour(0), channel: 'public_form', account: 'What happened.' },
        reporter,
      ],
    ]);
    expect(events[0]).toMatchObject({
      actorId: 'public-intake',
      intake: { channel: 'public_form' },
    });
  });

  it('addresses the notice to the board liaison on a case about the Executive Director', () => {
    const routed = run(
      [[{ kind: 'route_case', at: hour(3), route: 'against_executive_director' }, staff]],
      caseBefore('record_initial_response'),
    ).state;
    const { events } = run(
      [
        [command.record_initial_response(hour(4)), staff],
        [command.notify_executive_director(hour(5)), staff],
      ],
      routed,
    );
    expect(events[1]).toMatchObject({
      type: 'executive_director_notified',
      recipient: 'board_liaison',
    });
  });
});

describe('danger', () => {
  it('flags a case in immediate danger until authorities are recorded, then lifts the flag', () => {
    const flagged = assessedCase(true);
    expect(isFlaggedDanger(flagged)).toBe(true);
    expect(priority(flagged)).toBe('danger');
    expect(currentStep(flagged)).toBe('record_authorities_contact');
    const cleared = apply(
      flagged,
      decide(flagged, command.record_authorities_contact(hour(2)), staff),
    );
    expect(isFlaggedDanger(cleared)).toBe(false);
    expect(priority(cleared)).toBe('normal');
    expect(cleared.authoritiesContact).toMatchObject({ reference: 'Police report 2025-1142' });
  });

  it('continues with the initial report once authorities are recorded', () => {
    const flagged = assessedCase(true);
    const { state } = run(
      [
        [command.record_authorities_contact(hour(2)), staff],
        [command.record_initial_report(hour(3)), staff],
      ],
      flagged,
    );
    expect(currentStep(state)).toBe('record_initial_response');
  });

  it('puts a case whose danger question is unanswered ahead of ordinary cases', () => {
    const received = caseBefore('assess_danger');
    expect(priority(received)).toBe('assess_danger');
    expect(priority(assessedCase(false))).toBe('normal');
    expect(priority(closedCase().state)).toBe('inactive');
  });

  it('does not flag a case without immediate danger', () => {
    expect(isFlaggedDanger(assessedCase(false))).toBe(false);
  });
});

describe('what the state tells beside the steps', () => {
  it('puts the interim no-contact directive in force from the notice to the accused until close', () => {
    expect(isNoContactDirectiveInForce(caseBefore('notify_accused'))).toBe(false);
    expect(isNoContactDirectiveInForce(caseBefore('record_response'))).toBe(true);
    expect(isNoContactDirectiveInForce(caseBefore('close_case'))).toBe(true);
    expect(isNoContactDirectiveInForce(closedCase().state)).toBe(false);
  });

  it('records a request to stop without closing the case', () => {
    const before = caseBefore('record_review');
    const after = apply(before, decide(before, command.record_stop_request(hour(8)), reporter));
    expect(hasStopRequest(after)).toBe(true);
    expect(currentStep(after)).toBe('record_review');
    expect(decide(after, command.record_review(hour(9)), staff).ok).toBe(true);
  });

  it('lets staff record a stop request told to them, several times if need be', () => {
    const { state } = run(
      [
        [command.record_stop_request(hour(2)), staff],
        [{ ...command.record_stop_request(hour(3)), note: 'Asked again by phone.' }, staff],
      ],
      assessedCase(),
    );
    expect(state.stopRequests).toHaveLength(2);
  });

  it('starts from an empty case that only a report can open', () => {
    expect(initialState.received).toBeNull();
    expect(currentStep(initialState)).toBe('not_received');
    expect(priority(initialState)).toBe('inactive');
  });

  it('keeps the state unchanged for the caller when evolving', () => {
    const before = assessedCase();
    const snapshot = structuredClone(before);
    evolve(before, { type: 'stop_requested', at: hour(2), actorId: staff.id, note: '' });
    expect(before).toEqual(snapshot);
  });
});
