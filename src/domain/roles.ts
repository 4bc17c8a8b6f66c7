/**
 * Who acts on a case. A person signs in and holds roles; the public side (the report form and the
 * anonymous follow-up channel) acts as one fixed actor, so a timeline never names a reporter.
 */

export const roles = [
  'conduct_staff',
  'executive_director',
  'board_liaison',
  'administrator',
  'legal_counsel',
] as const;

export type Role = (typeof roles)[number];

/**
 * `kind` is absent for a signed-in person, so `{ id, roles }` read from the staff table is an
 * Actor as it is. Only the public side sets `kind: 'public'`; its roles are ignored. Two more
 * non-person actors exist (src/domain/case-access.ts says what each may do): `automatic`, which
 * records the protections ombuds applies by itself (recusing a staff member whose identifiers
 * match a party, routing a case about staff), and `accused`, the holder of an accused link.
 * Neither holds any role, whatever the object claims.
 */
export interface Actor {
  readonly id: string;
  readonly roles: readonly Role[];
  readonly kind?: 'person' | 'public' | 'automatic' | 'accused';
}

/** The one actor of the public side: reports from the form and the anonymous follow-up channel. */
export const publicIntake: Actor = Object.freeze({
  id: 'public-intake',
  roles: Object.freeze([]),
  kind: 'public',
});

/** True for the public side (anonymous reporters), whatever roles the object claims. */
export function isPublic(actor: Actor): boolean {
  return actor.kind === 'public';
}

/** The actor that records ombuds' own protections; its id names it in timelines and the audit log. */
export const automaticProtection: Actor = Object.freeze({
  id: 'ombuds-protection',
  roles: Object.freeze([]),
  kind: 'automatic',
});

/**
 * The accused answering through their link. One fixed id for every case, so a timeline or the
 * audit log never carries anything that could name them beyond what staff recorded.
 */
export const accusedRespondent: Actor = Object.freeze({
  id: 'accused-link',
  roles: Object.freeze([]),
  kind: 'accused',
});

/** True for a signed-in person (a staff member), the only kind of actor that holds roles. */
export function isPerson(actor: Actor): boolean {
  return actor.kind === undefined || actor.kind === 'person';
}

/** True when the actor holds the role. Only people hold roles. */
export function hasRole(actor: Actor, role: Role): boolean {
  return isPerson(actor) && actor.roles.includes(role);
}

/** Roles that give a part in cases; an administrator manages the system and has none. */
export function hasCaseRole(actor: Actor): boolean {
  return (
    hasRole(actor, 'conduct_staff') ||
    hasRole(actor, 'executive_director') ||
    hasRole(actor, 'board_liaison') ||
    hasRole(actor, 'legal_counsel')
  );
}
