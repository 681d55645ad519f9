import { inScope } from '../../kernel/scope/actor.js';
import type { Policy } from '../../kernel/scope/policy.js';
import type { Role } from '../../kernel/scope/roles.js';

export interface IndicatorSubject {
  /** Path of the org whose subtree the figures count. */
  orgPath: string;
}

/** Staff who read an org's figures and generate its work report (not volunteers, members or officers). */
export const FIGURE_READERS: Role[] = ['admin', 'organizer', 'editor', 'reviewer'];

export function indicatorPolicy(policy: Policy): void {
  policy.allow<IndicatorSubject>('indicators.read', (actor, s) => inScope(actor, s.orgPath, ...FIGURE_READERS));
  policy.allow<IndicatorSubject>('reports.generate', (actor, s) => inScope(actor, s.orgPath, ...FIGURE_READERS));
}
