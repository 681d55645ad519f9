import { inScope } from '../../kernel/scope/actor.js';
import type { Policy } from '../../kernel/scope/policy.js';

export interface UserSubject {
  id: string;
  /** Path of the user's home org. */
  orgPath: string;
}

export interface GrantSubject {
  user: UserSubject;
  /** Path of the org the role is granted on. */
  orgPath: string;
}

export function userPolicy(policy: Policy): void {
  policy.allow<UserSubject>('user.read', (actor, user) => actor.userId === user.id || inScope(actor, user.orgPath, 'admin'));
  // Subject: the home org of the account to create.
  policy.allow<{ orgPath: string }>('user.create', (actor, org) => inScope(actor, org.orgPath, 'admin'));
  // Both ends in the granter's admin scope: no granting roles elsewhere, nor to someone else's users.
  policy.allow<GrantSubject>(
    'role.grant',
    (actor, g) => inScope(actor, g.orgPath, 'admin') && inScope(actor, g.user.orgPath, 'admin'),
  );
  policy.allow<{ orgPath: string }>('audit.read', (actor, org) => inScope(actor, org.orgPath, 'admin'));
}
