import type { CaseState } from './case-state.js';

/**
 * What a reporter may see of their case through the follow-up page: one status in plain words.
 * It tells where the procedure is, never what staff found or what the accused answered; a
 * resolution shows only once staff have informed the complainant of it.
 */
export const reporterStatuses = [
  'received',
  'being_assessed',
  'waiting_for_response',
  'under_review',
  'decided',
  'closed',
] as const;

export type ReporterStatus = (typeof reporterStatuses)[number];

/** The plain-words status of a case for its reporter. */
export function reporterStatusOf(state: CaseState): ReporterStatus {
  // Spam is shown as closed: telling a sender that their report was judged spam helps nobody.
  if (state.closed !== null || state.spam !== null) return 'closed';
  // A report merged into a related case goes on being handled there.
  if (state.mergedInto !== null) return 'under_review';
  if (state.complainantInformed !== null) return 'decided';
  if (state.received === null || state.dangerAssessment === null) return 'received';
  if (state.accusedNotice === null) return 'being_assessed';
  if (state.response === null) return 'waiting_for_response';
  return 'under_review';
}
