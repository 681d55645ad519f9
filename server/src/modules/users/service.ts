import type { AppContext } from '../../kernel/context.js';
import type { Access } from '../../kernel/scope/access.js';
import type { Actor } from '../../kernel/scope/actor.js';
import type { Role } from '../../kernel/scope/roles.js';
import { AppError, badRequest, conflict, notFound } from '../../kernel/http/errors.js';
import { audit } from '../../kernel/audit/audit.js';
import { newId } from '../../kernel/db/ids.js';
import { nowIso } from '../../kernel/db/time.js';
import { cleanText } from '../../kernel/text/clean.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, dummyHash, hashPassword, passwordProblem, verifyPassword } from '../../kernel/auth/password.js';
import { hashToken, newSessionToken } from '../../kernel/auth/tokens.js';
import * as orgs from '../orgs/service.js';
import * as store from './store.js';
import type { UserTable } from './tables.js';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

export interface UserDto {
  id: string;
  username: string;
  displayName: string;
  orgId: string;
  roles: { orgId: string; role: Role }[];
}

export interface MeDto extends UserDto {
  permissions: { manageUsers: boolean; manageOrgs: boolean };
}

export function meOf(actor: Actor): MeDto {
  const isAdmin = actor.grants.some((g) => g.role === 'admin');
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    orgId: actor.orgId,
    roles: actor.grants.map((g) => ({ orgId: g.orgId, role: g.role })),
    permissions: { manageUsers: isAdmin, manageOrgs: isAdmin },
  };
}

type Credentials = Pick<UserTable, 'id' | 'org_id' | 'password_hash' | 'failed_logins' | 'locked_until'>;

/**
 * Checks a password against an account: refused while locked; a wrong one counts as a failed login
 * and locks the account after MAX_FAILED_LOGINS in a row (login and password change share the count,
 * so neither can be used to guess). Throws `wrong` for a wrong password.
 */
async function checkPassword(ctx: AppContext, user: Credentials, password: string, ip: string | null, wrong: AppError): Promise<void> {
  const now = new Date();
  if (user.locked_until && new Date(user.locked_until) > now) {
    const minutes = Math.ceil((new Date(user.locked_until).getTime() - now.getTime()) / 60_000);
    throw new AppError(423, 'auth.locked', { minutes });
  }
  if (await verifyPassword(user.password_hash, password)) return;
  const failed = user.failed_logins + 1;
  const lockedUntil = failed >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString() : null;
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.recordLoginFailure(trx, user.id, lockedUntil ? 0 : failed, lockedUntil, now.toISOString());
    await audit(trx, { actorId: null, action: lockedUntil ? 'auth.lock' : 'auth.fail', entity: 'user', entityId: user.id, orgId: user.org_id, ip });
  });
  if (lockedUntil) throw new AppError(423, 'auth.locked', { minutes: LOCK_MINUTES });
  throw wrong;
}

/** The refusal for a new password that breaks the rules (kernel/auth/password-policy.ts), or null. */
function newPasswordError(password: string): AppError | null {
  const problem = passwordProblem(password);
  if (problem === 'short') return new AppError(400, 'user.password_weak', { min: MIN_PASSWORD_LENGTH });
  if (problem === 'long') return new AppError(400, 'user.password_long', { max: MAX_PASSWORD_LENGTH });
  if (problem === 'common') return new AppError(400, 'user.password_common');
  return null;
}

/** Checks a password; counts failures and locks the account after MAX_FAILED_LOGINS in a row. */
export async function login(ctx: AppContext, username: string, password: string, ip: string | null) {
  const db = ctx.db.kysely;
  const user = await store.findUserForLogin(db, username.trim());
  if (!user) {
    await verifyPassword(await dummyHash(), password);
    throw new AppError(401, 'auth.invalid');
  }
  const now = new Date();
  await checkPassword(ctx, user, password, ip, new AppError(401, 'auth.invalid'));
  if (user.status !== 'active') throw new AppError(403, 'auth.disabled');
  const { token, hash } = newSessionToken();
  const expiresAt = new Date(now.getTime() + ctx.config.sessionTtlHours * 3600_000).toISOString();
  await db.transaction().execute(async (trx) => {
    if (user.failed_logins > 0 || user.locked_until) await store.clearLoginFailures(trx, user.id);
    await store.insertSession(trx, { token_hash: hash, user_id: user.id, created_at: now.toISOString(), expires_at: expiresAt });
    await audit(trx, { actorId: user.id, action: 'auth.login', entity: 'user', entityId: user.id, orgId: user.org_id, ip });
  });
  const actor = await actorFor(ctx, user.id);
  return { token, expiresAt, me: meOf(actor!) };
}

/**
 * A logged-in user changes their own password (ASVS 2.1.5/2.1.6): the current one must be right (a
 * wrong one counts as a failed login), the new one must follow the rules and differ from it. Every
 * other session of the user ends; the one making the change (`token`) stays.
 */
export async function changePassword(
  ctx: AppContext,
  access: Access,
  token: string,
  input: { currentPassword: string; newPassword: string },
  ip: string | null,
): Promise<void> {
  const actor = access.requireUser();
  const weak = newPasswordError(input.newPassword);
  if (weak) throw weak;
  if (input.newPassword === input.currentPassword) throw new AppError(400, 'user.password_same');
  const db = ctx.db.kysely;
  const user = await store.findCredentials(db, actor.userId);
  if (!user) throw new AppError(401, 'auth.required');
  await checkPassword(ctx, user, input.currentPassword, ip, new AppError(400, 'user.password_current_wrong'));
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await store.setPasswordHash(trx, user.id, passwordHash, nowIso());
    const ended = await store.deleteOtherSessions(trx, user.id, hashToken(token));
    await audit(trx, { actorId: user.id, action: 'user.password_change', entity: 'user', entityId: user.id, orgId: user.org_id, after: { otherSessionsEnded: ended }, ip });
  });
}

export async function logout(ctx: AppContext, token: string): Promise<void> {
  await store.deleteSession(ctx.db.kysely, hashToken(token));
}

/** The actor behind a session cookie, or null when the token is unknown, expired or the user disabled. */
export async function actorForToken(ctx: AppContext, token: string): Promise<Actor | null> {
  const s = await store.findSession(ctx.db.kysely, hashToken(token));
  if (!s || s.status !== 'active' || s.expires_at < nowIso()) return null;
  return {
    userId: s.user_id,
    username: s.username,
    displayName: s.display_name,
    orgId: s.org_id,
    grants: await store.grantsOf(ctx.db.kysely, s.user_id),
  };
}

async function actorFor(ctx: AppContext, userId: string): Promise<Actor | null> {
  const u = await store.findUser(ctx.db.kysely, userId);
  if (!u) return null;
  return { userId: u.id, username: u.username, displayName: u.displayName, orgId: u.orgId, grants: await store.grantsOf(ctx.db.kysely, u.id) };
}

export async function listUsers(ctx: AppContext, access: Access, page: { limit: number; offset: number }): Promise<UserDto[]> {
  const rows = await store.listUsers(ctx.db.kysely, access.scope('admin'), page.limit, page.offset);
  return rows.map(({ status: _status, ...u }) => u);
}

export interface CreateUserInput {
  username: string;
  password: string;
  displayName?: string;
  orgId?: string;
}

const USERNAME = /^[\p{L}\p{N}_.@-]{2,64}$/u;

export async function createUser(ctx: AppContext, access: Access, input: CreateUserInput, ip: string | null): Promise<UserDto> {
  const actor = access.user;
  const username = input.username.trim();
  if (!USERNAME.test(username)) throw badRequest('username: 2–64 letters, digits, _ . @ -');
  const weak = newPasswordError(input.password);
  if (weak) throw weak;
  // Without an org the account joins the creator's own home org.
  const org = await orgs.getOrg(ctx, access, input.orgId ?? actor.orgId);
  access.authorize('user.create', { orgPath: org.path });
  const now = nowIso();
  const row = {
    id: newId(),
    username,
    display_name: cleanText(input.displayName ?? '') || username,
    password_hash: await hashPassword(input.password),
    org_id: org.id,
    status: 'active' as const,
    failed_logins: 0,
    locked_until: null,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    if (await store.findUserByUsername(trx, username)) throw conflict('user.username_taken', { username });
    await store.insertUser(trx, row);
    await audit(trx, {
      actorId: actor.userId,
      action: 'user.create',
      entity: 'user',
      entityId: row.id,
      orgId: org.id,
      after: { id: row.id, username, orgId: org.id },
      ip,
    });
  });
  return { id: row.id, username, displayName: row.display_name, orgId: org.id, roles: [] };
}

export async function grantRole(
  ctx: AppContext,
  access: Access,
  userId: string,
  input: { orgId: string; role: Role },
  ip: string | null,
): Promise<{ userId: string; orgId: string; role: Role }> {
  const actor = access.user;
  const db = ctx.db.kysely;
  const user = await store.findUser(db, userId);
  const home = user && (await orgs.getOrg(ctx, access, user.orgId).catch(() => null));
  if (!user || !home || !access.can('user.read', { id: user.id, orgPath: home.path })) {
    access.requireUser();
    throw notFound();
  }
  const target = await orgs.getOrg(ctx, access, input.orgId);
  access.authorize('role.grant', { user: { id: user.id, orgPath: home.path }, orgPath: target.path });
  await db.transaction().execute(async (trx) => {
    if (await store.grantExists(trx, user.id, target.id, input.role)) throw conflict('user.role_exists');
    const id = newId();
    await store.insertGrant(trx, { id, user_id: user.id, org_id: target.id, role: input.role, created_at: nowIso(), created_by: actor.userId });
    await audit(trx, {
      actorId: actor.userId,
      action: 'role.grant',
      entity: 'role_grant',
      entityId: id,
      orgId: target.id,
      after: { userId: user.id, orgId: target.id, role: input.role },
      ip,
    });
  });
  return { userId: user.id, orgId: target.id, role: input.role };
}
