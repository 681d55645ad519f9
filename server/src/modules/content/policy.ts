import { inScope } from '../../kernel/scope/actor.js';
import type { Policy } from '../../kernel/scope/policy.js';

export interface ResourceSubject {
  orgPath: string;
}

export interface ReviewSubject extends ResourceSubject {
  /** Everyone who wrote the version: its author and the authors of its revisions. */
  authorIds: string[];
}

export function contentPolicy(policy: Policy): void {
  policy.allow<ResourceSubject>('resource.read', (actor, r) => inScope(actor, r.orgPath));
  policy.allow<ResourceSubject>('resource.create', (actor, r) => inScope(actor, r.orgPath, 'editor', 'admin'));
  policy.allow<ResourceSubject>('resource.edit', (actor, r) => inScope(actor, r.orgPath, 'editor', 'translator', 'admin'));
  // Reviewers approve within their subtree, never their own work.
  policy.allow<ReviewSubject>(
    'resource.review',
    (actor, r) => inScope(actor, r.orgPath, 'reviewer', 'admin') && !r.authorIds.includes(actor.userId),
  );
  policy.allow<ResourceSubject>('resource.publish', (actor, r) => inScope(actor, r.orgPath, 'reviewer', 'admin'));
  policy.allow<ResourceSubject>('resource.report', (actor, r) => inScope(actor, r.orgPath, 'editor', 'reviewer', 'admin'));
  policy.allow<ResourceSubject>('resource.comment', (actor, r) => inScope(actor, r.orgPath));
}
