/**
 * The names of the report form's fields, shared by the page that renders them and the route that
 * reads them back. Flat names (`accused-2-email`) rather than nested ones, so the form needs no
 * script and a browser sends exactly what it shows.
 */

/** How many people the form offers to name; the 2nd and 3rd are optional and folded away. */
export const accusedBlockCount = 3;

export const accusedParts = [
  'name',
  'email',
  'irc-nick',
  'irc-network',
  'forge-user',
  'forge-service',
  'other-label',
  'other-value',
] as const;

export type AccusedPart = (typeof accusedParts)[number];

/** The field of one part of the n-th (1-based) accused person. */
export function accusedField(block: number, part: AccusedPart): string {
  return `accused-${block}-${part}`;
}

export const reportFields = {
  csrf: '_csrf',
  submissionId: 'submissionId',
  immediateDanger: 'immediateDanger',
  behaviour: 'behaviour',
  approximateTime: 'approximateTime',
  circumstances: 'circumstances',
  venueKind: 'venue',
  venueDetail: 'venueDetail',
  relation: 'relation',
  conductItems: 'conductItems',
  othersInvolved: 'othersInvolved',
  anonymous: 'anonymous',
  contact: 'contact',
  attachments: 'attachments',
} as const;

/** Every field in the order the page shows it (the order of the error summary). */
export const reportFieldOrder: readonly string[] = [
  reportFields.immediateDanger,
  reportFields.behaviour,
  reportFields.approximateTime,
  reportFields.circumstances,
  reportFields.venueKind,
  reportFields.venueDetail,
  ...Array.from({ length: accusedBlockCount }, (_, index) =>
    accusedParts.map((part) => accusedField(index + 1, part)),
  ).flat(),
  reportFields.relation,
  reportFields.conductItems,
  reportFields.othersInvolved,
  reportFields.anonymous,
  reportFields.contact,
  reportFields.attachments,
];
