import { describe, expect, it } from 'vitest';
import { mayViewCase } from './case-access.js';
import {
  assessedCase,
  caseBefore,
  command,
  director,
  hour,
  liaison,
  otherStaff,
  run,
  staff,
} from './procedure.fixtures.js';
import { accepted, participant, refusedFor } from './procedure-expect.fixtures.js';
import type { Actor } from './roles.js';

describe('a case about the Executive Director', () => {
  const route = (
    route: 'against_executive_director' | 'foundation_staff',
    before = assessedCase(),
  ) => run([[{ kind: 'route_case', at: hour(2), route }, staff]], before).state;
  const againstDirector = () =>
    run(
      [[{ kind: 'route_case', at: hour(5), route: 'against_executive_director' }, staff]],
      caseBefore('notify_executive_director'),
    ).state;

  it('refuses the Executive Director any action on it', () => {
    const state = route('against_executive_director');
    refusedFor(
      state,
      command.record_initial_report(hour(3)),
      director,
      'executive_director_excluded',
    );
    refusedFor(state, command.declare_conflict(hour(3)), director, 'executive_director_excluded');
  });

  it('refuses the Executive Director even when they also hold the staff role', () => {
    const both: Actor = { id: director.id, roles: ['executive_director', 'conduct_staff'] };
    refusedFor(
      route('against_executive_director'),
      command.record_initial_report(hour(3)),
      both,
      'executive_director_excluded',
    );
  });

  it('refuses the Executive Director the determinations, which pass to the board liaison', () => {
    const state = run(
      [[command.notify_executive_director(hour(6)), staff]],
      againstDirector(),
    ).state;
    refusedFor(
      state,
      command.record_determinations(hour(7)),
      director,
      'executive_director_excluded',
    );
    refusedFor(
      state,
      command.record_determinations(hour(7)),
      staff,
      'determinations_require_board_liaison',
    );
    accepted(state, command.record_determinations(hour(7)), liaison);
  });

  it('hides the case from the Executive Director', () => {
    expect(mayViewCase(route('against_executive_director'), director)).toBe(false);
    expect(mayViewCase(route('against_executive_director'), staff)).toBe(true);
  });

  it('refuses routing a case a second time', () => {
    const input = { kind: 'route_case', at: hour(3), route: 'foundation_staff' } as const;
    refusedFor(route('against_executive_director'), input, staff, 'already_routed');
  });
});

describe('a case about a member of Foundation staff', () => {
  const routed = () =>
    run([[{ kind: 'route_case', at: hour(2), route: 'foundation_staff' }, staff]], assessedCase())
      .state;
  const named = () => run([[command.name_people(hour(3)), director]], routed()).state;

  it('refuses conduct staff whom the Executive Director has not named', () => {
    refusedFor(
      routed(),
      command.record_initial_report(hour(3)),
      staff,
      'foundation_staff_case_restricted',
    );
    expect(mayViewCase(routed(), staff)).toBe(false);
  });

  it('lets the Executive Director record the steps', () => {
    accepted(routed(), command.record_initial_report(hour(3)), director);
    expect(mayViewCase(routed(), director)).toBe(true);
  });

  it('lets the people the Executive Director named act and see the case', () => {
    accepted(named(), command.record_initial_report(hour(4)), staff);
    expect(mayViewCase(named(), staff)).toBe(true);
    refusedFor(
      named(),
      command.record_initial_report(hour(4)),
      otherStaff,
      'foundation_staff_case_restricted',
    );
  });

  it('refuses naming by anyone but the Executive Director', () => {
    refusedFor(named(), command.name_people(hour(4)), staff, 'naming_requires_executive_director');
  });

  it('refuses naming people on a case that was not routed to the staff procedure', () => {
    refusedFor(
      assessedCase(),
      command.name_people(hour(2)),
      director,
      'naming_requires_foundation_staff_route',
    );
  });

  it('refuses a review participant the Executive Director has not named', () => {
    const before = run(
      [[{ kind: 'route_case', at: hour(7), route: 'foundation_staff' }, staff]],
      caseBefore('record_review'),
    ).state;
    refusedFor(before, command.record_review(hour(8)), director, 'review_participant_not_staff');
    const input = { ...command.record_review(hour(8)), participants: [participant(director)] };
    accepted(before, input, director);
  });
});
