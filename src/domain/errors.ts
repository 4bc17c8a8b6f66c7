/**
 * The one error type of ombuds. `code` decides the HTTP status and exit code; `message` is for the
 * log; `publicMessage` is the only text a person is ever shown. Unknown errors are never echoed.
 */
export const errorCodes = [
  'invalid_input',
  'unauthenticated',
  'csrf_rejected',
  'not_found',
  'rule_violation',
  'too_large',
  'rate_limited',
  'unavailable',
  'integrity',
  'configuration',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export class OmbudsError extends Error {
  readonly code: ErrorCode;
  readonly publicMessage: string;
  /** For a refused step: the stable id of the procedure rule that forbids it. */
  readonly rule: string | undefined;

  constructor(
    code: ErrorCode,
    publicMessage: string,
    options?: { logMessage?: string; cause?: unknown; rule?: string },
  ) {
    super(options?.logMessage ?? publicMessage, { cause: options?.cause });
    this.name = 'OmbudsError';
    this.code = code;
    this.publicMessage = publicMessage;
    this.rule = options?.rule;
  }
}

/** A refusal by a rule of the domain, as HTTP answers it (409 with the rule in words). */
export function ruleViolation(refusal: {
  readonly rule: string;
  readonly reason: string;
}): OmbudsError {
  return new OmbudsError('rule_violation', refusal.reason, {
    rule: refusal.rule,
    logMessage: `refused by rule ${refusal.rule}`,
  });
}

/** Nobody may probe which objects exist: "missing" and "forbidden" answer alike. */
export function notFound(): OmbudsError {
  return new OmbudsError('not_found', 'Not found.');
}
