export const OFFICER_STATUSES = ['pending', 'approved', 'rejected', 'suspended'] as const;
export type OfficerStatus = (typeof OFFICER_STATUSES)[number];

export interface OfficerTable {
  id: string;
  /** Short public code used in share links (/s/CODE/…) and events. */
  code: string;
  name: string;
  phone: string;
  /** The village, township or other grassroots org the officer serves. */
  org_id: string;
  /** The login account, once the officer has one. */
  user_id: string | null;
  status: OfficerStatus;
  approved_by: string | null;
  approved_at: string | null;
  created_at: string;
  updated_at: string;
}


/** What a counted attribution row stands for; each earns points (see config.ts). */
export const ATTRIBUTION_KINDS = ['share-open', 'read', 'reshare-open'] as const;
export type AttributionKind = (typeof ATTRIBUTION_KINDS)[number];

/** Sign-up details kept until the officer is approved or rejected. */
export interface OfficerApplicationTable {
  officer_id: string;
  /** argon2id hash of the password chosen at registration; the account is created on approval. */
  password_hash: string | null;
  source: 'register' | 'import';
  /** Why the officer was rejected or suspended, as the deciding admin wrote it. */
  reason: string | null;
}

/** A resource pushed to the officers of one org's subtree on one (China-local) day. */
export interface OfficerPickTable {
  id: string;
  resource_id: string;
  org_id: string;
  day: string;
  created_by: string;
  created_at: string;
}

/** Devices (hashed device-cookie ids) seen in an officer's own logged-in session: their opens are self-clicks. */
export interface OfficerDeviceTable {
  officer_id: string;
  device_hash: string;
  seen_at: string;
}

/**
 * One counted action attributed to an officer: a first-level open of their link, a read that followed
 * an open, or an open of a reader's onward link (second level). Only counted actions are stored.
 */
export interface OfficerAttributionTable {
  id: string;
  officer_id: string;
  officer_code: string;
  /** The officer's org when it happened (leaderboards group by it). */
  org_id: string;
  resource_id: string;
  kind: AttributionKind;
  /** The open this read follows, or the first-level open whose reader re-shared. */
  parent_id: string | null;
  /** Public token of an open, carried as ?via= by the reader's onward link; null for reads. */
  ref: string | null;
  /** sha256 of the device cookie. */
  device_hash: string;
  /** sha256 of address and user agent: repeats of a client that refuses cookies. */
  client_hash: string;
  channel: string;
  at: string;
  /** China-local day (UTC+8): daily caps and leaderboards count by it. */
  day: string;
}

/** Per org (banner or above): whether officers and staff below it see the leaderboard. */
export interface OfficerLeaderboardSettingTable {
  org_id: string;
  enabled: number;
  updated_by: string;
  updated_at: string;
}

export interface OfficerTables {
  officers: OfficerTable;
  officer_applications: OfficerApplicationTable;
  officer_picks: OfficerPickTable;
  officer_devices: OfficerDeviceTable;
  officer_attributions: OfficerAttributionTable;
  officer_leaderboard_settings: OfficerLeaderboardSettingTable;
}
