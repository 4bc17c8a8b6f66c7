import { describe, expect, it } from 'vitest';
import { mayViewCase } from './case-access.js';
import { initialState, isRecused } from './case-state.js';
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
import { accepted, participant, refusedFor } from './procedure-expect.fixtures.js';
import type { Actor } from './roles.js';

describe('roles', () => {
  it('refuses an administrator any step, with the rule that they have no case role', () => {
    refusedFor(assessedCase(), command.record_initial_report(hour(2)), admin, 'no_case_role');
  });

  it('refuses an administrator entering a report', () => {
    refusedFor(initialState, command.receive(hour(0)), admin, 'no_case_role');
  });

  it('refuses an administrator the determinations', () => {
    refusedFor(
      caseBefore('record_determinations'),
      command.record_determinations(hour(5)),
      admin,
      'no_case_role',
    );
  });

  it('refuses legal counsel a step, because the role reads only', () => {
    refusedFor(
      assessedCase(),
      command.record_initial_report(hour(2)),
      counsel,
      'legal_counsel_read_only',
    );
  });

  it('refuses legal counsel the determinations', () => {
    refusedFor(
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
    refusedFor(
      caseBefore('record_determinations'),
      command.record_determinations(hour(5)),
      staff,
      'determinations_require_executive_director',
    );
  });

  it('refuses the determinations to the board liaison on an ordinary case', () => {
    refusedFor(
      caseBefore('record_determinations'),
      command.record_determinations(hour(5)),
      liaison,
      'determinations_require_executive_director',
    );
  });

  it('refuses the Executive Director the steps that conduct staff record', () => {
    refusedFor(
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
    refusedFor(
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
    refusedFor(initialState, command.receive(hour(0)), reporter, 'intake_channel_mismatch');
  });

  it('refuses staff submitting a report as if from the public form', () => {
    const input = {
      kind: 'receive',
      at: hour(0),
      channel: 'public_form',
      account: 'Text.',
    } as const;
    refusedFor(initialState, input, staff, 'intake_channel_mismatch');
  });

  it('refuses a staff-entered report without how it came and who wrote it down', () => {
    const input = {
      kind: 'receive',
      at: hour(0),
      channel: 'staff_entered',
      account: 'Text.',
    } as const;
    refusedFor(initialState, input, staff, 'staff_entry_details_missing');
  });
});

describe('recusal', () => {
  const recused = () => run([[command.declare_conflict(hour(2)), staff]], assessedCase()).state;

  it('records a declared conflict', () => {
    expect(isRecused(recused(), staff.id)).toBe(true);
    expect(recused().recusals).toEqual([{ actorId: staff.id, reason: 'conflict', at: hour(2) }]);
  });

  it('refuses any action by a recused member of staff', () => {
    refusedFor(recused(), command.record_initial_report(hour(3)), staff, 'actor_recused');
    refusedFor(recused(), command.record_stop_request(hour(3)), staff, 'actor_recused');
    refusedFor(recused(), command.declare_conflict(hour(3)), staff, 'actor_recused');
  });

  it('lets other staff carry on', () => {
    accepted(recused(), command.record_initial_report(hour(3)), otherStaff);
  });

  it('recuses a member of staff who is a party to the case', () => {
    const input = { kind: 'recuse_staff_party', at: hour(2), staffId: otherStaff.id } as const;
    const state = run([[input, staff]], assessedCase()).state;
    expect(state.recusals[0]).toMatchObject({ actorId: otherStaff.id, reason: 'party' });
    refusedFor(state, command.record_initial_report(hour(3)), otherStaff, 'actor_recused');
    refusedFor(state, { ...input, at: hour(3) }, staff, 'already_recused');
  });

  it('refuses a recused member of staff as a review participant', () => {
    const before = caseBefore('record_review');
    const state = run([[command.declare_conflict(hour(8)), otherStaff]], before).state;
    refusedFor(state, command.record_review(hour(9)), staff, 'review_participant_recused');
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
    refusedFor(caseBefore('record_review'), input, staff, 'review_participant_not_staff');
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
