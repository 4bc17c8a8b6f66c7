import { describe, expect, it } from 'vitest';
import { actionKinds } from './case-commands.js';
import { availableCommands, checkAction, decide } from './procedure.js';
import { assessedCase, caseBefore, command, happyPath, hour, staff } from './procedure.fixtures.js';

describe('availableCommands', () => {
  it('lists every action in procedure order', () => {
    const list = availableCommands(assessedCase(), staff, hour(2));
    expect(list.map((entry) => entry.kind)).toEqual([...actionKinds]);
  });

  it('offers the next step and explains each action that is not available', () => {
    const list = availableCommands(caseBefore('notify_executive_director'), staff, hour(5));
    const entry = (kind: string) => list.find((item) => item.kind === kind);
    expect(entry('notify_executive_director')).toEqual({
      kind: 'notify_executive_director',
      allowed: true,
    });
    expect(entry('notify_accused')).toMatchObject({
      allowed: false,
      rejection: { rule: 'determinations_missing' },
    });
    expect(entry('record_determinations')).toMatchObject({
      allowed: false,
      rejection: {
        rule: 'determinations_require_executive_director',
        reason: 'Only the Executive Director records the three determinations.',
      },
    });
  });

  it('agrees with decide on a well-formed command of every kind at every step', () => {
    for (const step of happyPath) {
      const state = caseBefore(step);
      const at = hour(20);
      for (const available of availableCommands(state, staff, at)) {
        if (available.kind === 'merge') continue;
        const decision = decide(state, command[available.kind](at), staff);
        expect(decision).toEqual(
          available.allowed
            ? { ok: true, events: expect.any(Array) as unknown }
            : { ok: false, rejection: available.rejection },
        );
      }
    }
  });

  it('offers only the danger step on a flagged case, besides recusal and a request to stop', () => {
    const allowed = availableCommands(assessedCase(true), staff, hour(2))
      .filter((entry) => entry.allowed)
      .map((entry) => entry.kind);
    expect(allowed).toEqual([
      'record_authorities_contact',
      'record_stop_request',
      'declare_conflict',
      'recuse_staff_party',
    ]);
  });

  it('refuses a moment that is not an ISO-8601 instant', () => {
    expect(checkAction(assessedCase(), 'record_initial_report', staff, 'yesterday')).toMatchObject({
      rule: 'malformed_command',
    });
  });
});
