import { inScope } from '../../kernel/scope/actor.js';
import type { Policy } from '../../kernel/scope/policy.js';
import type { Role } from '../../kernel/scope/roles.js';

export interface ThinktankSubject {
  orgPath: string;
}

/** Who runs the think tank of an org: its admins and organisers (and those of the orgs above). */
export const THINKTANK_MANAGERS: Role[] = ['admin', 'organizer'];

export function thinktankPolicy(policy: Policy): void {
  // The expert pool, symposiums, suggestions and surveys of an org: its staff and those above.
  policy.allow<ThinktankSubject>('thinktank.read', (actor, s) => inScope(actor, s.orgPath, ...THINKTANK_MANAGERS, 'editor', 'reviewer'));
  // Keep the pool, hold symposiums, move suggestions through their stages, build surveys.
  policy.allow<ThinktankSubject>('thinktank.manage', (actor, s) => inScope(actor, s.orgPath, ...THINKTANK_MANAGERS));
  // Any member submits a suggestion to an org they belong to (or one above it): a grant on it or below.
  policy.allow<ThinktankSubject>('suggestion.submit', (actor, s) => actor.grants.some((g) => g.orgPath.startsWith(s.orgPath)));
}
