/**
 * The check every outgoing message to a complainant passes. The code of conduct forbids three
 * kinds of wording because they are coercive: inviting withdrawal (or saying it is fine), asking
 * the complainant's advice on handling the complaint (a Staff responsibility), and offering them
 * input into penalties. Asking what would "make it right" is the one exception, and only when a
 * staff member has deliberately flagged it.
 *
 * The patterns run on normalised text, so case, curly quotes, full-width letters and spacing do
 * not let a phrase through. They favour catching a phrase over letting one by: a false finding
 * costs a rewording, a missed one costs a complainant's trust.
 */

export const wordingRules = [
  'invites_withdrawal',
  'asks_advice_on_handling',
  'offers_penalty_input',
  'make_it_right_unflagged',
] as const;

export type WordingRule = (typeof wordingRules)[number];

export const wordingRuleReasons = {
  invites_withdrawal:
    'Do not invite the complainant to withdraw or say that withdrawing is fine: it suggests you want them to. Say instead that you are pursuing it ("If you\'re OK with it, we will pursue the complaint").',
  asks_advice_on_handling:
    'Do not ask the complainant how to deal with the complaint: that is the responsibility of Staff.',
  offers_penalty_input:
    'Do not offer the complainant input into penalties: they are at the sole discretion of Staff.',
  make_it_right_unflagged:
    'Asking what it would take to "make it right" is allowed only when a staff member flags it as deliberate.',
} as const satisfies Record<WordingRule, string>;

export interface WordingFinding {
  readonly rule: WordingRule;
  /** The offending phrase, as it reads after normalisation. */
  readonly phrase: string;
  readonly reason: string;
}

export type WordingResult = { ok: true } | { ok: false; findings: WordingFinding[] };

export interface WordingOptions {
  /** Set by a staff member who deliberately asks what it would take to "make it right". */
  readonly makeItRightFlagged?: boolean;
}

/** Lower-cases and folds look-alikes (NFKC, curly quotes, invisible characters, spacing). */
export function normaliseMessage(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[\u2018\u2019\u201a\u201b\u2032\u00b4`]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

// Building blocks, on normalised text. Objects are spelled out where a bare verb is innocent
// ("you can drop by the office", "would you like to continue by phone").
const complaint =
  '(?:it|this|that|the complaint|your complaint|the report|your report|the matter|the case)';
const withdrawVerb = `(?:withdraw|retract|drop ${complaint}|cancel ${complaint}|take ${complaint} back|take back ${complaint}|pull (?:out|${complaint})|back out|let ${complaint} go|stop (?:the|this|your) (?:complaint|report|process)|walk away)`;
const notPursue =
  '(?:not (?:to )?(?:pursue|continue|proceed|go ahead|go on|take (?:it|this) further)|stop (?:here|now|there|the process|this process))';
const pursue = `(?:(?:continue|pursue|proceed|go ahead|go on|keep going)(?: with)?(?: ${complaint})?)(?=\\s*(?:[?.!,;:]|$))`;
const fine =
  '(?:fine|ok|okay|alright|all right|acceptable|understandable|no problem|totally normal|perfectly normal|your (?:call|choice|decision|right))';
const usDo = '(?:handle|deal with|proceed|address|respond|approach|resolve|manage|act on|treat)';
const notCare = '(?! (?:to|in order to) (?:help|support|assist|make you|keep you))';
const punishWord = '(?:punish(?:ment|ments)?|penalt(?:y|ies))';
const measure =
  '(?:sanctions?|consequences?|actions?|measures?|steps?|outcomes?|discipline|punish(?:ment|ments)?|penalt(?:y|ies))';
const punishVerb =
  '(?:ban|banned|remove|removed|suspend|suspended|expel|expelled|warn|warned|punish|punished|sanction|sanctioned|block|blocked|kick|kicked|exclude|excluded)(?!\\s*you\\b)';

const rx = (source: string): RegExp => new RegExp(`\\b${source}`, 'g');

const patterns: ReadonlyArray<readonly [WordingRule, RegExp]> = [
  [
    'invites_withdrawal',
    rx(
      `(?:you|u)(?: (?:can|could|may|might|are (?:free|welcome) to|(?:always |still )?have the (?:option|right) to)|'re (?:free|welcome) to)(?: always| still| also| of course)? ${withdrawVerb}`,
    ),
  ],
  ['invites_withdrawal', rx(`feel free to (?:${withdrawVerb}|${notPursue})`)],
  [
    'invites_withdrawal',
    rx(
      `if (?:you'd|you would|you) (?:(?:rather|prefer|prefer to|like to|want to|wish to|decide to|choose to|change your mind and) )?(?:${notPursue}|${withdrawVerb})`,
    ),
  ],
  [
    'invites_withdrawal',
    rx(
      `(?:it's|it is|that's|that is|it would be|it'd be|it will be)(?: completely| totally| perfectly| absolutely| also| of course| still)? ${fine},? (?:if you (?:want to |wish to |decide to )?|for you to |to )(?:${withdrawVerb}|${notPursue}|change your mind)`,
    ),
  ],
  [
    'invites_withdrawal',
    rx('no (?:pressure|obligation|need) to (?:continue|proceed|pursue|go (?:on|ahead|through))'),
  ],
  [
    'invites_withdrawal',
    rx(
      `(?:withdrawing|withdrawal|dropping|retracting)(?: (?:the|your|this) (?:complaint|report))? (?:is|would be|remains) (?:(?:always|also|still) )?(?:${fine}|an option|possible|allowed)`,
    ),
  ],
  [
    'invites_withdrawal',
    rx(
      `(?:do|would) you (?:still )?(?:want|wish|like|prefer|rather) (?:to )?(?:${withdrawVerb}|${pursue})`,
    ),
  ],
  [
    'invites_withdrawal',
    rx(
      "you (?:don't|do not|dont) (?:have|need) to (?:continue|pursue|proceed|go (?:on|ahead|through)|keep going)",
    ),
  ],
  [
    'asks_advice_on_handling',
    rx(
      `how (?:would|do|should|will|could) (?:you|u) (?:like|want|prefer|suggest|recommend|advise|think|wish)(?: for)? (?:us|we) (?:to |should )?${usDo}`,
    ),
  ],
  ['asks_advice_on_handling', rx(`how (?:should|shall|do|would|could|can) we ${usDo}`)],
  ['asks_advice_on_handling', rx(`what (?:should|shall|do|must|ought) we (?:to )?do\\b${notCare}`)],
  [
    'asks_advice_on_handling',
    rx(
      `what (?:would|do|will) you (?:like|want|prefer|suggest|recommend|advise|think)(?: for)? (?:us|we) (?:to |should )?(?:do|take)\\b${notCare}`,
    ),
  ],
  [
    'asks_advice_on_handling',
    rx(`what do you think (?:we|the staff|staff) (?:should|ought to|must) do\\b${notCare}`),
  ],
  ['asks_advice_on_handling', rx('what (?:would|do) you (?:suggest|recommend|advise)\\b')],
  [
    'asks_advice_on_handling',
    rx(
      `(?:your|any) (?:advice|suggestions?|recommendations?|thoughts|views|preferences?|guidance) (?:on|about|for|regarding) (?:how|what) (?:to|we|we should) (?:${usDo}|do)`,
    ),
  ],
  [
    'asks_advice_on_handling',
    rx(
      `how (?:you'd|you would|you) (?:like|want|wish|prefer)(?: for)? (?:us|we) to (?:${usDo}|go about)`,
    ),
  ],
  [
    'asks_advice_on_handling',
    rx("how (?:would you|you'd|you would|do you want to|you want to) (?:like to )?proceed\\b"),
  ],
  [
    'asks_advice_on_handling',
    rx(
      'how (?:would|do) you (?:like|want) (?:this|it|the complaint|the matter|the report|things) (?:to be )?(?:handled|dealt with|resolved|addressed)',
    ),
  ],
  ['offers_penalty_input', rx(`what (?:kind of |sort of |type of |level of )?${punishWord}\\b`)],
  [
    'offers_penalty_input',
    rx(
      `what (?:kind of |sort of |type of )?${measure} (?:would|do|should|could|might) (?:you|they|he|she|we|be)\\b`,
    ),
  ],
  [
    'offers_penalty_input',
    rx(`should (?:we|they|he|she|the (?:person|accused)) (?:be )?${punishVerb}`),
  ],
  [
    'offers_penalty_input',
    rx(
      `(?:do|would) you (?:want|like|prefer|think) (?:us to |we should |that we |them to be |him to be |her to be |to see (?:them|him|her) )?(?:be )?${punishVerb}`,
    ),
  ],
  [
    'offers_penalty_input',
    rx(
      '(?:would|do) you (?:prefer|want|like|suggest) (?:a |an |the )?(?:ban|warning|suspension|removal|sanction|penalty|punishment|expulsion)\\b',
    ),
  ],
  [
    'offers_penalty_input',
    rx(
      `(?:your|any) (?:input|say|opinion|views?|preferences?|thoughts|suggestions?|wishes) (?:on|about|regarding|into|in|as to|for) (?:the |a |any |what )?(?:${measure}|outcome)`,
    ),
  ],
  [
    'offers_penalty_input',
    rx(
      'how (?:should|shall|would you like|do you want) (?:we |us to )?(?:punish|sanction|penali[sz]e|discipline)\\b',
    ),
  ],
];

const makeItRight = /\b(?:make (?:it|this|that|things) (?:right|up to you)|make amends)\b/g;

/** Checks a message to a complainant; lists each forbidden phrase with the rule it breaks. */
export function checkComplainantMessage(text: string, options: WordingOptions = {}): WordingResult {
  const normalised = normaliseMessage(text);
  const found: { finding: WordingFinding; start: number; end: number }[] = [];
  const add = (rule: WordingRule, match: RegExpExecArray): void => {
    const start = match.index;
    const end = start + match[0].length;
    // Several patterns may catch one phrase; it is reported once per rule.
    const overlaps = found.some((f) => f.finding.rule === rule && start < f.end && f.start < end);
    if (!overlaps) {
      found.push({
        finding: { rule, phrase: match[0], reason: wordingRuleReasons[rule] },
        start,
        end,
      });
    }
  };
  for (const [rule, pattern] of patterns) {
    for (const match of normalised.matchAll(pattern)) add(rule, match);
  }
  if (options.makeItRightFlagged !== true) {
    for (const match of normalised.matchAll(makeItRight)) add('make_it_right_unflagged', match);
  }
  const findings = found.sort((a, b) => a.start - b.start).map((f) => f.finding);
  return findings.length === 0 ? { ok: true } : { ok: false, findings };
}
