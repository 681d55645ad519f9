import { inScope, type Actor } from '../../kernel/scope/actor.js';
import type { Policy } from '../../kernel/scope/policy.js';

export interface OrgSubject {
  path: string;
  parentId: string | null;
}

/** Admin on a strict ancestor; the root itself only by its own admins. A banner admin cannot rename their banner or change its code. */
function adminAbove(actor: Actor, org: OrgSubject): boolean {
  return actor.grants.some(
    (g) => g.role === 'admin' && org.path.startsWith(g.orgPath) && (g.orgPath !== org.path || org.parentId === null),
  );
}

export function orgPolicy(policy: Policy): void {
  policy.allow<OrgSubject>('org.read', (actor, org) => inScope(actor, org.path));
  // Subject: the parent under which the new org goes.
  policy.allow<OrgSubject>('org.create', (actor, parent) => inScope(actor, parent.path, 'admin'));
  policy.allow<OrgSubject>('org.update', adminAbove);
}
