import type { AppContext } from '../../kernel/context.js';
import type { Access } from '../../kernel/scope/access.js';
import { AppError, badRequest, conflict, notFound } from '../../kernel/http/errors.js';
import { audit } from '../../kernel/audit/audit.js';
import { newId } from '../../kernel/db/ids.js';
import { nowIso } from '../../kernel/db/time.js';
import { cleanText } from '../../kernel/text/clean.js';
import * as store from './store.js';
import { CHILD_KINDS, childPath } from './tree.js';
import type { OrgKind, OrgTable } from './tables.js';
import type { OrgSubject } from './policy.js';

export interface OrgDto {
  id: string;
  code: string;
  kind: OrgKind;
  parentId: string | null;
  name: { zh: string; mn: string | null };
}

export const toOrgDto = (o: OrgTable): OrgDto => ({
  id: o.id,
  code: o.code,
  kind: o.kind,
  parentId: o.parent_id,
  name: { zh: o.name_zh, mn: o.name_mn },
});

const subject = (o: OrgTable): OrgSubject => ({ path: o.path, parentId: o.parent_id });

/** Every org the caller may see: the subtrees of all their grants. */
export async function listOrgs(ctx: AppContext, access: Access): Promise<OrgDto[]> {
  const rows = await store.listOrgsUnder(ctx.db.kysely, access.scope());
  return rows.map(toOrgDto);
}

/** One org, or 404 when it does not exist or lies outside the caller's scope (the two look the same). */
export async function getOrg(ctx: AppContext, access: Access, id: string): Promise<OrgTable> {
  const org = await store.findOrg(ctx.db.kysely, id);
  if (!org) {
    access.requireUser();
    throw notFound();
  }
  access.authorize('org.read', subject(org), { hide: true });
  return org;
}

/** Paths of many orgs in one query, for checking scope on a list of rows. */
export async function pathsOf(ctx: AppContext, ids: string[]): Promise<Map<string, string>> {
  const rows = await store.findOrgs(ctx.db.kysely, [...new Set(ids)]);
  return new Map(rows.map((o) => [o.id, o.path]));
}

/** Public names of orgs (shown on public pages next to what they published). */
export async function namesOf(ctx: AppContext, ids: string[]): Promise<Map<string, OrgDto['name']>> {
  const rows = await store.findOrgs(ctx.db.kysely, [...new Set(ids)]);
  return new Map(rows.map((o) => [o.id, { zh: o.name_zh, mn: o.name_mn }]));
}

export interface CreateOrgInput {
  code: string;
  kind: OrgKind;
  parentId: string;
  name: { zh: string; mn?: string | null };
}

export async function createOrg(ctx: AppContext, access: Access, input: CreateOrgInput, ip: string | null): Promise<OrgDto> {
  const parent = await getOrg(ctx, access, input.parentId);
  access.authorize('org.create', subject(parent));
  if (!CHILD_KINDS[parent.kind].includes(input.kind)) {
    throw new AppError(400, 'org.kind_not_allowed', { kind: input.kind, parentKind: parent.kind });
  }
  const code = input.code.trim();
  const nameZh = cleanText(input.name.zh);
  if (!code || !nameZh) throw badRequest('code and name.zh must not be empty');
  const id = newId();
  const now = nowIso();
  const row: OrgTable = {
    id,
    code,
    kind: input.kind,
    parent_id: parent.id,
    path: childPath(parent.path, id),
    depth: parent.depth + 1,
    name_zh: nameZh,
    name_mn: input.name.mn ? cleanText(input.name.mn) : null,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    if (await store.findOrgByCode(trx, code)) throw conflict('org.code_taken', { code });
    await store.insertOrgs(trx, [row]);
    await audit(trx, { actorId: access.user.userId, action: 'org.create', entity: 'org', entityId: id, orgId: id, after: toOrgDto(row), ip });
  });
  return toOrgDto(row);
}

export interface UpdateOrgInput {
  code?: string;
  name?: { zh?: string; mn?: string | null };
}

export async function updateOrg(ctx: AppContext, access: Access, id: string, input: UpdateOrgInput, ip: string | null): Promise<OrgDto> {
  const org = await getOrg(ctx, access, id);
  access.authorize('org.update', subject(org));
  const patch: Parameters<typeof store.updateOrg>[2] = {};
  if (input.code !== undefined) {
    const code = input.code.trim();
    if (!code) throw badRequest('code must not be empty');
    patch.code = code;
  }
  if (input.name?.zh !== undefined) {
    const zh = cleanText(input.name.zh);
    if (!zh) throw badRequest('name.zh must not be empty');
    patch.name_zh = zh;
  }
  if (input.name && 'mn' in input.name && input.name.mn !== undefined) {
    patch.name_mn = input.name.mn ? cleanText(input.name.mn) : null;
  }
  const after: OrgTable = { ...org, ...patch, updated_at: nowIso() };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    if (patch.code && patch.code !== org.code && (await store.findOrgByCode(trx, patch.code))) {
      throw conflict('org.code_taken', { code: patch.code });
    }
    await store.updateOrg(trx, id, { ...patch, updated_at: after.updated_at });
    await audit(trx, {
      actorId: access.user.userId,
      action: 'org.update',
      entity: 'org',
      entityId: id,
      orgId: id,
      before: toOrgDto(org),
      after: toOrgDto(after),
      ip,
    });
  });
  return toOrgDto(after);
}
