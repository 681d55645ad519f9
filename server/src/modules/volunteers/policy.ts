import { inScope, type Actor } from '../../kernel/scope/actor.js';
import type { Policy } from '../../kernel/scope/policy.js';
import type { Role } from '../../kernel/scope/roles.js';

export interface VolunteerSubject {
  orgPath: string;
}

/** Who runs volunteers in an org's subtree: its admins and organisers. */
export const VOLUNTEER_MANAGERS: Role[] = ['admin', 'organizer'];

/** Self-registration: the org lies on the line of the user's home org (an ancestor, itself or below) or in a subtree they hold a role in. */
export interface JoinSubject {
  orgPath: string;
  homePath: string;
}

const onLine = (a: string, b: string) => a.startsWith(b) || b.startsWith(a);

export function volunteerPolicy(policy: Policy): void {
  // Lists and records (ID numbers and phones masked): the org's admins and organisers.
  policy.allow<VolunteerSubject>('volunteer.read', (actor, s) => inScope(actor, s.orgPath, ...VOLUNTEER_MANAGERS));
  // Add, edit, approve or reject, import, teams, consents recorded on paper.
  policy.allow<VolunteerSubject>('volunteer.manage', (actor, s) => inScope(actor, s.orgPath, ...VOLUNTEER_MANAGERS));
  // The unmasked ID number, phone and health note: admins of the org's subtree only, each look audited.
  policy.allow<VolunteerSubject>('volunteer.personal', (actor, s) => inScope(actor, s.orgPath, 'admin'));
  policy.allow<JoinSubject>('volunteer.join', (actor: Actor, s) => onLine(s.orgPath, s.homePath) || inScope(actor, s.orgPath));
}
