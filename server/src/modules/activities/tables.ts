/** Kinds the report counts: lectures, trainings, clinics, "experts to banners" tours, exhibitions, contests. */
export const ACTIVITY_KINDS = ['lecture', 'training', 'clinic', 'tour', 'exhibition', 'contest'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const ACTIVITY_STATUSES = ['open', 'closed', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
/** Language the activity is delivered in. */
export const DELIVERY_LANGUAGES = ['mn', 'zh', 'both'] as const;
export type DeliveryLanguage = (typeof DELIVERY_LANGUAGES)[number];
export const AUDIENCES = ['public', 'farmers_herders', 'students', 'teachers', 'elderly', 'women', 'cadres', 'workers', 'enterprise'] as const;
export type Audience = (typeof AUDIENCES)[number];

export interface ActivityTable {
  id: string;
  /** The organising org (scope: its admins and organisers manage the activity). */
  org_id: string;
  kind: ActivityKind;
  title_zh: string;
  title_mn: string | null;
  description: string | null;
  /** Where it happens: a banner, township or village, plus the place in words. */
  place_org_id: string | null;
  place_text: string | null;
  starts_at: string;
  ends_at: string;
  /** Volunteers taken; later sign-ups wait. */
  capacity: number;
  audience: Audience;
  language: DeliveryLanguage;
  /** The society ↔ banner pairing this activity was done under, if any. */
  pairing_id: string | null;
  /** The expert team that delivers it, if any. */
  team_id: string | null;
  status: ActivityStatus;
  /** Beneficiaries as the organiser reports them; kept apart from the counted check-ins. */
  reported_beneficiaries: number | null;
  reported_by: string | null;
  reported_at: string | null;
  /** Secret of the audience check-in link (the QR shown at the venue); only counts, never identifies. */
  checkin_key: string;
  /** Bumped by every sign-up, cancellation and scan batch: the row lock that serialises them, and sign-up order. */
  seq: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export const SIGNUP_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];

export interface ActivitySignupTable {
  id: string;
  activity_id: string;
  volunteer_id: string;
  /** The activity's org (scope of lists). */
  org_id: string;
  status: SignupStatus;
  /** Order of sign-up: the first waiting (lowest) is promoted when a place frees up. */
  seq: number;
  /** Secret part of the sign-up's QR payload. */
  qr_token: string;
  signed_up_by: string;
  promoted_at: string | null;
  cancelled_at: string | null;
  created_at: string;
  updated_at: string;
}

/** One volunteer's presence at one activity: counted once, whatever the number of scans. */
export interface ActivityAttendanceTable {
  activity_id: string;
  volunteer_id: string;
  signup_id: string;
  org_id: string;
  checked_in_at: string;
  checked_out_at: string | null;
  in_nonce: string;
  out_nonce: string | null;
}

export const SCAN_DIRECTIONS = ['in', 'out'] as const;
export type ScanDirection = (typeof SCAN_DIRECTIONS)[number];
export const SCAN_RESULTS = ['counted', 'duplicate', 'rejected'] as const;
export type ScanResult = (typeof SCAN_RESULTS)[number];

/** Every scan received, keyed by the scanner's nonce: a replayed upload gets the first answer again. */
export interface ActivityScanTable {
  activity_id: string;
  nonce: string;
  org_id: string;
  signup_id: string | null;
  volunteer_id: string | null;
  direction: ScanDirection;
  /** When the scanner read the code (the device's clock; scans may be uploaded later). */
  scanned_at: string;
  received_at: string;
  scanned_by: string;
  result: ScanResult;
  reason: string | null;
}

/** One audience member's check-in through the venue QR (a beneficiary counted), one per device nonce. */
export interface ActivityAttendeeTable {
  activity_id: string;
  nonce: string;
  at: string;
}

export const HOURS_SOURCES = ['scan', 'self'] as const;
export type HoursSource = (typeof HOURS_SOURCES)[number];
export const HOURS_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type HoursStatus = (typeof HOURS_STATUSES)[number];

/** Service time: measured from check-in/out, or reported by the volunteer; counts once approved. */
export interface ServiceHoursTable {
  id: string;
  volunteer_id: string;
  /** Who approves: the activity's org, or the volunteer's org for service outside an activity. */
  org_id: string;
  activity_id: string | null;
  source: HoursSource;
  minutes: number;
  /** Local day of the service (YYYY-MM-DD). */
  service_date: string;
  description: string | null;
  status: HoursStatus;
  reported_by: string | null;
  decided_by: string | null;
  decided_at: string | null;
  reason: string | null;
  created_at: string;
  updated_at: string;
}

export const PAIRING_STATUSES = ['active', 'ended'] as const;
export type PairingStatus = (typeof PAIRING_STATUSES)[number];

/** A learned society paired with a banner (学会对口帮扶旗县). */
export interface PairingTable {
  id: string;
  society_org_id: string;
  banner_org_id: string;
  since: string;
  note: string | null;
  status: PairingStatus;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ActivityTables {
  activities: ActivityTable;
  activity_signups: ActivitySignupTable;
  activity_attendance: ActivityAttendanceTable;
  activity_scans: ActivityScanTable;
  activity_attendees: ActivityAttendeeTable;
  service_hours: ServiceHoursTable;
  pairings: PairingTable;
}
