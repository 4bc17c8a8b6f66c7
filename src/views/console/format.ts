/** `2026-03-01T10:00:00.000Z` as `2026-03-01 10:00`, the way the console shows instants (UTC). */
export function formatInstant(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

/** The short reference of a case that people read and say aloud: its id's first 8 characters. */
export function caseRef(caseId: string): string {
  return caseId.slice(0, 8);
}

/** A value for `<input type="datetime-local">` from an ISO instant (read as UTC). */
export function toLocalInput(iso: string): string {
  return iso.slice(0, 16);
}
