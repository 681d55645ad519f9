import { inScope, type Actor } from '../../kernel/scope/actor.js';
import type { Policy } from '../../kernel/scope/policy.js';

export interface OfficerSubject {
  orgPath: string;
}

/** Someone who works somewhere inside the subtree (an officer in a village of the banner, say). */
const worksBelow = (actor: Actor, path: string) => actor.grants.some((g) => g.orgPath.startsWith(path));

export function officerPolicy(policy: Policy): void {
  policy.allow<OfficerSubject>('officer.read', (actor, s) => inScope(actor, s.orgPath, 'admin', 'organizer', 'editor', 'reviewer'));
  // Approval belongs to the banner association (or above): admins whose grant covers the officer's org.
  policy.allow<OfficerSubject>('officer.manage', (actor, s) => inScope(actor, s.orgPath, 'admin'));
  // Personal data (full phone number) only for those who manage officers.
  policy.allow<OfficerSubject>('officer.contact', (actor, s) => inScope(actor, s.orgPath, 'admin'));
  // Today's picks: chosen by admins for a subtree they administer.
  policy.allow<OfficerSubject>('officer.pick', (actor, s) => inScope(actor, s.orgPath, 'admin'));
  // A leaderboard is seen by staff whose scope covers the org and by everyone working below it (its officers).
  policy.allow<OfficerSubject>('officer.leaderboard', (actor, s) => inScope(actor, s.orgPath) || worksBelow(actor, s.orgPath));
}
