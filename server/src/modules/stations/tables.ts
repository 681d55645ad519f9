export const STATION_KINDS = ['screen', 'kiosk', 'reading_room'] as const;
export type StationKind = (typeof STATION_KINDS)[number];
export const STATION_STATUSES = ['active', 'inactive', 'retired'] as const;
export type StationStatus = (typeof STATION_STATUSES)[number];

export interface StationTable {
  id: string;
  /** The code printed on the kiosk and sent with its events. */
  code: string;
  name_zh: string;
  name_mn: string | null;
  org_id: string;
  place: string | null;
  kind: StationKind;
  owner_name: string | null;
  owner_phone: string | null;
  status: StationStatus;
  last_heartbeat_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface StationTables {
  stations: StationTable;
}
