import { inScope, type Actor } from '../../kernel/scope/actor.js';
import type { Policy } from '../../kernel/scope/policy.js';

/**
 * A space is an org's corner of the community. Its readers and writers are the people on its line
 * of the tree: of the org, of orgs below it, and of orgs above it (the region's space is every
 * member's; a banner's space is not another banner's). A space that does not include its subtree
 * is kept to the org's own people and the orgs above it.
 */
export function onLine(actor: Actor, orgPath: string, includeSubtree = true): boolean {
  return actor.grants.some((g) => orgPath.startsWith(g.orgPath) || (includeSubtree && g.orgPath.startsWith(orgPath)));
}

export interface SpaceSubject {
  orgPath: string;
  /** Whether people of the orgs below belong to the space (the default). */
  includeSubtree: boolean;
  /** The actor is a named moderator of this space. */
  moderator: boolean;
}

export function communityPolicy(policy: Policy): void {
  policy.allow<SpaceSubject>('community.read', (actor, s) => s.moderator || onLine(actor, s.orgPath, s.includeSubtree));
  policy.allow<SpaceSubject>('community.post', (actor, s) => s.moderator || onLine(actor, s.orgPath, s.includeSubtree));
  // Hide and restore posts, review held ones, resolve reports: the space's moderators and the org's admins (or above).
  policy.allow<SpaceSubject>('community.moderate', (actor, s) => s.moderator || inScope(actor, s.orgPath, 'admin'));
  // Name moderators, keep the keyword list, say whether the subtree belongs: admins of the org (or above).
  policy.allow<{ orgPath: string }>('community.manage', (actor, s) => inScope(actor, s.orgPath, 'admin'));
  // Another person's profile and following them: people on one line of the tree.
  policy.allow<{ grantPaths: string[] }>('community.person', (actor, s) =>
    actor.grants.some((g) => s.grantPaths.some((p) => g.orgPath.startsWith(p) || p.startsWith(g.orgPath))),
  );
  // One's own profile and follows, and the directory (filtered to one's subtrees).
  policy.allow('community.use', () => true);
}
