import type { ReportSubmission } from '../domain/report-form.js';

/**
 * The account a case's `case_received` event carries: the reporter's own description first, then
 * when, the circumstances and where, as plain text. The whole report (people, contact, choices)
 * stays in the sealed report beside it; this is what the timeline and the follow-up page show.
 * Labels are fixed English: the account is a record, not page copy.
 */

const maxAccount = 20_000;

/** The plain-text account of a report, at most 20,000 characters. */
export function reportAccount(report: ReportSubmission): string {
  const where = [report.venue.kind.replaceAll('_', ' '), report.venue.detail]
    .filter((part) => part !== '')
    .join(': ');
  const details = [
    report.approximateTime === '' ? '' : `When: ${report.approximateTime}`,
    report.circumstances === '' ? '' : `Circumstances: ${report.circumstances}`,
    `Where: ${where}`,
  ].filter((line) => line !== '');
  const tail = `\n\n${details.join('\n')}`;
  // The description keeps its full length when it can; the details are in the sealed report too.
  const room = Math.max(0, maxAccount - tail.length);
  const behaviour =
    report.behaviour.length <= room ? report.behaviour : `${report.behaviour.slice(0, room - 1)}…`;
  // Cutting may split a surrogate pair; toWellFormed mends it rather than failing the report.
  return `${behaviour}${tail}`.slice(0, maxAccount).toWellFormed();
}
