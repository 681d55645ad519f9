import type { AppContext } from '../../kernel/context.js';
import type { Access } from '../../kernel/scope/access.js';
import { AppError, notFound } from '../../kernel/http/errors.js';
import { audit } from '../../kernel/audit/audit.js';
import { newId } from '../../kernel/db/ids.js';
import { localDay, nowIso } from '../../kernel/db/time.js';
import { cleanText } from '../../kernel/text/clean.js';
import * as orgs from '../orgs/service.js';
import * as store from './store.js';
import { list as listActivities, type ActivityDto } from './service.js';
import type { PairingStatus, PairingTable } from './tables.js';

/** Society ↔ banner pairings (学会对口帮扶): who is paired with whom, and what it produced. */

type PairingRow = NonNullable<Awaited<ReturnType<typeof store.findPairing>>>;
type Name = { zh: string; mn: string | null };

export interface PairingDto {
  id: string;
  society: { id: string; code: string; name: Name };
  banner: { id: string; code: string; name: Name };
  since: string;
  note: string | null;
  status: PairingStatus;
  /** What the pairing produced: activities held under it, volunteers checked in, beneficiaries (counted at the venue and as reported, apart). */
  produced: { activities: number; checkedIn: number; beneficiariesCounted: number; beneficiariesReported: number };
  canManage: boolean;
}

const subject = (p: PairingRow) => ({ societyPath: p.society_path, bannerPath: p.banner_path });

async function withStats(ctx: AppContext, access: Access, rows: PairingRow[]): Promise<PairingDto[]> {
  const stats = await store.pairingStats(ctx.db.kysely, rows.map((r) => r.id));
  const counted = await store.pairingAttendees(ctx.db.kysely, rows.map((r) => r.id));
  return rows.map((p) => {
    const s = stats.get(p.id)!;
    return {
      id: p.id,
      society: { id: p.society_org_id, code: p.society_code, name: { zh: p.society_name_zh, mn: p.society_name_mn } },
      banner: { id: p.banner_org_id, code: p.banner_code, name: { zh: p.banner_name_zh, mn: p.banner_name_mn } },
      since: p.since,
      note: p.note,
      status: p.status,
      produced: { activities: s.activities, checkedIn: s.checkedIn, beneficiariesCounted: counted.get(p.id) ?? 0, beneficiariesReported: s.reportedBeneficiaries },
      canManage: access.can('pairing.manage', subject(p)),
    };
  });
}

export async function list(ctx: AppContext, access: Access): Promise<PairingDto[]> {
  return withStats(ctx, access, await store.listPairings(ctx.db.kysely, access.scope()));
}

async function load(ctx: AppContext, access: Access, id: string): Promise<PairingRow> {
  const p = await store.findPairing(ctx.db.kysely, id);
  if (!p) {
    access.requireUser();
    throw notFound();
  }
  access.authorize('pairing.read', subject(p), { hide: true });
  return p;
}

/** One pairing with the activities held under it (those the caller may see). */
export async function get(ctx: AppContext, access: Access, id: string): Promise<PairingDto & { activities: ActivityDto[] }> {
  const p = await load(ctx, access, id);
  const [dto] = await withStats(ctx, access, [p]);
  const { items } = await listActivities(ctx, access, { pairingId: id, limit: 500, offset: 0 });
  return { ...dto!, activities: items };
}

export async function create(ctx: AppContext, access: Access, input: { societyOrgId: string; bannerOrgId: string; since?: string; note?: string | null }, ip: string | null): Promise<PairingDto> {
  const [society, banner] = await Promise.all([orgs.getOrg(ctx, access, input.societyOrgId), orgs.getOrg(ctx, access, input.bannerOrgId)]);
  if (society.kind !== 'society' || banner.kind !== 'banner') throw new AppError(400, 'pairing.kinds');
  access.authorize('pairing.manage', { societyPath: society.path, bannerPath: banner.path });
  const since = input.since ?? localDay();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(since) || Number.isNaN(Date.parse(`${since}T00:00:00Z`))) throw new AppError(400, 'pairing.bad_date');
  const now = nowIso();
  const row: PairingTable = { id: newId(), society_org_id: society.id, banner_org_id: banner.id, since, note: input.note ? cleanText(input.note).slice(0, 500) || null : null, status: 'active', created_by: access.user.userId, created_at: now, updated_at: now };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    if (await store.pairingExists(trx, society.id, banner.id)) throw new AppError(409, 'pairing.exists');
    await store.insertPairing(trx, row);
    await audit(trx, { actorId: access.user.userId, action: 'pairing.create', entity: 'pairing', entityId: row.id, orgId: banner.id, after: { societyOrgId: society.id, bannerOrgId: banner.id, since, note: row.note }, ip });
  });
  return (await withStats(ctx, access, [(await store.findPairing(ctx.db.kysely, row.id))!]))[0]!;
}

export async function update(ctx: AppContext, access: Access, id: string, input: { status?: PairingStatus; note?: string | null }, ip: string | null): Promise<PairingDto> {
  const p = await load(ctx, access, id);
  access.authorize('pairing.manage', subject(p));
  const patch: Partial<PairingTable> = {};
  if (input.status !== undefined) patch.status = input.status;
  if (input.note !== undefined) patch.note = input.note ? cleanText(input.note).slice(0, 500) || null : null;
  if (Object.keys(patch).length) {
    patch.updated_at = nowIso();
    await ctx.db.kysely.transaction().execute(async (trx) => {
      await store.updatePairing(trx, id, patch);
      await audit(trx, { actorId: access.user.userId, action: 'pairing.update', entity: 'pairing', entityId: id, orgId: p.banner_org_id, before: { status: p.status, note: p.note }, after: patch, ip });
    });
  }
  return (await withStats(ctx, access, [(await store.findPairing(ctx.db.kysely, id))!]))[0]!;
}
