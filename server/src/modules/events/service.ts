import { LRUCache } from 'lru-cache';
import type { AppContext } from '../../kernel/context.js';
import type { Access } from '../../kernel/scope/access.js';
import { AppError } from '../../kernel/http/errors.js';
import { localDay } from '../../kernel/db/time.js';
import * as orgs from '../orgs/service.js';
import * as content from '../content/service.js';
import * as stations from '../stations/lookup.js';
import * as officers from '../officers/lookup.js';
import { checkShapes, isKind, type EventInput, type EventProblem } from './validate.js';
import { writerFor, type WriteResult } from './writer.js';
import { AREA_MAX_DEPTH, RESOURCE_AREA_MAX_DEPTH, type EventTable } from './tables.js';
import * as store from './store.js';

interface Known {
  resources: LRUCache<string, { orgId: string; published: boolean }>;
}
const known = new WeakMap<AppContext, Known>();

/**
 * Resources are looked up for every batch; a few seconds' memory of each saves a query per request
 * on the hottest public route. A version withdrawn a moment ago may still collect events for up to
 * RESOURCE_TTL_MS, which is harmless (they count real views of a page that was public).
 */
const RESOURCE_TTL_MS = 5_000;

async function resourceStates(ctx: AppContext, ids: string[]) {
  let k = known.get(ctx);
  if (!k) known.set(ctx, (k = { resources: new LRUCache({ max: 50_000, ttl: RESOURCE_TTL_MS }) }));
  const out = new Map<string, { orgId: string; published: boolean }>();
  const missing: string[] = [];
  for (const id of new Set(ids)) {
    const hit = k.resources.get(id);
    if (hit) out.set(id, hit);
    else missing.push(id);
  }
  if (missing.length) {
    for (const [id, v] of await content.resourcesForEvents(ctx.db.kysely, missing)) {
      k.resources.set(id, v);
      out.set(id, v);
    }
  }
  return out;
}

/**
 * Takes a batch of events from a kiosk or a reader: checks every event (shape, known station,
 * approved officer, published resource), and writes none of them unless all pass. Answers once the
 * batch is committed; ids seen before count as duplicates, so retries are harmless.
 */
export async function ingest(ctx: AppContext, events: EventInput[], now = new Date()): Promise<WriteResult> {
  const problems = checkShapes(events, now);
  const db = ctx.db.kysely;
  const [stationMap, officerMap, resourceMap] = await Promise.all([
    stations.stationsByCodes(db, events.flatMap((e) => (e.stationCode ? [e.stationCode] : []))),
    officers.officersByCodes(db, events.flatMap((e) => (e.officerCode ? [e.officerCode] : []))),
    resourceStates(ctx, events.flatMap((e) => (e.resourceId ? [e.resourceId] : []))),
  ]);
  events.forEach((e, index) => {
    const bad = (field: string, problem: string) => problems.push({ index, field, problem });
    if (e.stationCode) {
      const s = stationMap.get(e.stationCode);
      if (!s) bad('stationCode', 'no such station');
      else if (s.status === 'retired') bad('stationCode', 'the station is retired');
    }
    if (e.officerCode && officerMap.get(e.officerCode)?.status !== 'approved') bad('officerCode', 'no such approved officer');
    if (e.resourceId && !resourceMap.get(e.resourceId)?.published) bad('resourceId', 'no such published resource');
  });
  if (problems.length > 0) throw invalid(problems);
  const receivedAt = now.toISOString();
  const rows: EventTable[] = events.map((e) => {
    const at = new Date(e.at).toISOString();
    const orgId =
      (e.stationCode && stationMap.get(e.stationCode)?.orgId) ||
      (e.officerCode && officerMap.get(e.officerCode)?.orgId) ||
      resourceMap.get(e.resourceId ?? '')!.orgId;
    return {
      id: e.id,
      kind: isKind(e.kind) ? e.kind : 'view',
      resource_id: e.resourceId ?? '',
      station_code: e.stationCode ?? '',
      officer_code: e.officerCode ?? '',
      channel: e.channel ?? (e.stationCode ? 'estation' : ''),
      org_id: orgId,
      at,
      day: localDay(new Date(at)),
      received_at: receivedAt,
    };
  });
  return writerFor(ctx).write(rows);
}

function invalid(problems: EventProblem[]): AppError {
  problems.sort((a, b) => a.index - b.index);
  const first = problems[0]!;
  return new AppError(400, 'events.invalid', { count: problems.length, index: first.index, field: first.field, problem: first.problem }, problems);
}

export interface Totals {
  views: number;
  clicks: number;
  shareOpens: number;
  reads: number;
  heartbeats: number;
}

const KIND_FIELD: Record<string, keyof Totals> = { view: 'views', click: 'clicks', 'share-open': 'shareOpens', read: 'reads', heartbeat: 'heartbeats' };

/** The subtree prefixes to count: the caller's whole scope, or one org's subtree inside it. */
async function prefixesFor(ctx: AppContext, access: Access, orgId?: string): Promise<string[]> {
  const scope = access.scope();
  if (!orgId) return scope;
  const org = await orgs.getOrg(ctx, access, orgId);
  return scope.some((p) => org.path.startsWith(p)) ? [org.path] : [];
}

/**
 * Scopes made only of regions, leagues and banners read the area rollups (a few rows a day); a
 * scope with a township, village or grassroots org reads the fine rollups of its small subtree.
 */
function areaIdsOf(prefixes: string[], maxDepth = AREA_MAX_DEPTH): string[] | null {
  const ids = prefixes.map((p) => p.split('/').filter(Boolean));
  if (ids.length === 0 || ids.some((x) => x.length - 1 > maxDepth)) return null;
  return ids.map((x) => x[x.length - 1]!);
}

export async function totals(ctx: AppContext, access: Access, q: { from: string; to: string; orgId?: string }): Promise<Totals> {
  const prefixes = await prefixesFor(ctx, access, q.orgId);
  const out: Totals = { views: 0, clicks: 0, shareOpens: 0, reads: 0, heartbeats: 0 };
  const areaIds = areaIdsOf(prefixes);
  const rows = areaIds
    ? await store.areaTotalsByKind(ctx.db.kysely, { areaIds, from: q.from, to: q.to })
    : await store.totalsByKind(ctx.db.kysely, { prefixes, from: q.from, to: q.to });
  for (const r of rows) {
    const f = KIND_FIELD[r.kind];
    if (f) out[f] = Number(r.n);
  }
  return out;
}

export async function trend(ctx: AppContext, access: Access, q: { from: string; to: string; orgId?: string; kind: string }) {
  const prefixes = await prefixesFor(ctx, access, q.orgId);
  const areaIds = areaIdsOf(prefixes);
  const rows = areaIds
    ? await store.areaTrend(ctx.db.kysely, { areaIds, from: q.from, to: q.to, kind: q.kind })
    : await store.trend(ctx.db.kysely, { prefixes, from: q.from, to: q.to, kind: q.kind });
  return rows.map((r) => ({ day: r.day, n: Number(r.n) }));
}

export async function topResources(ctx: AppContext, access: Access, q: { from: string; to: string; orgId?: string; kind: string; limit: number }) {
  const prefixes = await prefixesFor(ctx, access, q.orgId);
  const areaIds = areaIdsOf(prefixes, RESOURCE_AREA_MAX_DEPTH);
  // The region and leagues count whole months (the monthly rollups); smaller scopes count exact days.
  const rows = areaIds
    ? await store.areaTopResources(ctx.db.kysely, { areaIds, fromMonth: q.from.slice(0, 7), toMonth: q.to.slice(0, 7), kind: q.kind, limit: q.limit })
    : await store.topResources(ctx.db.kysely, { prefixes, ...q });
  const titles = await content.publishedTitles(ctx.db.kysely, rows.map((r) => r.resource_id));
  return rows.map((r) => ({ resourceId: r.resource_id, n: Number(r.n), title: titles.get(r.resource_id)! }));
}

/**
 * Counts per banner (or per league for a region-wide view): rollups are kept per org, and each org
 * is credited to its ancestor at the wanted depth, found from the org paths in app code.
 */
export async function byBanner(ctx: AppContext, access: Access, q: { from: string; to: string; orgId?: string; kind: string }) {
  const prefixes = await prefixesFor(ctx, access, q.orgId);
  const rows = areaIdsOf(prefixes)
    ? await store.areaByBanner(ctx.db.kysely, { prefixes, ...q })
    : await store.byOrg(ctx.db.kysely, { prefixes, ...q });
  const paths = await orgs.pathsOf(ctx, rows.map((r) => r.org_id));
  const BANNER_DEPTH = 2;
  const sums = new Map<string, number>();
  for (const r of rows) {
    const ids = (paths.get(r.org_id) ?? '').split('/').filter(Boolean);
    const key = ids[BANNER_DEPTH] ?? ids[ids.length - 1] ?? r.org_id;
    sums.set(key, (sums.get(key) ?? 0) + Number(r.n));
  }
  const names = await orgs.namesOf(ctx, [...sums.keys()]);
  return [...sums.entries()]
    .map(([orgId, n]) => ({ orgId, name: names.get(orgId) ?? { zh: '', mn: null }, n }))
    .sort((a, b) => b.n - a.n);
}

/**
 * Heartbeats per day of one station, from the rollups (days without any are absent). Read-only and
 * unscoped: the caller (stations) has already authorised reading this station.
 */
export async function stationHeartbeatsByDay(ctx: AppContext, q: { stationCode: string; from: string; to: string }): Promise<Map<string, number>> {
  const rows = await store.stationHeartbeatsByDay(ctx.db.kysely, q);
  return new Map(rows.map((r) => [r.day, Number(r.n)]));
}

const KIND_ZH: Record<string, string> = { view: '浏览', click: '点击', 'share-open': '分享打开', read: '阅读', heartbeat: '心跳' };

/**
 * The dashboard as a download: totals, counts per day by kind, and for each kind the top resources
 * and the counts per banner, all read from the same rollups and scope as the dashboard itself.
 */
export async function exportDashboard(ctx: AppContext, access: Access, q: { from: string; to: string; orgId?: string }) {
  const kinds = Object.keys(KIND_FIELD);
  const [sum, trends, tops, banners] = await Promise.all([
    totals(ctx, access, q),
    Promise.all(kinds.map((kind) => trend(ctx, access, { ...q, kind }))),
    Promise.all(kinds.map((kind) => topResources(ctx, access, { ...q, kind, limit: 100 }))),
    Promise.all(kinds.map((kind) => byBanner(ctx, access, { ...q, kind }))),
  ]);
  const kindColumns = kinds.map((k) => ({ key: KIND_FIELD[k]!, header: KIND_ZH[k]! }));
  const byDay = new Map<string, Record<string, string | number>>();
  trends.forEach((rows, i) => {
    for (const r of rows) {
      const row = byDay.get(r.day) ?? { day: r.day };
      row[KIND_FIELD[kinds[i]!]!] = r.n;
      byDay.set(r.day, row);
    }
  });
  const daily = {
    name: '每日',
    columns: [{ key: 'day', header: '日期', text: true }, ...kindColumns],
    rows: [...byDay.values()].sort((a, b) => String(a.day).localeCompare(String(b.day))).map((r) => ({ ...Object.fromEntries(kindColumns.map((c) => [c.key, 0])), ...r })),
  };
  return {
    daily,
    sheets: [
      { name: '合计', columns: [{ key: 'from', header: '起', text: true }, { key: 'to', header: '止', text: true }, ...kindColumns], rows: [{ from: q.from, to: q.to, ...sum }] },
      daily,
      {
        name: '热门资源',
        columns: [
          { key: 'kind', header: '类型' },
          { key: 'rank', header: '名次' },
          { key: 'title', header: '标题', width: 40 },
          { key: 'resourceId', header: '资源编号', width: 38, text: true },
          { key: 'n', header: '次数' },
        ],
        rows: tops.flatMap((rows, i) => rows.map((r, rank) => ({ kind: KIND_ZH[kinds[i]!]!, rank: rank + 1, title: r.title.zh ?? r.title.mn ?? '', resourceId: r.resourceId, n: r.n }))),
      },
      {
        name: '各旗县区',
        columns: [
          { key: 'kind', header: '类型' },
          { key: 'name', header: '旗县区', width: 24 },
          { key: 'n', header: '次数' },
        ],
        rows: banners.flatMap((rows, i) => rows.map((r) => ({ kind: KIND_ZH[kinds[i]!]!, name: r.name.zh, n: r.n }))),
      },
    ],
  };
}
