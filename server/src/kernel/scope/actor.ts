import type { Role } from './roles.js';

export interface Grant {
  orgId: string;
  /** The granted org's materialised path; the grant covers every org whose path starts with it. */
  orgPath: string;
  role: Role;
}

/** Who is making a request: the logged-in user with every role they hold and where. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  orgId: string;
  grants: Grant[];
}

/** True when `path` lies in the subtree of a grant held by the actor with one of `roles` (any role if none given). */
export function inScope(actor: Actor, path: string, ...roles: Role[]): boolean {
  return actor.grants.some((g) => path.startsWith(g.orgPath) && (roles.length === 0 || roles.includes(g.role)));
}

/**
 * The smallest set of path prefixes covering every org the actor reaches with one of `roles`:
 * nested grants (a league admin also named banner admin) collapse into the outer one.
 */
export function scopePrefixes(actor: Actor, ...roles: Role[]): string[] {
  const paths = actor.grants
    .filter((g) => roles.length === 0 || roles.includes(g.role))
    .map((g) => g.orgPath)
    .sort((a, b) => a.length - b.length);
  const out: string[] = [];
  for (const p of paths) if (!out.some((o) => p.startsWith(o))) out.push(p);
  return out;
}
