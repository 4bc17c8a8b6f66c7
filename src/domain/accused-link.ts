import { accusedNoticeFields, type AccusedNoticeFields } from './accused-notice.js';
import { authorise } from './case-access.js';
import { isOpen, type CaseState } from './case-state.js';
import type { Actor } from './roles.js';

/**
 * The accused's side: a one-time link to the notice, exchanged for a short session in which they
 * read the notice and send their response. Nothing of the case beyond what is here is reachable.
 */

export const accusedLinkPolicy = {
  /** A link never lives longer than this, whatever the response deadline. */
  maxValidMs: 14 * 24 * 60 * 60 * 1000,
  /** The session a link is exchanged for: long enough to read and write, short enough to lose. */
  sessionMs: 2 * 60 * 60 * 1000,
} as const;

export const accusedLinkRuleReasons = {
  accused_link_not_notified:
    'A link for the accused is made once the notice to the accused has been recorded.',
  accused_link_case_inactive:
    'This case is closed, merged or marked as spam: the accused can no longer be sent a link.',
  accused_link_not_allowed: 'Only someone who may notify the accused on this case makes the link.',
} as const;

export type AccusedLinkRule = keyof typeof accusedLinkRuleReasons;

/** Why the actor may not make a link for the accused now; null when they may. */
export function accusedLinkRefusal(state: CaseState, actor: Actor): AccusedLinkRule | null {
  if (authorise(state, 'notify_accused', actor) !== null) return 'accused_link_not_allowed';
  if (!isOpen(state)) return 'accused_link_case_inactive';
  if (state.accusedNotice === null) return 'accused_link_not_notified';
  return null;
}

/**
 * When a link made at `issuedAt` stops working: at the response deadline while the accused can
 * still answer before it, and 14 days after it was made at the latest.
 */
export function accusedLinkExpiry(state: CaseState, issuedAt: string): string {
  const issued = Date.parse(issuedAt);
  const longest = issued + accusedLinkPolicy.maxValidMs;
  const deadline =
    state.accusedNotice === null ? NaN : Date.parse(state.accusedNotice.responseDeadline);
  const answering = state.response === null && deadline > issued;
  return new Date(answering ? Math.min(longest, deadline) : longest).toISOString();
}

/** When a session started at `startedAt` from a link expiring at `linkExpiresAt` ends. */
export function accusedSessionExpiry(startedAt: string, linkExpiresAt: string): string {
  const end = Math.min(
    Date.parse(startedAt) + accusedLinkPolicy.sessionMs,
    Date.parse(linkExpiresAt),
  );
  return new Date(end).toISOString();
}

/** Everything the accused's page shows, and nothing else of the case. */
export interface AccusedPage {
  readonly notice: AccusedNoticeFields;
  /** The accused may still send a response (none recorded, window not closed, case open). */
  readonly mayRespond: boolean;
  /** Their response was recorded (through the link or by staff). */
  readonly responded: boolean;
  /** What staff told them of the action taken, once recorded. */
  readonly actionTaken: string | null;
}

/** The accused's page from the case; null when the case has no notice to show. */
export function accusedPage(state: CaseState): AccusedPage | null {
  const notice = accusedNoticeFields(state);
  if (notice === null) return null;
  return {
    notice,
    mayRespond: isOpen(state) && state.response === null,
    responded: state.response?.type === 'response_recorded',
    actionTaken: state.accusedInformed?.message ?? null,
  };
}
