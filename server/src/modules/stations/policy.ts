import { inScope } from '../../kernel/scope/actor.js';
import type { Policy } from '../../kernel/scope/policy.js';

export interface StationSubject {
  orgPath: string;
}

export function stationPolicy(policy: Policy): void {
  policy.allow<StationSubject>('station.read', (actor, s) => inScope(actor, s.orgPath));
  policy.allow<StationSubject>('station.manage', (actor, s) => inScope(actor, s.orgPath, 'admin', 'organizer'));
}
