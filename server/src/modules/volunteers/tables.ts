export const VOLUNTEER_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type VolunteerStatus = (typeof VOLUNTEER_STATUSES)[number];
export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];
/** Languages a volunteer can serve in: Traditional Mongolian and Chinese. */
export const VOLUNTEER_LANGUAGES = ['mn', 'zh'] as const;
export type VolunteerLanguage = (typeof VOLUNTEER_LANGUAGES)[number];
export const VOLUNTEER_SOURCES = ['self', 'organiser', 'import', 'seed'] as const;
export type VolunteerSource = (typeof VOLUNTEER_SOURCES)[number];

/** A registered science-popularisation volunteer (real name) of one org. */
export interface VolunteerTable {
  id: string;
  org_id: string;
  /** The volunteer's own login, when they registered themselves (one volunteer record per account). */
  user_id: string | null;
  name: string;
  gender: Gender | null;
  /** Digits only (mobile or landline). */
  phone: string;
  /** 18-character PRC resident ID; stored only while an `id_number` consent is in force. */
  id_number: string | null;
  /** Health notes relevant to field service; stored only while a `health` consent is in force. */
  health_note: string | null;
  /** 1 when the volunteer is under 14: the whole record then rests on a guardian's `minor` consent. */
  under14: number;
  /** JSON arrays of free words ("蒙医", "畜牧兽医"). */
  skills: string;
  fields: string;
  /** Comma-separated VolunteerLanguage values, e.g. "mn,zh". */
  languages: string;
  status: VolunteerStatus;
  source: VolunteerSource;
  decided_by: string | null;
  decided_at: string | null;
  reason: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** What a separate consent is for (PIPL art. 28–31: sensitive personal information, children under 14). */
export const CONSENT_PURPOSES = ['id_number', 'health', 'minor'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export const CONSENT_CHANNELS = ['self', 'organiser', 'import'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

/** One consent as given (and, later, withdrawn): who, for what, which text, when and how. */
export interface VolunteerConsentTable {
  id: string;
  volunteer_id: string;
  org_id: string;
  purpose: ConsentPurpose;
  /** Version of the consent text shown (see consent.ts); a new text needs a new consent. */
  text_version: string;
  /** The person who consented: the volunteer, or the guardian of a child under 14. */
  given_by_name: string;
  /** The account that recorded it (the volunteer themself or an organiser). */
  recorded_by: string | null;
  channel: ConsentChannel;
  given_at: string;
  withdrawn_at: string | null;
  withdrawn_by: string | null;
  withdraw_channel: ConsentChannel | null;
  withdraw_note: string | null;
}

/** An expert team (专家服务团) of an org. */
export interface VolunteerTeamTable {
  id: string;
  org_id: string;
  name_zh: string;
  name_mn: string | null;
  field: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export const TEAM_ROLES = ['leader', 'member'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export interface VolunteerTeamMemberTable {
  team_id: string;
  volunteer_id: string;
  role: TeamRole;
  added_at: string;
}

export interface VolunteerTables {
  volunteers: VolunteerTable;
  volunteer_consents: VolunteerConsentTable;
  volunteer_teams: VolunteerTeamTable;
  volunteer_team_members: VolunteerTeamMemberTable;
}
