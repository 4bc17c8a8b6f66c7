import type { CaseState } from './case-state.js';

/**
 * What the accused is told, and nothing more: the behaviour at issue as staff wrote it in the
 * initial report, where, which parts of the code of conduct, staff's message and the deadline.
 * The type has no field for the complainant, the account as received, the other people involved
 * or any contact, so no page built from it can show them.
 */
export interface AccusedNoticeFields {
  readonly behaviour: string;
  readonly venue: string;
  readonly conductItems: readonly string[];
  readonly message: string;
  readonly responseDeadline: string;
}

/**
 * The notice from the case's initial report and the notice details: a draft (for the preview,
 * before the notice is recorded) or, without one, the recorded notice. Null when the case has no
 * initial report yet, or no notice and no draft.
 */
export function accusedNoticeFields(
  state: CaseState,
  draft?: { readonly message: string; readonly responseDeadline: string },
): AccusedNoticeFields | null {
  const report = state.initialReport;
  const notice = draft ?? state.accusedNotice;
  if (report === null || notice === null) return null;
  return {
    behaviour: report.behaviour,
    venue: report.venue,
    conductItems: [...report.conductItems],
    message: notice.message,
    responseDeadline: notice.responseDeadline,
  };
}
