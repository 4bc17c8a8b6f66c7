import { describe, expect, it } from 'vitest';
import { decideMerge } from './case-merge.js';
import type { MergeDecision } from './case-merge.js';
import { currentStep, evolve, priority } from './case-state.js';
import type { CaseState } from './case-state.js';
import { availableCommands, decide } from './procedure.js';
import type { ProcedureRule } from './procedure-rules.js';
import {
  admin,
  assessedCase,
  caseBefore,
  closedCase,
  command,
  hour,
  run,
  staff,
} from './procedure.fixtures.js';

const merge = (survivor: CaseState, absorbed: CaseState, at = hour(10), actor = staff) =>
  decideMerge(
    {
      at,
      survivor: { caseId: 'case-1', state: survivor },
      absorbed: { caseId: 'case-2', state: absorbed },
    },
    actor,
  );

function merged(decision: MergeDecision, survivor: CaseState, absorbed: CaseState) {
  if (!decision.ok) throw new Error(decision.rejection.rule);
  return {
    survivor: decision.survivorEvents.reduce(evolve, survivor),
    absorbed: decision.absorbedEvents.reduce(evolve, absorbed),
  };
}

const refusal = (decision: MergeDecision): ProcedureRule | 'accepted' =>
  decision.ok ? 'accepted' : decision.rejection.rule;

describe('merging related reports', () => {
  it('records on each case what was merged into what', () => {
    const survivor = caseBefore('record_review');
    const absorbed = assessedCase();
    const after = merged(merge(survivor, absorbed), survivor, absorbed);
    expect(after.survivor.absorbedCaseIds).toEqual(['case-2']);
    expect(after.absorbed.mergedInto).toBe('case-1');
    expect(currentStep(after.absorbed)).toBe('merged');
    expect(priority(after.absorbed)).toBe('inactive');
    expect(currentStep(after.survivor)).toBe('record_review');
  });

  it('refuses any command on a case merged into another', () => {
    const survivor = caseBefore('record_review');
    const { absorbed } = merged(merge(survivor, assessedCase()), survivor, assessedCase());
    for (const kind of [
      'record_initial_report',
      'record_stop_request',
      'declare_conflict',
    ] as const) {
      const decision = decide(absorbed, command[kind](hour(11)), staff);
      expect(decision.ok || decision.rejection.rule).toBe('case_merged_away');
    }
    expect(availableCommands(absorbed, staff, hour(11)).every((entry) => !entry.allowed)).toBe(
      true,
    );
  });

  it('refuses merging a case that was already merged away', () => {
    const survivor = caseBefore('record_review');
    const { absorbed } = merged(merge(survivor, assessedCase()), survivor, assessedCase());
    expect(refusal(merge(assessedCase(), absorbed, hour(11)))).toBe('case_merged_away');
  });

  it('refuses merging a case into itself', () => {
    const state = assessedCase();
    const decision = decideMerge(
      { at: hour(2), survivor: { caseId: 'case-1', state }, absorbed: { caseId: 'case-1', state } },
      staff,
    );
    expect(refusal(decision)).toBe('merge_same_case');
  });

  it('refuses merging into a closed case, and says which case is the problem', () => {
    const decision = merge(closedCase().state, assessedCase(), hour(30));
    expect(decision.ok || decision.rejection).toMatchObject({
      rule: 'case_closed',
      concerns: 'survivor',
    });
  });

  it('refuses merging a case whose danger question is unanswered', () => {
    const decision = merge(assessedCase(), caseBefore('assess_danger'));
    expect(decision.ok || decision.rejection).toMatchObject({
      rule: 'danger_not_assessed',
      concerns: 'absorbed',
    });
  });

  it('refuses merging while danger is flagged and authorities are not recorded', () => {
    expect(refusal(merge(assessedCase(), assessedCase(true)))).toBe('danger_authorities_pending');
  });

  it('refuses merging cases that follow different procedures', () => {
    const routed = run(
      [[{ kind: 'route_case', at: hour(2), route: 'against_executive_director' }, staff]],
      assessedCase(),
    ).state;
    expect(refusal(merge(assessedCase(), routed))).toBe('merge_route_mismatch');
  });

  it('refuses a merge by someone without a case role', () => {
    expect(refusal(merge(assessedCase(), assessedCase(), hour(2), admin))).toBe('no_case_role');
  });

  it('refuses a merge by a member of staff recused from either case', () => {
    const recused = run([[command.declare_conflict(hour(2)), staff]], assessedCase()).state;
    expect(refusal(merge(assessedCase(), recused, hour(3)))).toBe('actor_recused');
  });

  it('refuses a merge dated with something other than an ISO-8601 instant', () => {
    expect(refusal(merge(assessedCase(), assessedCase(), 'now'))).toBe('malformed_command');
  });
});
