import { inScope } from '../../kernel/scope/actor.js';
import type { Policy } from '../../kernel/scope/policy.js';
import type { Role } from '../../kernel/scope/roles.js';

export interface StationSubject {
  orgPath: string;
}

/** Who runs e-stations: the association's admins and the organisers of an org (and everything under it). */
export const STATION_MANAGERS: Role[] = ['admin', 'organizer'];

export function stationPolicy(policy: Policy): void {
  // Anyone with a role in the station's org or above may see it (owner phone masked unless they manage it).
  policy.allow<StationSubject>('station.read', (actor, s) => inScope(actor, s.orgPath));
  // Register, import, edit, move, retire. For a move, both the old and the new org must pass.
  policy.allow<StationSubject>('station.manage', (actor, s) => inScope(actor, s.orgPath, ...STATION_MANAGERS));
  // The unmasked owner phone, as a separate audited request: only for those who manage the station.
  policy.allow<StationSubject>('station.contact', (actor, s) => inScope(actor, s.orgPath, ...STATION_MANAGERS));
}
