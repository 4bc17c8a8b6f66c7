import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  complainantItemsFromContact,
  normaliseForRedaction,
  redactionRefusal,
  type ComplainantIdentity,
} from './redaction.js';
import { ruleReasons } from './procedure-rules.js';

const jane: ComplainantIdentity = {
  anonymityRequested: true,
  items: complainantItemsFromContact('Jane Doe <jane.doe@example.org>, IRC: jdoe42'),
};
const message = (text: string) => [{ source: 'message' as const, text }];

describe('redaction of an anonymous complainant', () => {
  it('reads names, addresses and nicks out of free-text contact details', () => {
    expect(complainantItemsFromContact('Jane Doe <jane.doe@example.org>, IRC: jdoe42')).toEqual(
      expect.arrayContaining([
        { kind: 'name', value: 'jane doe' },
        { kind: 'email', value: 'jane.doe@example.org' },
        { kind: 'email', value: 'jane.doe' },
        { kind: 'nick', value: 'jdoe42' },
      ]),
    );
    expect(complainantItemsFromContact('@janed')).toEqual(
      expect.arrayContaining([{ kind: 'nick', value: 'janed' }]),
    );
    expect(complainantItemsFromContact('   ')).toEqual([]);
  });

  it('refuses the name whatever its case and spacing', () => {
    for (const text of [
      'As Jane Doe told us',
      'as JANE   DOE told us',
      'jane\n doe said',
      'Jane Do\u200Be',
    ]) {
      expect(redactionRefusal(message(text), jane)?.rule).toBe(
        'complainant_identity_in_accused_text',
      );
    }
  });

  it('refuses the e-mail address, also spelled out, and the nick with or without @', () => {
    expect(redactionRefusal(message('Write to JANE.DOE@example.org'), jane)?.identityKinds).toEqual(
      ['email'],
    );
    expect(redactionRefusal(message('jane.doe at example dot org'), jane)?.identityKinds).toContain(
      'email',
    );
    expect(redactionRefusal(message('jane.doe [at] example.org'), jane)).not.toBeNull();
    expect(redactionRefusal(message('ask @JDoe42 on IRC'), jane)?.identityKinds).toEqual(['nick']);
    expect(redactionRefusal(message('jdoe42: please answer'), jane)).not.toBeNull();
  });

  it('says which kind of item it found and where, never the item itself', () => {
    const refusal = redactionRefusal(
      [
        { source: 'behaviour', text: 'Insults to Jane Doe.' },
        { source: 'message', text: 'Please answer.' },
      ],
      jane,
    );
    expect(refusal?.reason).toContain('their name');
    expect(refusal?.reason).toContain('the behaviour at issue');
    expect(refusal?.reason).not.toContain("staff's message");
    expect(refusal?.reason.toLowerCase()).not.toContain('jane');
    expect(refusal?.reason).not.toContain('jdoe42');
  });

  it('lets clear text through, and parts of other words do not count', () => {
    expect(
      redactionRefusal(message('Please tell us your side before the deadline.'), jane),
    ).toBeNull();
    expect(redactionRefusal(message('Mary-Jane Doerty and jdoe420 are others'), jane)).toBeNull();
  });

  it('does not restrict the text when the complainant did not ask for anonymity', () => {
    expect(
      redactionRefusal(message('Jane Doe reported it'), { ...jane, anonymityRequested: false }),
    ).toBeNull();
  });

  it('normalises width, case and whitespace the same way on both sides', () => {
    expect(normaliseForRedaction('  ＪＡＮＥ\t\tDoe ')).toBe('jane doe');
  });
});

const letters = (min: number, max: number) =>
  fc.string({
    unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'),
    minLength: min,
    maxLength: max,
  });

describe('redaction as a property', () => {
  it('refuses any text carrying an item of the contact, in any case or spacing, and never echoes it', () => {
    fc.assert(
      fc.property(
        fc.tuple(letters(4, 9), letters(4, 9)),
        letters(4, 9),
        letters(3, 8),
        fc.array(letters(2, 7), { maxLength: 8 }),
        fc.constantFrom<'name' | 'email' | 'nick'>('name', 'email', 'nick'),
        fc.boolean(),
        ([first, last], local, nick, words, which, shout) => {
          const email = `${local}@mail.example`;
          const identity: ComplainantIdentity = {
            anonymityRequested: true,
            items: complainantItemsFromContact(`${first} ${last}, ${email}, irc: ${nick}9`),
          };
          const item =
            which === 'name' ? `${first}  ${last}` : which === 'email' ? email : `@${nick}9`;
          const placed = shout ? item.toUpperCase() : item;
          const text = `Staff note ${words.join(' ')} ${placed}, ${words.join(' ')}.`;
          const refusal = redactionRefusal(message(text), identity);
          expect(refusal?.rule).toBe('complainant_identity_in_accused_text');
          // The reason is built from fixed words only, so no random item can be in it.
          const kinds =
            '(their name|their e-mail address|a nick or user name of theirs|their contact details)';
          expect(
            refusal?.reason.slice(ruleReasons.complainant_identity_in_accused_text.length),
          ).toMatch(new RegExp(`^ Found: ${kinds}(, ${kinds})*, in staff's message\\.$`));
        },
      ),
      { numRuns: 300 },
    );
  });
});
