import { describe, expect, it } from 'vitest';
import { initialState } from './case-state.js';
import { decide } from './procedure.js';
import {
  apply,
  assessedCase,
  caseBefore,
  closedCase,
  command,
  hour,
  staff,
} from './procedure.fixtures.js';
import { reporterStatusOf } from './reporter-status.js';

describe('the status a reporter sees', () => {
  it('follows the procedure in plain steps', () => {
    expect(reporterStatusOf(caseBefore('assess_danger'))).toBe('received');
    expect(reporterStatusOf(assessedCase())).toBe('being_assessed');
    expect(reporterStatusOf(caseBefore('notify_accused'))).toBe('being_assessed');
    expect(reporterStatusOf(caseBefore('record_response'))).toBe('waiting_for_response');
    expect(reporterStatusOf(caseBefore('record_review'))).toBe('under_review');
    expect(reporterStatusOf(caseBefore('close_case'))).toBe('decided');
    expect(reporterStatusOf(closedCase().state)).toBe('closed');
  });

  it('tells nothing of a conclusion before the complainant is informed of it', () => {
    for (const step of ['impose_sanctions', 'inform_accused', 'inform_complainant'] as const) {
      expect(reporterStatusOf(caseBefore(step))).toBe('under_review');
    }
  });

  it('shows a spam case as closed', () => {
    const spam = apply(
      assessedCase(),
      decide(assessedCase(), command.mark_as_spam(hour(2)), staff),
    );
    expect(reporterStatusOf(spam)).toBe('closed');
  });

  it('shows a report merged into a related case as under review', () => {
    expect(reporterStatusOf({ ...assessedCase(), mergedInto: 'case-9' })).toBe('under_review');
  });

  it('answers "received" for a case not yet received', () => {
    expect(reporterStatusOf(initialState)).toBe('received');
  });
});
