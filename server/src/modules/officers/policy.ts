import { inScope } from '../../kernel/scope/actor.js';
import type { Policy } from '../../kernel/scope/policy.js';

export interface OfficerSubject {
  orgPath: string;
}

export function officerPolicy(policy: Policy): void {
  policy.allow<OfficerSubject>('officer.read', (actor, s) => inScope(actor, s.orgPath, 'admin', 'organizer', 'editor', 'reviewer'));
  // Approval belongs to the banner association (or above): admins whose grant covers the officer's org.
  policy.allow<OfficerSubject>('officer.manage', (actor, s) => inScope(actor, s.orgPath, 'admin'));
  // Personal data (full phone number) only for those who manage officers.
  policy.allow<OfficerSubject>('officer.contact', (actor, s) => inScope(actor, s.orgPath, 'admin'));
}
