import { describe, expect, it } from 'vitest';
import { counselGrantRefusal } from './counsel-grant.js';
import {
  admin,
  caseBefore,
  counsel,
  director,
  hour,
  liaison,
  run,
  staff,
} from './procedure.fixtures.js';

describe('granting legal counsel a case', () => {
  const received = caseBefore('record_initial_report');

  it('is for the Executive Director to grant', () => {
    expect(counselGrantRefusal(received, director, counsel)).toBeNull();
    expect(counselGrantRefusal(received, staff, counsel)).toBe('grant_requires_executive_director');
    expect(counselGrantRefusal(received, admin, counsel)).toBe('grant_requires_executive_director');
  });

  it('passes to the board liaison on a case about the Executive Director', () => {
    const routed = run(
      [[{ kind: 'route_case', at: hour(3), route: 'against_executive_director' }, staff]],
      received,
    ).state;
    expect(counselGrantRefusal(routed, liaison, counsel)).toBeNull();
    expect(counselGrantRefusal(routed, director, counsel)).toBe(
      'grant_requires_executive_director',
    );
  });

  it('is given only to legal counsel', () => {
    expect(counselGrantRefusal(received, director, staff)).toBe('grantee_not_counsel');
  });

  it('is refused to counsel who are a party to the case', () => {
    const parties = [{ staff: counsel, partyRole: 'others_involved' as const }];
    expect(counselGrantRefusal(received, director, counsel, parties)).toBe('grantee_recused');
  });

  it('lets the grantor end a grant', () => {
    expect(counselGrantRefusal(received, director, null)).toBeNull();
  });
});
