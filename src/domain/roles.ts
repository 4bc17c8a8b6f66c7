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
 * Actor as it is. Only the public side sets `kind: 'public'`; its roles are ignored.
 */
export interface Actor {
  readonly id: string;
  readonly roles: readonly Role[];
  readonly kind?: 'person' | 'public';
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

/** True when the actor holds the role. The public side holds none. */
export function hasRole(actor: Actor, role: Role): boolean {
  return !isPublic(actor) && actor.roles.includes(role);
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
