import { inScope, type Actor } from '../../kernel/scope/actor.js';
import type { Policy } from '../../kernel/scope/policy.js';
import type { ConversationKind, MemberStatus } from './tables.js';

/** A conversation as the rules see it: where it lives and the caller's membership row, if any. */
export interface ConversationSubject {
  kind: ConversationKind;
  orgPath: string;
  includeSubtree: boolean;
  member: { role: 'owner' | 'member'; status: MemberStatus } | null;
}

/**
 * Org channels have no invitations: their members are whoever holds a role on the org itself (or,
 * when the channel includes the subtree, on any org below it). A banner's people never qualify for
 * another banner's channel; a league admin is not in a banner's channel either (their own channel is the league's).
 */
export function eligibleForOrgChannel(actor: Actor, orgPath: string, includeSubtree: boolean): boolean {
  return actor.grants.some((g) => g.orgPath === orgPath || (includeSubtree && g.orgPath.startsWith(orgPath)));
}

/** Member of the conversation and not removed (blocked members still read, they cannot write). */
export function isMember(actor: Actor, s: ConversationSubject): boolean {
  if (s.member?.status === 'removed') return false;
  if (s.kind === 'org') return eligibleForOrgChannel(actor, s.orgPath, s.includeSubtree);
  return s.member !== null;
}

export function messagingPolicy(policy: Policy): void {
  policy.allow<ConversationSubject>('chat.read', (actor, s) => isMember(actor, s));
  policy.allow<ConversationSubject>('chat.send', (actor, s) => isMember(actor, s) && s.member?.status !== 'blocked');
  // Org channels: the org's admins (or above). Groups: their owner, or admins of the group's org.
  policy.allow<ConversationSubject>('chat.moderate', (actor, s) =>
    s.kind === 'direct' ? false : inScope(actor, s.orgPath, 'admin') || (s.kind === 'group' && s.member?.role === 'owner' && s.member.status === 'active'),
  );
  // Topic groups: anyone, in an org of their own scope.
  policy.allow<{ orgPath: string }>('chat.create_group', (actor, s) => inScope(actor, s.orgPath));
  // Direct messages between people on one line of the tree (a banner and its league, not two banners).
  policy.allow<{ grantPaths: string[] }>('chat.direct', (actor, s) =>
    actor.grants.some((g) => s.grantPaths.some((p) => g.orgPath.startsWith(p) || p.startsWith(g.orgPath))),
  );
  // Routes that work on the caller's own conversations (list, search, the socket): any logged-in user.
  policy.allow('chat.use', () => true);
}
