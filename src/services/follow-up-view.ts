import type { CaseEvent } from '../domain/case-events.js';
import { isOpen, replay } from '../domain/case-state.js';
import { reporterStatusOf } from '../domain/reporter-status.js';
import type { ReporterStatus } from '../domain/reporter-status.js';

/** One entry of the conversation a reporter sees. Staff are never named. */
export interface ReporterMessage {
  readonly at: string;
  readonly from: 'staff' | 'you';
  readonly text: string;
  /** The names of the files sent with it, when there were any. */
  readonly attachmentNames?: readonly string[];
}

/** What the follow-up page shows: the status in plain words and the conversation. */
export interface ReporterCaseView {
  readonly status: ReporterStatus;
  readonly messages: readonly ReporterMessage[];
  /** False once the case is closed (or was marked as spam): nothing more can be added. */
  readonly mayAddInformation: boolean;
}

/**
 * The reporter's view of their case, from its timeline: their own account and additions, and the
 * messages staff addressed to them (the initial response, messages beside the steps, the
 * resolution). Nothing else of the timeline reaches it: not who acted, not the accused's notice
 * or response, not the review. `names` maps attachment ids to their opened names.
 */
export function reporterView(
  events: readonly CaseEvent[],
  names: ReadonlyMap<string, string>,
): ReporterCaseView {
  const added = new Set(
    events.flatMap((event) => (event.type === 'information_added' ? event.attachmentIds : [])),
  );
  // Files not sent with an addition came with the report itself.
  const withReport = [...names.keys()].filter((id) => !added.has(id));
  const namesOf = (ids: readonly string[]) => {
    const found = ids.flatMap((id) => {
      const name = names.get(id);
      return name === undefined ? [] : [name];
    });
    return found.length === 0 ? {} : { attachmentNames: found };
  };

  const messages: ReporterMessage[] = [];
  for (const event of events) {
    switch (event.type) {
      case 'case_received':
        messages.push({ at: event.at, from: 'you', text: event.account, ...namesOf(withReport) });
        break;
      case 'information_added':
        messages.push({
          at: event.at,
          from: 'you',
          text: event.text,
          ...namesOf(event.attachmentIds),
        });
        break;
      case 'initial_response_recorded':
      case 'complainant_messaged':
      case 'complainant_informed':
        messages.push({ at: event.at, from: 'staff', text: event.message });
        break;
      default:
        break;
    }
  }
  const state = replay(events);
  return { status: reporterStatusOf(state), messages, mayAddInformation: isOpen(state) };
}
