import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actionKinds } from './case-commands.js';
import type { CaseCommandInput } from './case-commands.js';
import type { CaseEvent } from './case-events.js';
import { currentStep, evolve, initialState, replay } from './case-state.js';
import type { CaseState } from './case-state.js';
import { checkAction, decide } from './procedure.js';
import {
  admin,
  command,
  counsel,
  director,
  liaison,
  otherStaff,
  reporter,
  staff,
} from './procedure.fixtures.js';
import type { Actor } from './roles.js';
import { hasRole } from './roles.js';
import { checkComplainantMessage } from './wording-check.js';

/**
 * Random walks through the procedure: at each move either the next step of the happy path or any
 * command by anyone, with random content and random time gaps. Whatever happens, the timeline that
 * results must respect the procedure.
 */

const cast: readonly Actor[] = [staff, otherStaff, director, liaison, admin, counsel, reporter];
const kinds = actionKinds.filter((kind) => kind !== 'merge');
type Kind = (typeof kinds)[number];

const move = fc.record({
  guided: fc.boolean(),
  kind: fc.nat(),
  actor: fc.nat(),
  variant: fc.nat(),
  minutes: fc.oneof(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 30 * 24 * 60 })),
});

type Move = typeof move extends fc.Arbitrary<infer T> ? T : never;

const nextKind = (state: CaseState, variant: number): Kind => {
  const step = currentStep(state);
  if (step === 'not_received' || step === 'closed' || step === 'merged' || step === 'spam') {
    return 'receive';
  }
  if (step === 'await_response')
    return variant % 3 === 0 ? 'close_response_window' : 'record_response';
  return step;
};

/** A command of the kind, sometimes with content that breaks a content rule. */
function commandFor(kind: Kind, at: string, variant: number, actor: Actor): CaseCommandInput {
  const pick = <T>(options: readonly T[]): T => options[variant % options.length] as T;
  const base = command[kind](at);
  switch (base.kind) {
    case 'receive':
      return actor.kind === 'public'
        ? { kind: 'receive', at, channel: 'public_form', account: 'What happened.' }
        : base;
    case 'assess_danger':
      return { ...base, immediateDanger: variant % 4 === 0 };
    case 'record_initial_response':
    case 'send_message_to_complainant':
    case 'inform_complainant':
      return {
        ...base,
        message: pick([base.message, base.message, 'You can withdraw at any time.']),
      };
    case 'record_review': {
      const participants = pick([[staff], [staff, otherStaff], [director], [counsel], []]);
      return {
        ...base,
        participants: participants.map(({ id, roles }) => ({ id, roles: [...roles] })),
        conclusion: pick([
          'violation_found',
          'no_violation',
          'not_determinable',
          'violation_found',
        ]),
      };
    }
    case 'impose_sanctions':
      return variant % 5 === 0
        ? {
            ...base,
            sanctions: [
              { kind: 'warning', venues: [], starts: at, ends: '2000-01-01T00:00:00.000Z' },
            ],
          }
        : base;
    case 'recuse_staff_party':
      return { ...base, staffId: pick(cast).id };
    case 'route_case':
      return { ...base, route: pick(['foundation_staff', 'against_executive_director'] as const) };
    default:
      return base;
  }
}

interface Walk {
  events: CaseEvent[];
  actors: Map<string, Actor>;
  state: CaseState;
}

function walk(moves: readonly Move[]): Walk {
  let state = initialState;
  let clock = Date.parse('2025-03-01T09:00:00.000Z');
  const events: CaseEvent[] = [];
  const actors = new Map(cast.map((actor) => [actor.id, actor]));
  for (const m of moves) {
    clock += m.minutes * 60_000;
    const at = new Date(clock).toISOString();
    const kind = m.guided ? nextKind(state, m.variant) : (kinds[m.kind % kinds.length] as Kind);
    const candidates = m.guided
      ? [staff, otherStaff, director, liaison, reporter]
      : [cast[m.actor % cast.length] as Actor];
    for (const actor of candidates) {
      const input = commandFor(kind, at, m.variant, actor);
      const decision = decide(state, input, actor);
      const guard = checkAction(state, kind, actor, at);
      // availableCommands and decide tell the same story.
      if (guard !== null) expect(decision).toEqual({ ok: false, rejection: guard });
      if (!decision.ok) continue;
      events.push(...decision.events);
      state = decision.events.reduce(evolve, state);
      break;
    }
  }
  return { events, actors, state };
}

const sides = new Set([
  'stop_requested',
  'conflict_declared',
  'staff_party_recused',
  'information_added',
]);
const once = new Set<CaseEvent['type']>([
  'case_received',
  'danger_assessed',
  'authorities_contacted',
  'initial_report_recorded',
  'initial_response_recorded',
  'executive_director_notified',
  'determinations_recorded',
  'accused_notified',
  'response_recorded',
  'response_window_closed',
  'review_recorded',
  'sanctions_imposed',
  'accused_informed',
  'complainant_informed',
  'case_closed',
  'case_routed',
]);

/** Checks the timeline event by event against the procedure's invariants. */
function assertProcedure({ events, actors, state }: Walk): void {
  expect(replay(events)).toEqual(state);
  const seen = new Set<CaseEvent['type']>();
  const recused = new Set<string>();
  let before: CaseState = initialState;
  for (const event of events) {
    const had = (type: CaseEvent['type']) => seen.has(type);
    const actor = actors.get(event.actorId);
    expect(actor).toBeDefined();
    if (events.indexOf(event) === 0) expect(event.type).toBe('case_received');
    expect(had('case_closed')).toBe(false);
    expect(had('marked_as_spam')).toBe(false);
    if (once.has(event.type)) expect(had(event.type)).toBe(false);
    expect(recused.has(event.actorId)).toBe(false);
    if (event.actorId === admin.id) expect.unreachable('an administrator acted');
    if (event.actorId === counsel.id) expect(event.type).toBe('conflict_declared');
    if (before.route === 'against_executive_director') expect(event.actorId).not.toBe(director.id);
    if (!sides.has(event.type) && event.type !== 'case_received') {
      if (event.type !== 'danger_assessed') expect(had('danger_assessed')).toBe(true);
      const flagged =
        before.dangerAssessment?.immediateDanger === true && !had('authorities_contacted');
      if (flagged) expect(event.type).toBe('authorities_contacted');
    }
    switch (event.type) {
      case 'executive_director_notified':
        expect(had('initial_response_recorded')).toBe(true);
        break;
      case 'determinations_recorded':
        expect(had('executive_director_notified')).toBe(true);
        expect(
          hasRole(
            actor as Actor,
            before.route === 'against_executive_director' ? 'board_liaison' : 'executive_director',
          ),
        ).toBe(true);
        break;
      case 'accused_notified':
        expect(had('determinations_recorded')).toBe(true);
        break;
      case 'response_window_closed':
        expect(Date.parse(event.at)).toBeGreaterThan(
          Date.parse(before.accusedNotice?.responseDeadline ?? ''),
        );
        break;
      case 'review_recorded':
        expect(had('response_recorded') || had('response_window_closed')).toBe(true);
        expect(event.participantIds.some((id) => recused.has(id))).toBe(false);
        break;
      case 'sanctions_imposed':
        expect(before.review?.conclusion).toBe('violation_found');
        break;
      case 'accused_informed':
        if (before.review?.conclusion === 'violation_found')
          expect(had('sanctions_imposed')).toBe(true);
        expect(had('review_recorded')).toBe(true);
        break;
      case 'marked_as_spam':
        expect(had('initial_report_recorded')).toBe(false);
        break;
      case 'initial_response_recorded':
      case 'complainant_messaged':
      case 'complainant_informed':
        expect(checkComplainantMessage(event.message, event).ok).toBe(true);
        if (event.type === 'complainant_informed') expect(had('accused_informed')).toBe(true);
        break;
      case 'case_closed':
        expect(had('complainant_informed')).toBe(true);
        break;
      case 'conflict_declared':
        recused.add(event.actorId);
        break;
      case 'staff_party_recused':
        recused.add(event.staffId);
        break;
    }
    seen.add(event.type);
    before = evolve(before, event);
  }
}

describe('the procedure under random sequences of commands', () => {
  it('never records a timeline that breaks the procedure', () => {
    fc.assert(
      fc.property(fc.array(move, { maxLength: 80, size: 'max' }), (moves) =>
        assertProcedure(walk(moves)),
      ),
      { numRuns: 400 },
    );
  });

  it('reaches every step of the procedure on some walk', () => {
    const reached = new Set<string>();
    fc.assert(
      fc.property(fc.array(move, { minLength: 30, maxLength: 80, size: 'max' }), (moves) => {
        for (const event of walk(moves).events) reached.add(event.type);
      }),
      { numRuns: 300, seed: 20250301 },
    );
    for (const type of once) expect(reached).toContain(type);
  });
});
