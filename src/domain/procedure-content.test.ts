import { describe, expect, it } from 'vitest';
import type { CaseCommandInput } from './case-commands.js';
import { initialState } from './case-state.js';
import { decide } from './procedure.js';
import {
  assessedCase,
  caseBefore,
  closedCase,
  command,
  hour,
  staff,
} from './procedure.fixtures.js';
import { expectRefused, procedureSteps, refusedOn } from './procedure-expect.fixtures.js';

describe('the case as a whole', () => {
  it('refuses any step on a case that has not been received', () => {
    refusedOn(initialState, command.assess_danger(hour(0)), 'case_not_received');
  });

  it('refuses a second report on a case that exists', () => {
    refusedOn(assessedCase(), command.receive(hour(2)), 'case_already_received');
  });

  it.each([
    ...procedureSteps,
    'assess_danger',
    'record_stop_request',
    'declare_conflict',
    'recuse_staff_party',
  ] as const)('refuses %s after the case is closed', (kind) => {
    refusedOn(closedCase().state, command[kind](hour(30)), 'case_closed');
  });

  it('refuses an entry dated before the latest one on the timeline', () => {
    refusedOn(
      caseBefore('record_initial_response'),
      command.record_initial_response(hour(1)),
      'time_out_of_order',
    );
  });

  it('refuses a malformed command and names the fields', () => {
    const decision = decide(
      assessedCase(),
      { kind: 'record_initial_report', at: hour(2) } as never,
      staff,
    );
    expectRefused(decision, 'malformed_command');
    expect(decision.ok || decision.rejection.fields).toContain('behaviour');
  });

  it('refuses a command dated with a local time instead of a UTC instant', () => {
    refusedOn(
      assessedCase(),
      { kind: 'record_stop_request', at: '2025-03-01T12:00:00' },
      'malformed_command',
    );
  });

  it('refuses an unknown command kind', () => {
    refusedOn(assessedCase(), { kind: 'skip_to_close', at: hour(2) } as never, 'malformed_command');
  });
});

describe('the content of a step', () => {
  it('refuses an initial response whose message invites withdrawal, with the findings', () => {
    const input = {
      ...command.record_initial_response(hour(3)),
      message: 'You can withdraw at any time.',
    };
    const decision = decide(caseBefore('record_initial_response'), input, staff);
    expectRefused(decision, 'coercive_wording');
    expect(decision.ok || decision.rejection.findings?.[0]?.rule).toBe('invites_withdrawal');
  });

  it('refuses a resolution message that asks what punishment the complainant wants', () => {
    const input = {
      ...command.inform_complainant(hour(11)),
      message: 'What punishment would you like?',
    };
    refusedOn(caseBefore('inform_complainant'), input, 'coercive_wording');
  });

  it('accepts asking what would make it right when staff flagged it', () => {
    const message = 'What would it take to make it right, for example an apology?';
    const flagged = { ...command.inform_complainant(hour(11)), message, makeItRightFlagged: true };
    const unflagged = { ...command.inform_complainant(hour(11)), message };
    expect(decide(caseBefore('inform_complainant'), flagged, staff).ok).toBe(true);
    refusedOn(caseBefore('inform_complainant'), unflagged, 'coercive_wording');
  });

  it('refuses sanctions with an end before the start', () => {
    const input = {
      kind: 'impose_sanctions',
      at: hour(9),
      sanctions: [
        { kind: 'future_event_ban', venues: ['OpenInfra Summit'], starts: hour(9), ends: hour(8) },
      ],
    } satisfies CaseCommandInput;
    const decision = decide(caseBefore('impose_sanctions'), input, staff);
    expectRefused(decision, 'sanction_ends_before_start');
    expect(decision.ok || decision.rejection.sanctionProblems).toHaveLength(1);
  });

  it('refuses an empty list of sanctions', () => {
    refusedOn(
      caseBefore('impose_sanctions'),
      { kind: 'impose_sanctions', at: hour(9), sanctions: [] },
      'no_sanctions',
    );
  });

  it('refuses a ban that names no venue', () => {
    const input = {
      kind: 'impose_sanctions',
      at: hour(9),
      sanctions: [{ kind: 'channel_ban', venues: [], starts: hour(9), ends: 'indefinite' }],
    } satisfies CaseCommandInput;
    refusedOn(caseBefore('impose_sanctions'), input, 'sanction_needs_venue');
  });

  it('refuses a sanction kind outside the catalogue', () => {
    const input = {
      kind: 'impose_sanctions',
      at: hour(9),
      sanctions: [{ kind: 'public_shaming', venues: [], starts: hour(9), ends: 'indefinite' }],
    } as never;
    refusedOn(caseBefore('impose_sanctions'), input, 'malformed_command');
  });

  it('refuses a review without participants', () => {
    const input = { ...command.record_review(hour(8)), participants: [] };
    refusedOn(caseBefore('record_review'), input, 'review_needs_participants');
  });
});
