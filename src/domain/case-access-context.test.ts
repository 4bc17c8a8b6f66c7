import { describe, expect, it } from 'vitest';
import {
  authorise,
  mayOpenCase,
  protectionsFor,
  routeForStaffParties,
  stateForAccess,
  type CaseAccessContext,
  type StaffParty,
} from './case-access.js';
import { decide } from './procedure.js';
import {
  admin,
  caseBefore,
  command,
  counsel,
  director,
  hour,
  otherStaff,
  run,
  staff,
} from './procedure.fixtures.js';
import { accusedRespondent, automaticProtection, hasRole, publicIntake } from './roles.js';

const noContext: CaseAccessContext = { staffParties: [], counselGrantCaseId: null };
const accused = (who: typeof staff): StaffParty => ({ staff: who, partyRole: 'accused' });
const witness = (who: typeof staff): StaffParty => ({ staff: who, partyRole: 'others_involved' });

describe('opening a case through the access gate', () => {
  const received = caseBefore('assess_danger');

  it('lets conduct staff open an ordinary case', () => {
    expect(mayOpenCase(received, 'case-1', staff, noContext)).toBe(true);
  });

  it('keeps out a member of staff whose identifiers match a party, before any recusal is recorded', () => {
    const context = { ...noContext, staffParties: [witness(staff)] };
    expect(mayOpenCase(received, 'case-1', staff, context)).toBe(false);
    expect(mayOpenCase(received, 'case-1', otherStaff, context)).toBe(true);
  });

  it('treats a case whose accused matches conduct staff as routed to the Executive Director', () => {
    const context = { ...noContext, staffParties: [accused(staff)] };
    expect(mayOpenCase(received, 'case-1', otherStaff, context)).toBe(false);
    expect(mayOpenCase(received, 'case-1', director, context)).toBe(true);
  });

  it('treats a case whose accused matches the Executive Director as the board liaison’s', () => {
    const context = { ...noContext, staffParties: [accused(director)] };
    expect(mayOpenCase(received, 'case-1', director, context)).toBe(false);
    expect(mayOpenCase(received, 'case-1', staff, context)).toBe(true);
  });

  it('never lets an administrator open a case', () => {
    expect(mayOpenCase(received, 'case-1', admin, noContext)).toBe(false);
  });

  it('lets legal counsel open only the one case granted to them', () => {
    expect(mayOpenCase(received, 'case-1', counsel, noContext)).toBe(false);
    const granted = { ...noContext, counselGrantCaseId: 'case-1' };
    expect(mayOpenCase(received, 'case-1', counsel, granted)).toBe(true);
    expect(mayOpenCase(received, 'case-2', counsel, granted)).toBe(false);
  });

  it('lets granted counsel read a case about Foundation staff, as someone the Director named', () => {
    const context = { staffParties: [accused(staff)], counselGrantCaseId: 'case-1' };
    expect(mayOpenCase(received, 'case-1', counsel, context)).toBe(true);
    expect(mayOpenCase(received, 'case-1', counsel, { ...context, counselGrantCaseId: null })).toBe(
      false,
    );
  });

  it('keeps granted counsel out when they are a party to the case', () => {
    const context = { staffParties: [witness(counsel)], counselGrantCaseId: 'case-1' };
    expect(mayOpenCase(received, 'case-1', counsel, context)).toBe(false);
  });

  it('keeps the public side, ombuds itself and the accused link out of the console', () => {
    for (const actor of [publicIntake, automaticProtection, accusedRespondent]) {
      expect(mayOpenCase(received, 'case-1', actor, noContext)).toBe(false);
    }
  });
});

describe('routing from the staff among the accused', () => {
  it('routes nothing when no accused is staff', () => {
    expect(routeForStaffParties([witness(staff)])).toBeNull();
    expect(routeForStaffParties([])).toBeNull();
  });

  it('routes a case about the Executive Director to the board liaison, whoever else is accused', () => {
    expect(routeForStaffParties([accused(staff), accused(director)])).toBe(
      'against_executive_director',
    );
  });

  it('routes a case about conduct staff or an administrator to the staff procedure', () => {
    expect(routeForStaffParties([accused(staff)])).toBe('foundation_staff');
    expect(routeForStaffParties([accused(admin)])).toBe('foundation_staff');
  });

  it('does not treat legal counsel as Foundation staff', () => {
    expect(routeForStaffParties([accused(counsel)])).toBeNull();
  });

  it('leaves a recorded route as it is', () => {
    const routed = run(
      [[{ kind: 'route_case', at: hour(2), route: 'foundation_staff' }, staff]],
      caseBefore('record_initial_report'),
    ).state;
    expect(stateForAccess(routed, [accused(director)]).route).toBe('foundation_staff');
  });
});

describe('the protections ombuds records by itself', () => {
  const received = caseBefore('assess_danger');

  it('routes first, then recuses each matched member of staff once', () => {
    expect(protectionsFor(received, [accused(staff), witness(otherStaff)])).toEqual([
      { kind: 'route_case', route: 'foundation_staff' },
      { kind: 'recuse_staff_party', staffId: staff.id },
      { kind: 'recuse_staff_party', staffId: otherStaff.id },
    ]);
  });

  it('records them before the danger question is answered', () => {
    for (const protection of protectionsFor(received, [accused(staff)])) {
      const decision = decide(received, { ...protection, at: hour(1) }, automaticProtection);
      expect(decision.ok).toBe(true);
    }
  });

  it('asks nothing more once they are on the timeline', () => {
    let state = received;
    for (const protection of protectionsFor(received, [accused(staff)])) {
      state = run([[{ ...protection, at: hour(1) }, automaticProtection]], state).state;
    }
    expect(protectionsFor(state, [accused(staff)])).toEqual([]);
  });

  it('asks nothing of a closed case', () => {
    const closed = run([[command.close_case(hour(20)), staff]], caseBefore('close_case')).state;
    expect(protectionsFor(closed, [accused(staff)])).toEqual([]);
  });

  it('lets ombuds itself record nothing but those protections', () => {
    expect(authorise(received, 'assess_danger', automaticProtection)?.rule).toBe(
      'automatic_protection_limited',
    );
    expect(authorise(received, 'record_response', automaticProtection)?.rule).toBe(
      'automatic_protection_limited',
    );
  });
});

describe('the accused link as an actor', () => {
  it('lets the accused record their response and nothing else', () => {
    const notified = caseBefore('record_response');
    expect(decide(notified, command.record_response(hour(9)), accusedRespondent).ok).toBe(true);
    for (const kind of [
      'declare_conflict',
      'record_stop_request',
      'close_response_window',
    ] as const) {
      expect(authorise(notified, kind, accusedRespondent)?.rule).toBe('accused_response_only');
    }
  });

  it('refuses the response before the accused was notified', () => {
    const decision = decide(
      caseBefore('notify_accused'),
      command.record_response(hour(9)),
      accusedRespondent,
    );
    expect(decision.ok || decision.rejection.rule).toBe('accused_not_notified');
  });

  it('gives non-person actors no role, whatever the object claims', () => {
    const claimed = { ...accusedRespondent, roles: ['conduct_staff' as const] };
    expect(hasRole(claimed, 'conduct_staff')).toBe(false);
    expect(authorise(caseBefore('record_response'), 'assess_danger', claimed)?.rule).toBe(
      'accused_response_only',
    );
  });
});
