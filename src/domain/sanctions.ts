import { z } from 'zod';
import { isoInstant } from './instant.js';

/**
 * The catalogue of actions staff may take where a violation is found, in the code of conduct's
 * order. The sanctions registry (subjects, expiry, lifting) grows here.
 */
export const sanctionKinds = [
  'warning',
  'no_contact_order',
  'channel_ban',
  'end_volunteer_roles',
  'event_removal',
  'future_event_ban',
  'membership_removal',
] as const;

export type SanctionKind = (typeof sanctionKinds)[number];

/** Plain words for each kind, as the console and the notices name them. */
export const sanctionDescriptions = {
  warning:
    'Directed to cease the behaviour, with a warning that further violations bring sanctions',
  no_contact_order: 'No interaction with, and no physical proximity to, the complainant',
  channel_ban: 'Banned from communication channels (IRC, mailing lists, issue trackers, forums)',
  end_volunteer_roles: 'Volunteer responsibilities and privileges ended',
  event_removal: 'Required to leave the event in progress and not return',
  future_event_ban: 'Banned from future Foundation-sponsored events',
  membership_removal: 'Removed from membership and community roles and responsibilities',
} as const satisfies Record<SanctionKind, string>;

/**
 * These act only where they are enforced, so a venue must be named. The others apply across the
 * Foundation's venues (a warning, a no-contact order, ending roles or membership).
 */
const kindsNeedingVenue: ReadonlySet<SanctionKind> = new Set([
  'channel_ban',
  'event_removal',
  'future_event_ban',
]);

/**
 * One sanction as recorded on a case timeline. Changing this shape changes the persisted
 * `sanctions_imposed` event, so it needs a data migration.
 */
export const sanctionSchema = z.object({
  kind: z.enum(sanctionKinds),
  venues: z.array(z.string().trim().min(1).max(500)).max(100),
  starts: isoInstant,
  ends: z.union([isoInstant, z.literal('indefinite')]),
});

export type Sanction = z.infer<typeof sanctionSchema>;

export const sanctionRules = [
  'no_sanctions',
  'sanction_ends_before_start',
  'sanction_needs_venue',
] as const;

export type SanctionRule = (typeof sanctionRules)[number];

export const sanctionRuleReasons = {
  no_sanctions: 'Where a violation is found, record at least one action from the catalogue.',
  sanction_ends_before_start: 'A sanction must end after it starts, or be indefinite.',
  sanction_needs_venue:
    'A ban or removal names the venues where it applies (channels, lists, events).',
} as const satisfies Record<SanctionRule, string>;

export interface SanctionProblem {
  readonly rule: SanctionRule;
  /** Position of the sanction in the submitted list; absent for a problem with the whole list. */
  readonly index?: number;
  readonly reason: string;
}

/** Checks a list of sanctions against the catalogue's rules; returns every problem found. */
export function validateSanctions(sanctions: readonly Sanction[]): SanctionProblem[] {
  if (sanctions.length === 0) {
    return [{ rule: 'no_sanctions', reason: sanctionRuleReasons.no_sanctions }];
  }
  const problems: SanctionProblem[] = [];
  sanctions.forEach((sanction, index) => {
    if (
      sanction.ends !== 'indefinite' &&
      Date.parse(sanction.ends) <= Date.parse(sanction.starts)
    ) {
      problems.push({
        rule: 'sanction_ends_before_start',
        index,
        reason: sanctionRuleReasons.sanction_ends_before_start,
      });
    }
    if (kindsNeedingVenue.has(sanction.kind) && sanction.venues.length === 0) {
      problems.push({
        rule: 'sanction_needs_venue',
        index,
        reason: sanctionRuleReasons.sanction_needs_venue,
      });
    }
  });
  return problems;
}

/** True while the sanction applies at `at`: from its start, until its end unless indefinite. */
export function isSanctionInForce(sanction: Sanction, at: string): boolean {
  const now = Date.parse(at);
  if (now < Date.parse(sanction.starts)) return false;
  return sanction.ends === 'indefinite' || now < Date.parse(sanction.ends);
}
