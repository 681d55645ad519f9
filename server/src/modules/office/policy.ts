import { inScope } from '../../kernel/scope/actor.js';
import type { Policy } from '../../kernel/scope/policy.js';
import type { Role } from '../../kernel/scope/roles.js';

export interface OfficeSubject {
  orgPath: string;
}
export interface OfficeReviewSubject extends OfficeSubject {
  authorId: string;
}

/** Staff who read an org's official documents. */
export const OFFICE_READERS: Role[] = ['admin', 'editor', 'reviewer', 'translator', 'organizer'];
export const OFFICE_DRAFTERS: Role[] = ['admin', 'editor', 'organizer'];

export function officePolicy(policy: Policy): void {
  policy.allow<OfficeSubject>('office.read', (actor, s) => inScope(actor, s.orgPath, ...OFFICE_READERS));
  policy.allow<OfficeSubject>('office.draft', (actor, s) => inScope(actor, s.orgPath, ...OFFICE_DRAFTERS));
  // 审核: a reviewer or admin, never the drafter.
  policy.allow<OfficeReviewSubject>('office.review', (actor, s) => inScope(actor, s.orgPath, 'reviewer', 'admin') && actor.userId !== s.authorId);
  // 签发 and issuing: the org's admin.
  policy.allow<OfficeSubject>('office.sign', (actor, s) => inScope(actor, s.orgPath, 'admin'));
}
