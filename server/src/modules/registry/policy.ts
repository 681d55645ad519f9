import { inScope } from '../../kernel/scope/actor.js';
import type { Policy } from '../../kernel/scope/policy.js';
import type { Role } from '../../kernel/scope/roles.js';
import { listByKey } from './lists/index.js';

export interface RegistrySubject {
  list: string;
  /** Path of the org the row belongs to. */
  orgPath: string;
}

/** Who writes a list unless it says otherwise: the association's admins and organisers of the row's org and above. */
export const DEFAULT_WRITERS: readonly Role[] = ['admin', 'organizer'];
export const writersOf = (list: string): readonly Role[] => listByKey(list)?.writers ?? DEFAULT_WRITERS;

export function registryPolicy(policy: Policy): void {
  // Anyone holding a role on the row's org or above reads it (personal values masked).
  policy.allow<RegistrySubject>('registry.read', (actor, s) => !!listByKey(s.list) && inScope(actor, s.orgPath));
  // Create, edit, delete, import: the list's writers on the row's org or above. A move needs both orgs.
  policy.allow<RegistrySubject>('registry.write', (actor, s) => !!listByKey(s.list) && inScope(actor, s.orgPath, ...writersOf(s.list)));
  // Personal values in full (a separate, audited request): only those who write the row.
  policy.allow<RegistrySubject>('registry.personal', (actor, s) => !!listByKey(s.list) && inScope(actor, s.orgPath, ...writersOf(s.list)));
}
