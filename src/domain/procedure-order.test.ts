import { describe, expect, it } from 'vitest';
import { decide } from './procedure.js';
import {
  assessedCase,
  caseBefore,
  command,
  director,
  hour,
  run,
  staff,
} from './procedure.fixtures.js';
import { expectRefused, procedureSteps, refusedOn } from './procedure-expect.fixtures.js';

describe('the danger question comes first', () => {
  const received = caseBefore('assess_danger');

  it.each(procedureSteps)('refuses %s before the danger assessment', (kind) => {
    refusedOn(received, command[kind](hour(1)), 'danger_not_assessed');
  });

  it('refuses the determinations before the danger assessment', () => {
    refusedOn(received, command.record_determinations(hour(1)), 'danger_not_assessed', director);
  });

  it('refuses recording authorities before the danger assessment', () => {
    refusedOn(received, command.record_authorities_contact(hour(1)), 'danger_not_assessed');
  });

  it.each(procedureSteps)(
    'refuses %s while danger is flagged and authorities are not recorded',
    (kind) => {
      refusedOn(assessedCase(true), command[kind](hour(2)), 'danger_authorities_pending');
    },
  );

  it('refuses recording authorities when nobody was found in immediate danger', () => {
    refusedOn(
      assessedCase(false),
      command.record_authorities_contact(hour(2)),
      'authorities_without_danger',
    );
  });

  it('refuses a contact with authorities dated after the moment it is recorded', () => {
    const input = { ...command.record_authorities_contact(hour(2)), contactedAt: hour(3) };
    refusedOn(assessedCase(true), input, 'contact_time_in_future');
  });

  it('refuses a second danger assessment', () => {
    refusedOn(assessedCase(false), command.assess_danger(hour(2)), 'step_already_recorded');
  });

  it('refuses recording authorities twice', () => {
    const state = run(
      [[command.record_authorities_contact(hour(2)), staff]],
      assessedCase(true),
    ).state;
    refusedOn(state, command.record_authorities_contact(hour(3)), 'step_already_recorded');
  });
});

describe('each step waits for the one before', () => {
  it('refuses the initial response before the initial report', () => {
    refusedOn(
      caseBefore('record_initial_report'),
      command.record_initial_response(hour(2)),
      'initial_report_missing',
    );
  });

  it('refuses to notify the Executive Director before the initial response to the complainant', () => {
    const decision = decide(
      caseBefore('record_initial_response'),
      command.notify_executive_director(hour(3)),
      staff,
    );
    expectRefused(decision, 'initial_response_missing');
    expect(decision.ok || decision.rejection.reason).toBe(
      'The Executive Director is notified only after the initial response to the complainant has been recorded.',
    );
  });

  it('refuses the determinations before the Executive Director is notified', () => {
    refusedOn(
      caseBefore('notify_executive_director'),
      command.record_determinations(hour(4)),
      'executive_director_not_notified',
      director,
    );
  });

  it('refuses to notify the accused before the determinations', () => {
    refusedOn(
      caseBefore('record_determinations'),
      command.notify_accused(hour(5)),
      'determinations_missing',
    );
  });

  it('refuses a response deadline that is not after the notice', () => {
    const input = { ...command.notify_accused(hour(6)), responseDeadline: hour(6) };
    refusedOn(caseBefore('notify_accused'), input, 'deadline_not_after_notice');
  });

  it('refuses a response before the accused is notified', () => {
    refusedOn(
      caseBefore('notify_accused'),
      command.record_response(hour(6)),
      'accused_not_notified',
    );
  });

  it('refuses a conclusion before the accused was notified', () => {
    refusedOn(caseBefore('notify_accused'), command.record_review(hour(6)), 'accused_not_notified');
  });

  it('refuses a conclusion before the accused has answered or the window closed', () => {
    refusedOn(caseBefore('record_response'), command.record_review(hour(7)), 'response_pending');
  });

  it('refuses closing the response window before the deadline', () => {
    refusedOn(
      caseBefore('record_response'),
      command.close_response_window(hour(7)),
      'response_window_open',
    );
  });

  it('refuses closing the response window at the deadline itself', () => {
    const state = caseBefore('record_response');
    const deadline = state.accusedNotice?.responseDeadline ?? '';
    refusedOn(state, command.close_response_window(deadline), 'response_window_open');
  });

  it('refuses closing the window before the accused was notified', () => {
    refusedOn(
      caseBefore('notify_accused'),
      command.close_response_window(hour(6)),
      'accused_not_notified',
    );
  });

  it('refuses a response after the window was closed', () => {
    const state = caseBefore('record_response');
    const late = new Date(
      Date.parse(state.accusedNotice?.responseDeadline ?? '') + 1,
    ).toISOString();
    const closedWindow = run([[command.close_response_window(late), staff]], state).state;
    refusedOn(closedWindow, command.record_response(late), 'step_already_recorded');
  });

  it('accepts a late response while the window is still open on the record', () => {
    const state = caseBefore('record_response');
    const late = new Date(
      Date.parse(state.accusedNotice?.responseDeadline ?? '') + 1,
    ).toISOString();
    expect(decide(state, command.record_response(late), staff).ok).toBe(true);
  });

  it('refuses sanctions before the review', () => {
    refusedOn(caseBefore('record_review'), command.impose_sanctions(hour(8)), 'review_missing');
  });

  it.each(['no_violation', 'not_determinable'] as const)(
    'refuses sanctions when the review concluded %s',
    (conclusion) => {
      const reviewed = run(
        [[{ ...command.record_review(hour(8)), conclusion }, staff]],
        caseBefore('record_review'),
      ).state;
      refusedOn(reviewed, command.impose_sanctions(hour(9)), 'sanctions_need_violation');
    },
  );

  it('refuses informing the accused before the review', () => {
    refusedOn(caseBefore('record_review'), command.inform_accused(hour(8)), 'review_missing');
  });

  it('refuses informing the accused of a violation before the action taken is recorded', () => {
    refusedOn(caseBefore('impose_sanctions'), command.inform_accused(hour(9)), 'sanctions_missing');
  });

  it('refuses informing the complainant before the accused', () => {
    refusedOn(
      caseBefore('inform_accused'),
      command.inform_complainant(hour(10)),
      'accused_not_informed',
    );
  });

  it('refuses closing before the complainant is informed', () => {
    refusedOn(
      caseBefore('inform_complainant'),
      command.close_case(hour(11)),
      'complainant_not_informed',
    );
  });

  it.each([
    ['record_initial_report', 'record_initial_response'],
    ['record_initial_response', 'notify_executive_director'],
    ['notify_executive_director', 'record_determinations'],
    ['notify_accused', 'record_response'],
    ['record_review', 'impose_sanctions'],
    ['impose_sanctions', 'inform_accused'],
    ['inform_accused', 'inform_complainant'],
    ['inform_complainant', 'close_case'],
  ] as const)('refuses %s a second time', (kind, next) => {
    refusedOn(caseBefore(next), command[kind](hour(20)), 'step_already_recorded');
  });

  it('refuses the determinations a second time', () => {
    refusedOn(
      caseBefore('notify_accused'),
      command.record_determinations(hour(20)),
      'step_already_recorded',
      director,
    );
  });
});
