import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../schema.js';
import type { Grant } from '../../kernel/scope/actor.js';
import type { Role } from '../../kernel/scope/roles.js';
import { orgInSubtrees } from '../../kernel/scope/subtree.js';
import type { UserTable } from './tables.js';

type Q = Kysely<Database> | Transaction<Database>;

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  orgId: string;
  status: UserTable['status'];
}

const userColumns = ['users.id', 'users.username', 'users.display_name', 'users.org_id', 'users.status'] as const;

function toUser(r: { id: string; username: string; display_name: string; org_id: string; status: UserTable['status'] }): UserRow {
  return { id: r.id, username: r.username, displayName: r.display_name, orgId: r.org_id, status: r.status };
}

export async function findUserForLogin(db: Q, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findUser(db: Q, id: string): Promise<UserRow | undefined> {
  const r = await db.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst();
  return r && toUser(r);
}

export async function findUserByUsername(db: Q, username: string): Promise<UserRow | undefined> {
  const r = await db.selectFrom('users').select(userColumns).where('username', '=', username).executeTakeFirst();
  return r && toUser(r);
}

export async function recordLoginFailure(db: Q, id: string, failedLogins: number, lockedUntil: string | null, now: string) {
  await db
    .updateTable('users')
    .set({ failed_logins: failedLogins, locked_until: lockedUntil, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** The credentials of one account, for checking its current password. */
export async function findCredentials(db: Q, id: string) {
  return db
    .selectFrom('users')
    .select(['id', 'org_id', 'password_hash', 'failed_logins', 'locked_until'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function setPasswordHash(db: Q, id: string, passwordHash: string, now: string) {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, failed_logins: 0, locked_until: null, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Ends every session of a user except the one with `keepTokenHash`; returns how many ended. */
export async function deleteOtherSessions(db: Q, userId: string, keepTokenHash: string): Promise<number> {
  const r = await db.deleteFrom('sessions').where('user_id', '=', userId).where('token_hash', '!=', keepTokenHash).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function clearLoginFailures(db: Q, id: string) {
  await db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', id).execute();
}

/** Every grant of a user, with the granted org's path (one query). */
export async function grantsOf(db: Q, userId: string): Promise<Grant[]> {
  const rows = await db
    .selectFrom('role_grants')
    .innerJoin('orgs', 'orgs.id', 'role_grants.org_id')
    .select(['role_grants.org_id', 'role_grants.role', 'orgs.path'])
    .where('role_grants.user_id', '=', userId)
    .execute();
  return rows.map((r) => ({ orgId: r.org_id, role: r.role, orgPath: r.path }));
}

export async function insertUser(db: Q, row: UserTable) {
  await db.insertInto('users').values(row).execute();
}

export async function insertGrant(
  db: Q,
  row: { id: string; user_id: string; org_id: string; role: Role; created_at: string; created_by: string | null },
) {
  await db.insertInto('role_grants').values(row).execute();
}

export async function grantExists(db: Q, userId: string, orgId: string, role: Role): Promise<boolean> {
  const r = await db
    .selectFrom('role_grants')
    .select('id')
    .where('user_id', '=', userId)
    .where('org_id', '=', orgId)
    .where('role', '=', role)
    .executeTakeFirst();
  return !!r;
}

/** Users whose home org lies in the given subtrees, each with their grants inside those subtrees (two queries, no N+1). */
export async function listUsers(db: Q, prefixes: string[], limit: number, offset: number) {
  const users = await db
    .selectFrom('users')
    .select(userColumns)
    .where(orgInSubtrees('users.org_id', prefixes))
    .orderBy('users.username')
    .limit(limit)
    .offset(offset)
    .execute();
  if (users.length === 0) return [];
  const grants = await db
    .selectFrom('role_grants')
    .select(['user_id', 'org_id', 'role'])
    .where(
      'user_id',
      'in',
      users.map((u) => u.id),
    )
    .where(orgInSubtrees('role_grants.org_id', prefixes))
    .orderBy('created_at')
    .execute();
  return users.map((u) => ({
    ...toUser(u),
    roles: grants.filter((g) => g.user_id === u.id).map((g) => ({ orgId: g.org_id, role: g.role })),
  }));
}

export async function insertSession(db: Q, row: { token_hash: string; user_id: string; created_at: string; expires_at: string }) {
  await db.insertInto('sessions').values(row).execute();
}

export async function findSession(db: Q, tokenHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.user_id', 'sessions.expires_at', 'users.username', 'users.display_name', 'users.org_id', 'users.status'])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function deleteSession(db: Q, tokenHash: string) {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteExpiredSessions(db: Q, now: string) {
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
}
