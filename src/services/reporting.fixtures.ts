import { randomBytes } from 'node:crypto';
import type { ReportSubmission } from '../domain/report-form.js';

/**
 * Builders for the reporting tests: a valid report with a fresh submission id, and the smallest
 * real files of the accepted kinds. Used only by tests.
 */

/** The smallest valid PNG: a 1×1 transparent pixel. */
export const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** A fresh submission id as the form would carry it (256 bits, base64url). */
export function newSubmissionId(): string {
  return randomBytes(32).toString('base64url');
}

/** A valid anonymous report; override any field. */
export function buildReport(overrides: Partial<ReportSubmission> = {}): ReportSubmission {
  return {
    submissionId: newSubmissionId(),
    accused: [
      {
        name: 'Sam Example',
        identifiers: [
          { kind: 'email', value: 'sam@example.org' },
          { kind: 'irc', network: 'oftc', value: 'sammy' },
        ],
      },
    ],
    relation: 'target',
    contact: null,
    behaviour: 'Repeated insults in #openstack-dev after I disagreed in a review.',
    approximateTime: 'Tuesday evening, around 21:00 UTC',
    circumstances: 'During the release meeting.',
    venue: { kind: 'irc', detail: '#openstack-dev' },
    conductItems: ['personal_insults', 'repeated_harassment'],
    othersInvolved: '',
    anonymous: true,
    immediateDanger: false,
    ...overrides,
  };
}
