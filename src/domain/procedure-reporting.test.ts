import { describe, expect, it } from 'vitest';
import type { CaseCommandInput } from './case-commands.js';
import { currentStep, isFlaggedDanger, isOpen, priority } from './case-state.js';
import type { CaseState } from './case-state.js';
import { availableCommands, decide } from './procedure.js';
import type { Decision } from './procedure.js';
import type { ProcedureRule } from './procedure-rules.js';
import {
  apply,
  assessedCase,
  caseBefore,
  closedCase,
  command,
  counsel,
  director,
  hour,
  reporter,
  staff,
} from './procedure.fixtures.js';
import type { Actor } from './roles.js';

function refusal(decision: Decision): ProcedureRule | 'accepted' {
  return decision.ok ? 'accepted' : decision.rejection.rule;
}

const attempt = (state: CaseState, input: CaseCommandInput, by: Actor) =>
  refusal(decide(state, input, by));

const received = caseBefore('assess_danger');

describe('the reporter adds information', () => {
  it('records what the reporter adds, with the ids of the files sent with it', () => {
    const decision = decide(assessedCase(), command.add_information(hour(2)), reporter);
    expect(decision).toEqual({
      ok: true,
      events: [
        {
          type: 'information_added',
          at: hour(2),
          actorId: 'public-intake',
          text: 'He wrote to me again last night, from another nick.',
          attachmentIds: ['attachment-1'],
        },
      ],
    });
    const state = apply(assessedCase(), decision);
    expect(state.information).toHaveLength(1);
  });

  it('accepts an addition before the danger question is answered', () => {
    expect(attempt(received, command.add_information(hour(1)), reporter)).toBe('accepted');
  });

  it('accepts an addition while danger is flagged, since it may be what staff need', () => {
    expect(attempt(assessedCase(true), command.add_information(hour(2)), reporter)).toBe(
      'accepted',
    );
  });

  it('accepts files without text, and refuses an addition with neither', () => {
    const filesOnly: CaseCommandInput = {
      kind: 'add_information',
      at: hour(2),
      attachmentIds: ['a1'],
    };
    expect(attempt(assessedCase(), filesOnly, reporter)).toBe('accepted');
    const empty = { kind: 'add_information', at: hour(2), text: '   ' } as const;
    expect(attempt(assessedCase(), empty, reporter)).toBe('information_empty');
  });

  it('keeps additions only from the reporter: staff record what they learn in the steps', () => {
    expect(attempt(assessedCase(), command.add_information(hour(2)), staff)).toBe(
      'information_from_reporter_only',
    );
    expect(attempt(assessedCase(), command.add_information(hour(2)), director)).toBe(
      'information_from_reporter_only',
    );
  });

  it('refuses an addition to a closed case', () => {
    expect(attempt(closedCase().state, command.add_information(hour(30)), reporter)).toBe(
      'case_closed',
    );
  });
});

describe('staff write to the complainant', () => {
  it('records a message that passes the wording check', () => {
    const decision = decide(assessedCase(), command.send_message_to_complainant(hour(2)), staff);
    expect(decision.ok && decision.events[0]).toMatchObject({
      type: 'complainant_messaged',
      actorId: staff.id,
      makeItRightFlagged: false,
    });
    expect(apply(assessedCase(), decision).complainantMessages).toHaveLength(1);
  });

  it('refuses coercive wording exactly as in the initial response', () => {
    const input = {
      kind: 'send_message_to_complainant',
      at: hour(2),
      message: 'You can withdraw the complaint at any time, that is fine.',
    } as const;
    const decision = decide(assessedCase(), input, staff);
    expect(refusal(decision)).toBe('coercive_wording');
    expect(decision.ok ? [] : decision.rejection.findings?.map((f) => f.rule)).toContain(
      'invites_withdrawal',
    );
  });

  it('allows "make it right" only when staff flag it as deliberate', () => {
    const message = 'What would it take to make it right for you?';
    const base = { kind: 'send_message_to_complainant', at: hour(2), message } as const;
    expect(attempt(assessedCase(), base, staff)).toBe('coercive_wording');
    expect(attempt(assessedCase(), { ...base, makeItRightFlagged: true }, staff)).toBe('accepted');
  });

  it('waits for the danger question, and for authorities when danger is flagged', () => {
    expect(attempt(received, command.send_message_to_complainant(hour(1)), staff)).toBe(
      'danger_not_assessed',
    );
    expect(attempt(assessedCase(true), command.send_message_to_complainant(hour(2)), staff)).toBe(
      'danger_authorities_pending',
    );
  });

  it('is for conduct staff only', () => {
    const message = command.send_message_to_complainant(hour(2));
    expect(attempt(assessedCase(), message, reporter)).toBe('public_intake_limited');
    expect(attempt(assessedCase(), message, counsel)).toBe('legal_counsel_read_only');
  });
});

describe('staff mark a report as spam', () => {
  const spam = () =>
    apply(assessedCase(), decide(assessedCase(), command.mark_as_spam(hour(2)), staff));

  it('keeps the case but takes it out of every queue', () => {
    const state = spam();
    expect(state.spam).toMatchObject({ type: 'marked_as_spam', note: 'Advertising, no incident.' });
    expect(currentStep(state)).toBe('spam');
    expect(priority(state)).toBe('inactive');
    expect(isOpen(state)).toBe(false);
  });

  it('accepts nothing more on a spam case, from staff or the reporter', () => {
    const state = spam();
    expect(attempt(state, command.record_initial_report(hour(3)), staff)).toBe('case_marked_spam');
    expect(attempt(state, command.add_information(hour(3)), reporter)).toBe('case_marked_spam');
    expect(attempt(state, command.record_stop_request(hour(3)), reporter)).toBe('case_marked_spam');
    expect(attempt(state, command.mark_as_spam(hour(3)), staff)).toBe('case_marked_spam');
    expect(availableCommands(state, staff, hour(3)).some((entry) => entry.allowed)).toBe(false);
  });

  it('refuses spam once the initial report is recorded: the case is being handled', () => {
    expect(
      attempt(caseBefore('record_initial_response'), command.mark_as_spam(hour(5)), staff),
    ).toBe('spam_after_initial_report');
  });

  it('asks the danger question first, as for every step', () => {
    expect(attempt(received, command.mark_as_spam(hour(1)), staff)).toBe('danger_not_assessed');
    expect(attempt(assessedCase(true), command.mark_as_spam(hour(2)), staff)).toBe(
      'danger_authorities_pending',
    );
  });

  it('is for conduct staff only', () => {
    expect(attempt(assessedCase(), command.mark_as_spam(hour(2)), reporter)).toBe(
      'public_intake_limited',
    );
    expect(attempt(assessedCase(), command.mark_as_spam(hour(2)), director)).toBe(
      'step_requires_conduct_staff',
    );
  });

  it('never leaves a spam case flagged for danger', () => {
    expect(isFlaggedDanger(spam())).toBe(false);
  });
});

describe('recusal of the public side', () => {
  it('refuses to recuse the public side, which is not a member of staff', () => {
    const input = { kind: 'recuse_staff_party', at: hour(2), staffId: reporter.id } as const;
    expect(attempt(assessedCase(), input, staff)).toBe('public_side_not_staff');
  });
});
