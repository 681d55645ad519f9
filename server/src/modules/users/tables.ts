import type { Role } from '../../kernel/scope/roles.js';


export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  /** The user's home org: who may administer this account is decided by it. */
  org_id: string;
  status: 'active' | 'disabled';
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface RoleGrantTable {
  id: string;
  user_id: string;
  org_id: string;
  role: Role;
  created_at: string;
  created_by: string | null;
}

export interface SessionTable {
  /** sha256 of the cookie token: a stolen database does not yield usable sessions. */
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface UserTables {
  sessions: SessionTable;
  users: UserTable;
  role_grants: RoleGrantTable;
}
