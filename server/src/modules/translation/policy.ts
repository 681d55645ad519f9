import { inScope } from '../../kernel/scope/actor.js';
import type { Policy } from '../../kernel/scope/policy.js';
import type { Role } from '../../kernel/scope/roles.js';

export interface TranslationSubject {
  orgPath: string;
}

/** Who curates the termbase and the memory: translators, editors and admins of an org (and below). */
export const TRANSLATION_MANAGERS: Role[] = ['admin', 'editor', 'translator'];
/** Who may use machine suggestions while writing: the managers plus reviewers. */
export const TRANSLATION_USERS: Role[] = [...TRANSLATION_MANAGERS, 'reviewer'];

export function translationPolicy(policy: Policy): void {
  policy.allow<TranslationSubject>('translation.read', (actor, s) => inScope(actor, s.orgPath, ...TRANSLATION_USERS));
  policy.allow<TranslationSubject>('translation.manage', (actor, s) => inScope(actor, s.orgPath, ...TRANSLATION_MANAGERS));
}
