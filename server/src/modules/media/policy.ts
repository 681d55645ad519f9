import { inScope } from '../../kernel/scope/actor.js';
import type { Policy } from '../../kernel/scope/policy.js';

export function mediaPolicy(policy: Policy): void {
  policy.allow<{ orgPath: string }>('media.upload', (actor, s) => inScope(actor, s.orgPath, 'editor', 'translator', 'organizer', 'admin'));
  policy.allow<{ orgPath: string }>('media.read', (actor, s) => inScope(actor, s.orgPath));
}
