import { describe, expect, it } from 'vitest';
import type { CaseCommandInput } from './case-commands.js';
import { mayViewCase } from './case-access.js';
import type { CaseState } from './case-state.js';
import { initialState, isRecused } from './case-state.js';
import { decide } from './procedure.js';
import type { ProcedureRule } from './procedure-rules.js';
import {
  admin,
  assessedCase,
  caseBefore,
  command,
  counsel,
  director,
  hour,
  liaison,
  otherStaff,
  reporter,
  run,
  staff,
} from './procedure.fixtures.js';
import type { Actor } from './roles.js';

const refusedOn = (state: CaseState, input: CaseCommandInput, by: Actor, rule: ProcedureRule) => {
  const decision = decide(state, input, by);
  expect(decision.ok ? 'accepted' : decision.rejection.rule).toBe(rule);
};
const accepted = (state: CaseState, input: CaseCommandInput, by: Actor) =>
  expect(decide(state, input, by).ok).toBe(true);

const participant = ({ id, roles }: Actor) => ({ id, roles: [...roles] });

describe('roles', () => {
  it('refuses an administrator any step, with the rule that they have no case role', () => {
    refusedOn(assessedCase(), command.record_initial_report(hour(2)), admin, 'no_case_role');
  });

  it('refuses an administrator entering a report', () => {
    refusedOn(initialState, command.receive(hour(0)), admin, 'no_case_role');
  });

  it('refuses an administrator the determinations', () => {
    refusedOn(
      caseBefore('record_determinations'),
      command.record_determinations(hour(5)),
      admin,
      'no_case_role',
    );
  });

  it('refuses legal counsel a step, because the role reads only', () => {
    refusedOn(
      assessedCase(),
      command.record_initial_report(hour(2)),
      counsel,
      'legal_counsel_read_only',
    );
  });

  it('refuses legal counsel the determinations', () => {
    refusedOn(
      caseBefore('record_determinations'),
      command.record_determinations(hour(5)),
      counsel,
      'legal_counsel_read_only',
    );
  });

  it('lets legal counsel declare a conflict', () => {
    accepted(assessedCase(), command.declare_conflict(hour(2)), counsel);
  });

  it('refuses the determinations to conduct staff', () => {
    refusedOn(
      caseBefore('record_determinations'),
      command.record_determinations(hour(5)),
      staff,
      'determinations_require_executive_director',
    );
  });

  it('refuses the determinations to the board liaison on an ordinary case', () => {
    refusedOn(
      caseBefore('record_determinations'),
      command.record_determinations(hour(5)),
      liaison,
      'determinations_require_executive_director',
    );
  });

  it('refuses the Executive Director the steps that conduct staff record', () => {
    refusedOn(
      assessedCase(),
      command.record_initial_report(hour(2)),
      director,
      'step_requires_conduct_staff',
    );
  });

  it('lets the Executive Director notify the accused, as the code of conduct allows', () => {
    accepted(caseBefore('notify_accused'), command.notify_accused(hour(6)), director);
  });

  it('acts with the staff role of someone who holds several roles', () => {
    const both: Actor = { id: 'staff-admin', roles: ['administrator', 'conduct_staff'] };
    accepted(assessedCase(), command.record_initial_report(hour(2)), both);
  });
});

describe('the public side', () => {
  it('refuses the public side any step', () => {
    refusedOn(
      assessedCase(),
      command.record_initial_report(hour(2)),
      reporter,
      'public_intake_limited',
    );
  });

  it('lets the public side pass on a request to stop', () => {
    accepted(assessedCase(), command.record_stop_request(hour(2)), reporter);
  });

  it('refuses a staff-entered report from the public side', () => {
    refusedOn(initialState, command.receive(hour(0)), reporter, 'intake_channel_mismatch');
  });

  it('refuses staff submitting a report as if from the public form', () => {
    const input = {
      kind: 'receive',
      at: hour(0),
      channel: 'public_form',
      account: 'Text.',
    } as const;
    refusedOn(initialState, input, staff, 'intake_channel_mismatch');
  });

  it('refuses a staff-entered report without how it came and who wrote it down', () => {
    const input = {
      kind: 'receive',
      at: hour(0),
      channel: 'staff_entered',
      account: 'Text.',
    } as const;
    refusedOn(initialState, input, staff, 'staff_entry_details_missing');
  });
});

describe('recusal', () => {
  const recused = () => run([[command.declare_conflict(hour(2)), staff]], assessedCase()).state;

  it('records a declared conflict', () => {
    expect(isRecused(recused(), staff.id)).toBe(true);
    expect(recused().recusals).toEqual([{ actorId: staff.id, reason: 'conflict', at: hour(2) }]);
  });

  it('refuses any action by a recused member of staff', () => {
    refusedOn(recused(), command.record_initial_report(hour(3)), staff, 'actor_recused');
    refusedOn(recused(), command.record_stop_request(hour(3)), staff, 'actor_recused');
    refusedOn(recused(), command.declare_conflict(hour(3)), staff, 'actor_recused');
  });

  it('lets other staff carry on', () => {
    accepted(recused(), command.record_initial_report(hour(3)), otherStaff);
  });

  it('recuses a member of staff who is a party to the case', () => {
    const input = { kind: 'recuse_staff_party', at: hour(2), staffId: otherStaff.id } as const;
    const state = run([[input, staff]], assessedCase()).state;
    expect(state.recusals[0]).toMatchObject({ actorId: otherStaff.id, reason: 'party' });
    refusedOn(state, command.record_initial_report(hour(3)), otherStaff, 'actor_recused');
    refusedOn(state, { ...input, at: hour(3) }, staff, 'already_recused');
  });

  it('refuses a recused member of staff as a review participant', () => {
    const before = caseBefore('record_review');
    const state = run([[command.declare_conflict(hour(8)), otherStaff]], before).state;
    refusedOn(state, command.record_review(hour(9)), staff, 'review_participant_recused');
  });

  it.each([
    ['the Executive Director', director],
    ['legal counsel', counsel],
    ['an administrator', admin],
    ['the board liaison', liaison],
  ])('refuses %s as a review participant', (_name, who) => {
    const input = {
      ...command.record_review(hour(8)),
      participants: [participant(staff), participant(who)],
    };
    refusedOn(caseBefore('record_review'), input, staff, 'review_participant_not_staff');
  });

  it('keeps a recused member of staff out of the case', () => {
    expect(mayViewCase(assessedCase(), staff)).toBe(true);
    expect(mayViewCase(recused(), staff)).toBe(false);
  });

  it('keeps administrators and the public side out of every case', () => {
    expect(mayViewCase(assessedCase(), admin)).toBe(false);
    expect(mayViewCase(assessedCase(), reporter)).toBe(false);
    expect(mayViewCase(assessedCase(), counsel)).toBe(true);
  });
});
