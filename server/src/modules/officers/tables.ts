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

export interface OfficerTables {
  officers: OfficerTable;
}
