import { expect } from 'vitest';
import type { CaseCommandInput } from './case-commands.js';
import type { CaseState } from './case-state.js';
import { decide, type Decision } from './procedure.js';
import type { ProcedureRule } from './procedure-rules.js';
import { staff } from './procedure.fixtures.js';
import type { Actor } from './roles.js';

/**
 * The assertions the procedure's tests share: a decision refused by one rule, accepted, and the
 * steps a case goes through. Used only by tests.
 */

/** Every step after intake, in the procedure's order, and the routing that may come at any time. */
export const procedureSteps = [
  'record_initial_report',
  'record_initial_response',
  'notify_executive_director',
  'notify_accused',
  'record_response',
  'close_response_window',
  'record_review',
  'impose_sanctions',
  'inform_accused',
  'inform_complainant',
  'close_case',
  'route_case',
] as const;

export function expectRefused(decision: Decision, rule: ProcedureRule): void {
  expect(decision.ok ? 'accepted' : decision.rejection.rule).toBe(rule);
}

/** The command on that case is refused by `rule` (by conduct staff unless another actor is named). */
export function refusedOn(
  state: CaseState,
  input: CaseCommandInput,
  rule: ProcedureRule,
  by: Actor = staff,
): void {
  expectRefused(decide(state, input, by), rule);
}

/** The command on that case, by that actor, is refused by `rule`. */
export function refusedFor(
  state: CaseState,
  input: CaseCommandInput,
  by: Actor,
  rule: ProcedureRule,
): void {
  refusedOn(state, input, rule, by);
}

/** The command on that case, by that actor, is accepted. */
export function accepted(state: CaseState, input: CaseCommandInput, by: Actor): void {
  expect(decide(state, input, by).ok).toBe(true);
}

/** An actor as a timeline names it (a plain, unfrozen copy). */
export const participant = ({ id, roles }: Actor) => ({ id, roles: [...roles] });
