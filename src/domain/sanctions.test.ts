import { describe, expect, it } from 'vitest';
import {
  isSanctionInForce,
  sanctionDescriptions,
  sanctionKinds,
  sanctionSchema,
  validateSanctions,
} from './sanctions.js';
import type { Sanction } from './sanctions.js';

const jan = '2025-01-01T00:00:00.000Z';
const feb = '2025-02-01T00:00:00.000Z';
const mar = '2025-03-01T00:00:00.000Z';

const sanction = (overrides: Partial<Sanction> = {}): Sanction => ({
  kind: 'future_event_ban',
  venues: ['OpenInfra Summit'],
  starts: jan,
  ends: mar,
  ...overrides,
});

describe('the sanctions catalogue', () => {
  it('holds the seven actions of the code of conduct, each described in plain words', () => {
    expect(sanctionKinds).toHaveLength(7);
    for (const kind of sanctionKinds) expect(sanctionDescriptions[kind].length).toBeGreaterThan(10);
  });

  it('accepts a sanction with an end after its start', () => {
    expect(validateSanctions([sanction()])).toEqual([]);
  });

  it('accepts an indefinite sanction', () => {
    expect(validateSanctions([sanction({ ends: 'indefinite' })])).toEqual([]);
  });

  it('refuses a sanction that ends before it starts', () => {
    expect(validateSanctions([sanction({ ends: jan, starts: feb })])).toMatchObject([
      { rule: 'sanction_ends_before_start', index: 0 },
    ]);
  });

  it('refuses a sanction that ends when it starts', () => {
    expect(validateSanctions([sanction({ ends: jan })])).toMatchObject([
      { rule: 'sanction_ends_before_start' },
    ]);
  });

  it('refuses an empty list', () => {
    expect(validateSanctions([])).toMatchObject([{ rule: 'no_sanctions' }]);
  });

  it.each(['channel_ban', 'event_removal', 'future_event_ban'] as const)(
    'refuses a %s without a venue',
    (kind) => {
      expect(validateSanctions([sanction({ kind, venues: [] })])).toMatchObject([
        { rule: 'sanction_needs_venue', index: 0 },
      ]);
    },
  );

  it.each(['warning', 'no_contact_order', 'end_volunteer_roles', 'membership_removal'] as const)(
    'accepts a %s that applies across all venues',
    (kind) => {
      expect(validateSanctions([sanction({ kind, venues: [] })])).toEqual([]);
    },
  );

  it('reports every problem with its position in the list', () => {
    const problems = validateSanctions([
      sanction(),
      sanction({ kind: 'channel_ban', venues: [], ends: jan, starts: feb }),
    ]);
    expect(problems.map((problem) => [problem.rule, problem.index])).toEqual([
      ['sanction_ends_before_start', 1],
      ['sanction_needs_venue', 1],
    ]);
  });

  it('refuses a kind outside the catalogue and a time that is not an ISO-8601 instant', () => {
    expect(sanctionSchema.safeParse({ ...sanction(), kind: 'fine' }).success).toBe(false);
    expect(sanctionSchema.safeParse({ ...sanction(), starts: 'next week' }).success).toBe(false);
  });

  it('is in force from its start until its end', () => {
    expect(isSanctionInForce(sanction(), '2024-12-31T23:59:59.000Z')).toBe(false);
    expect(isSanctionInForce(sanction(), jan)).toBe(true);
    expect(isSanctionInForce(sanction(), feb)).toBe(true);
    expect(isSanctionInForce(sanction(), mar)).toBe(false);
    expect(isSanctionInForce(sanction({ ends: 'indefinite' }), '2099-01-01T00:00:00.000Z')).toBe(
      true,
    );
  });
});
