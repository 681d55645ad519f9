import { inScope } from '../../kernel/scope/actor.js';
import type { Policy } from '../../kernel/scope/policy.js';
import type { Role } from '../../kernel/scope/roles.js';

export interface ActivitySubject {
  /** Path of the organising org. */
  orgPath: string;
  /** Path of the banner, township or village where it happens, if named. */
  placePath: string | null;
}

export interface PairingSubject {
  societyPath: string;
  bannerPath: string;
}

export const ACTIVITY_MANAGERS: Role[] = ['admin', 'organizer'];

export function activityPolicy(policy: Policy): void {
  // Anyone with a role over the organiser, or over the place it happens in (a banner sees what a society does there).
  policy.allow<ActivitySubject>('activity.read', (actor, a) => inScope(actor, a.orgPath) || (!!a.placePath && inScope(actor, a.placePath)));
  // Create, edit, sign volunteers up or off, report beneficiaries: the organiser's admins and organisers.
  policy.allow<ActivitySubject>('activity.manage', (actor, a) => inScope(actor, a.orgPath, ...ACTIVITY_MANAGERS));
  // Scanning QR codes at the door: the same people.
  policy.allow<ActivitySubject>('activity.scan', (actor, a) => inScope(actor, a.orgPath, ...ACTIVITY_MANAGERS));
  // Approving service hours: admins and organisers of the org the hours belong to.
  policy.allow<{ orgPath: string }>('hours.approve', (actor, h) => inScope(actor, h.orgPath, ...ACTIVITY_MANAGERS));
  // A pairing is seen from both ends and arranged by someone who administers both (the region).
  policy.allow<PairingSubject>('pairing.read', (actor, p) => inScope(actor, p.societyPath) || inScope(actor, p.bannerPath));
  policy.allow<PairingSubject>('pairing.manage', (actor, p) => inScope(actor, p.societyPath, 'admin') && inScope(actor, p.bannerPath, 'admin'));
}
