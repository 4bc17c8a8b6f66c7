import { describe, expect, it } from 'vitest';
import {
  disableRefusal,
  parseStoredRoles,
  passwordSchema,
  roleListSchema,
  usernameSchema,
} from './staff-accounts.js';

describe('staff account rules', () => {
  it('normalises user names to lower case and refuses odd characters', () => {
    expect(usernameSchema.parse('  Ada.L ')).toBe('ada.l');
    for (const bad of ['a', '-ada', 'ada lovelace', 'ådа', 'x'.repeat(65), '']) {
      expect(usernameSchema.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('wants passwords of 12 to 256 well-formed characters, and nothing more', () => {
    expect(passwordSchema.safeParse('short pass').success).toBe(false);
    expect(passwordSchema.safeParse('twelve chars').success).toBe(true);
    expect(passwordSchema.safeParse('x'.repeat(257)).success).toBe(false);
    expect(passwordSchema.safeParse(`broken \ud800 password`).success).toBe(false);
  });

  it('needs at least one known role and keeps each once', () => {
    expect(roleListSchema.parse(['conduct_staff', 'conduct_staff'])).toEqual(['conduct_staff']);
    expect(roleListSchema.safeParse([]).success).toBe(false);
    expect(roleListSchema.safeParse(['root']).success).toBe(false);
  });

  it('grants no role from a malformed or unknown stored value', () => {
    expect(parseStoredRoles('["administrator","root"]')).toEqual(['administrator']);
    expect(parseStoredRoles('not json')).toEqual([]);
    expect(parseStoredRoles('{"roles":1}')).toEqual([]);
  });

  it('refuses administrators disabling themselves', () => {
    expect(disableRefusal({ id: 'a', roles: ['administrator'] }, 'a')).toBe('self');
    expect(disableRefusal({ id: 'a', roles: ['administrator'] }, 'b')).toBeNull();
  });
});
