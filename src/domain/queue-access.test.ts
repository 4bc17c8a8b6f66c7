import { describe, expect, it } from 'vitest';
import { namedOnlyQueueRoutesFor, staffAccessFromEvents } from './queue-access.js';

const at = '2026-03-01T09:00:00.000Z';

describe('the queue access entries', () => {
  it('derives recusals and namings from the events that make them, once each', () => {
    expect(
      staffAccessFromEvents([
        { type: 'conflict_declared', at, actorId: 'ben', note: 'x' },
        { type: 'staff_party_recused', at, actorId: 'automatic', staffId: 'liz' },
        { type: 'people_named', at, actorId: 'dora', staffIds: ['carl', 'ana'] },
        { type: 'people_named', at, actorId: 'dora', staffIds: ['carl'] },
        { type: 'danger_assessed', at, actorId: 'ana', immediateDanger: false },
      ]),
    ).toEqual([
      { staffId: 'ben', kind: 'recused' },
      { staffId: 'liz', kind: 'recused' },
      { staffId: 'carl', kind: 'named' },
      { staffId: 'ana', kind: 'named' },
    ]);
  });

  it('lists Foundation staff cases by naming for everyone with a queue but the Executive Director', () => {
    expect(namedOnlyQueueRoutesFor({ id: 'a', roles: ['conduct_staff'] })).toEqual([
      'foundation_staff',
    ]);
    expect(namedOnlyQueueRoutesFor({ id: 'l', roles: ['board_liaison'] })).toEqual([
      'foundation_staff',
    ]);
    expect(namedOnlyQueueRoutesFor({ id: 'd', roles: ['executive_director'] })).toEqual([]);
    expect(namedOnlyQueueRoutesFor({ id: 'x', roles: ['administrator'] })).toEqual([]);
  });
});
