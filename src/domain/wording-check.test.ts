import { describe, expect, it } from 'vitest';
import { checkComplainantMessage, normaliseMessage, wordingRuleReasons } from './wording-check.js';
import type { WordingRule } from './wording-check.js';

const rulesFound = (text: string, makeItRightFlagged = false): WordingRule[] => {
  const result = checkComplainantMessage(text, { makeItRightFlagged });
  return result.ok ? [] : result.findings.map((finding) => finding.rule);
};

const invitesWithdrawal = [
  'You can withdraw your complaint at any time.',
  'You can always withdraw.',
  'You could retract the report if you want.',
  'You may withdraw the complaint whenever you wish.',
  'You are free to withdraw.',
  "You're welcome to drop the complaint.",
  'You still have the option to withdraw.',
  'Feel free to drop it if things calm down.',
  'Feel free to withdraw whenever.',
  'Feel free to not pursue this.',
  "If you'd rather not pursue this, just say so.",
  'If you would rather not continue, let us know.',
  'If you want to withdraw, reply to this e-mail.',
  'If you decide to drop the complaint, that is your call.',
  "It's fine to withdraw.",
  "It's totally fine if you withdraw.",
  'It is perfectly OK if you want to withdraw.',
  "That's okay if you change your mind.",
  'It would be understandable to drop it.',
  'There is no pressure to continue.',
  'No obligation to proceed with this.',
  'Withdrawing the complaint is always an option.',
  'Withdrawal is fine.',
  'Do you still want to pursue this?',
  'Do you want to withdraw?',
  'Would you like to proceed with the complaint?',
  "You don't have to continue with this.",
  'You do not need to go ahead.',
  'You can let it go if you prefer.',
  'You can take the complaint back.',
];

const asksAdvice = [
  'How would you like us to handle this?',
  'How do you want us to deal with him?',
  'How should we handle the situation?',
  'How do we proceed from here, in your view?',
  'What should we do?',
  'What do we do about this person?',
  'What would you like us to do?',
  'What do you want us to do about it?',
  'What do you think we should do about the messages?',
  'What would you suggest?',
  'Any suggestions on how to handle this?',
  'Your advice on how we should respond would help.',
  'Let us know how you would like us to proceed.',
  'How would you like to proceed?',
  'How would you like this handled?',
  'How do you want the complaint to be dealt with?',
];

const offersPenaltyInput = [
  'What punishment would you like to see?',
  'What penalty seems fair to you?',
  'What kind of punishment do you think fits?',
  'What sanction would you like?',
  'What sanctions should they face?',
  'What consequences do you want for him?',
  'What action should be taken against them?',
  'Should we ban him from the channel?',
  'Should they be removed from the summit?',
  'Should he be warned?',
  'Do you want us to ban them?',
  'Would you like them to be suspended?',
  'Would you prefer a ban or a warning?',
  'We would value your input on the sanction.',
  'Do you have any preferences regarding the penalty?',
  'How should we punish him?',
];

const allowed = [
  "If you're OK with it, we will pursue the complaint.",
  'If you are OK with it, we will pursue the complaint and keep you informed.',
  'Thank you for telling us. We take this seriously and are acting on it.',
  'Do you need help? Do you need to be connected with a safe person, friend or family member?',
  'Do you need a safe space? We can arrange a quiet room at the venue.',
  'Next, we notify the Executive Director, then we contact the person concerned.',
  'You do not need to engage with the person; Staff is there to support you.',
  'If you feel your safety is in jeopardy, please contact law enforcement.',
  'What can we do to help you feel safe?',
  'What should we do to support you in the meantime?',
  'You can reach us at any time by replying to this message.',
  'You can drop by the staff office at the venue.',
  'Would you like to continue this conversation by phone?',
  'Please let us know if you would like to add anything to your report.',
  'The determination of any penalties is at the sole discretion of Staff.',
  'We found that a violation occurred and have taken action.',
  'We will tell you what action we take.',
  'The sanctions that were applied take effect today.',
  'We will not ask you to withdraw, and we are pursuing the complaint.',
  'We handle this from here; you will hear from us within a week.',
];

describe('the wording check on messages to a complainant', () => {
  it.each(invitesWithdrawal)('finds an invitation to withdraw in "%s"', (text) => {
    expect(rulesFound(text)).toContain('invites_withdrawal');
  });

  it.each(asksAdvice)('finds a request for advice on handling in "%s"', (text) => {
    expect(rulesFound(text)).toContain('asks_advice_on_handling');
  });

  it.each(offersPenaltyInput)('finds an offer of input into penalties in "%s"', (text) => {
    expect(rulesFound(text)).toContain('offers_penalty_input');
  });

  it.each(allowed)('lets "%s" through', (text) => {
    expect(checkComplainantMessage(text)).toEqual({ ok: true });
  });

  it.each([
    'What would it take to make it right?',
    'Is there anything that would make things right, such as an apology?',
    'Would an apology help make amends?',
  ])('allows asking "%s" only when staff flagged it', (text) => {
    expect(rulesFound(text, true)).toEqual([]);
    expect(rulesFound(text, false)).toEqual(['make_it_right_unflagged']);
  });

  it('still refuses penalty input in a flagged make-it-right message', () => {
    const text = 'What would make it right? What punishment would you like?';
    expect(rulesFound(text, true)).toEqual(['offers_penalty_input']);
  });

  it('names the rule, the offending phrase and the reason', () => {
    expect(checkComplainantMessage('Thanks. You can withdraw at any time.')).toEqual({
      ok: false,
      findings: [
        {
          rule: 'invites_withdrawal',
          phrase: 'you can withdraw',
          reason: wordingRuleReasons.invites_withdrawal,
        },
      ],
    });
  });

  it('reports each occurrence once, even when several patterns catch the same phrase', () => {
    const result = checkComplainantMessage(
      'What punishment would you like? You can withdraw. You may withdraw.',
    );
    expect(result.ok || result.findings.map((finding) => finding.phrase)).toEqual([
      'what punishment',
      'you can withdraw',
      'you may withdraw',
    ]);
  });

  it('reports each kind of problem in one message', () => {
    const text = 'You can withdraw. What should we do? Should we ban him? Make it right.';
    expect(rulesFound(text).sort()).toEqual([
      'asks_advice_on_handling',
      'invites_withdrawal',
      'make_it_right_unflagged',
      'offers_penalty_input',
    ]);
  });

  it.each([
    ['capitals', 'YOU CAN WITHDRAW at any time.'],
    ['a curly apostrophe', 'It’s fine to withdraw.'],
    ['a curly apostrophe in a contraction', 'If you’d rather not pursue this, tell us.'],
    ['line breaks and extra spaces', 'feel   free\n\tto\n drop   it'],
    ['full-width letters', 'ｙｏｕ ｃａｎ ｗｉｔｈｄｒａｗ'],
    ['a zero-width space', 'you can with\u200bdraw'],
    ['a soft hyphen', 'you can with\u00addraw'],
    ['a non-breaking space', 'no\u00a0pressure to continue'],
  ])('catches a phrase disguised with %s', (_disguise, text) => {
    expect(rulesFound(text)).toContain('invites_withdrawal');
  });
});

describe('normaliseMessage', () => {
  it('folds case, quotes, dashes and spacing', () => {
    expect(normaliseMessage('  “It’s\u2014FINE”\n\n now ')).toBe('"it\'s-fine" now');
  });

  it('folds compatibility characters', () => {
    expect(normaliseMessage('ﬁne ①')).toBe('fine 1');
  });
});
