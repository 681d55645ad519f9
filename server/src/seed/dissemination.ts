import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { Db } from '../kernel/db/database.js';
import { bulkInsert } from '../kernel/db/bulk.js';
import { upsertDocs, type SearchDoc } from '../kernel/search/index.js';
import { areasFromPath } from '../modules/events/writer.js';
import * as store from '../modules/events/store.js';
import { EVENT_KINDS, RESOURCE_AREA_MAX_DEPTH, type EventTable } from '../modules/events/tables.js';
import { AreaCounters } from './area-counters.js';

/** A fixed-seed generator: the same data on every run and machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DisseminationScale {
  stations: number;
  officers: number;
  resources: number;
  events: number;
  days: number;
}

/** The report's figures: 4,944 e-stations (rounded up), 240,000 officers, 30 million events. */
export const REGION_DISSEMINATION: DisseminationScale = { stations: 5_000, officers: 240_000, resources: 2_000, events: 30_000_000, days: 730 };

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段';
const GIVEN = ['巴特尔', '乌云', '其其格', '斯琴', '敖日格勒', '格日勒', '海', '丽', '军', '芳', '明', '华', '春', '花', '勇', '娜仁', '苏和', '图雅', '那顺', '额尔敦'];
const TOPICS = ['春季接羔保育', '草原防火', '牛羊疫病防治', '饲草储备', '节水灌溉', '马铃薯种植', '科学施肥', '沙尘暴防护', '雪灾应对', '奶食品卫生', '蒙医药常识', '青少年科普', '防范电信诈骗', '冬季取暖安全', '牧区用电安全'];
const MN_TOPICS = ['ᠬᠠᠪᠤᠷ ᠤᠨ ᠬᠣᠨᠢ ᠲᠥᠯᠥᠭᠯᠡᠬᠦ', 'ᠬᠡᠭᠡᠷ᠎ᠡ ᠶᠢᠨ ᠭᠠᠯ ᠰᠡᠷᠭᠡᠢᠯᠡᠬᠦ', 'ᠮᠠᠯ ᠤᠨ ᠡᠮᠨᠡᠯᠭᠡ', 'ᠡᠪᠡᠰᠦ ᠬᠠᠳᠠᠭᠠᠯᠠᠬᠤ', 'ᠮᠣᠩᠭᠣᠯ ᠡᠮ ᠦᠨ ᠮᠡᠳᠡᠯᠭᠡ'].map((s) => s.replace(/ (ᠤᠨ|ᠦᠨ|ᠶᠢᠨ)(?= |$)/g, '\u202f$1'));
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A unique officer code per index, in the officers module's alphabet (no look-alike letters). */
function officerCode(i: number): string {
  let s = '';
  for (let n = i + 30 ** 6; n > 0; n = Math.floor(n / 30)) s = CODE_ALPHABET[n % 30] + s;
  return s.padStart(7, '2');
}

const ts = () => new Date().toISOString();
const EVENTS_PER_COMMIT = 1_000_000;

/**
 * Region-scale dissemination data: stations in townships and villages, officers in villages,
 * published bilingual resources, and events spread over `days` up to today, generated day by day
 * and written as they are made (the rollups of each day are computed from that day's events and
 * written with them), so memory stays flat whatever the total.
 */
export async function seedDissemination(db: Db, scale: DisseminationScale, log: (s: string) => void = () => {}): Promise<void> {
  const k = db.kysely;
  const rand = prng(20_261_128);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const orgs = await k.selectFrom('orgs').select(['id', 'kind', 'name_zh', 'path', 'code']).execute();
  const villages = orgs.filter((o) => o.kind === 'village');
  const townships = orgs.filter((o) => o.kind === 'township');
  const league = orgs.find((o) => o.code === '150100')!;
  const editor = await k.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
  const now = ts();

  // Stations: every township first, then villages.
  const stationPlaces = [...townships, ...villages];
  const stations = Array.from({ length: scale.stations }, (_, i) => {
    const org = stationPlaces[i % stationPlaces.length]!;
    return { code: `ES${String(i + 1).padStart(5, '0')}`, org };
  });
  await k.transaction().execute(async (trx) => {
    const cols = ['id', 'code', 'name_zh', 'name_mn', 'org_id', 'place', 'kind', 'owner_name', 'owner_phone', 'status', 'last_heartbeat_at', 'created_at', 'updated_at'];
    for (let i = 0; i < stations.length; i += 200) {
      const rows = stations.slice(i, i + 200).map((s, j) => [crypto.randomUUID(), s.code, `${s.org.name_zh}科普e站`, null, s.org.id, s.org.name_zh, pick(['screen', 'kiosk', 'kiosk', 'reading_room']), null, null, (i + j) % 50 === 0 ? 'inactive' : 'active', null, now, now]);
      await bulkInsert<unknown, Database>(trx, 'stations', cols, rows);
    }
  });
  log(`${stations.length} stations`);

  // Officers: spread over villages, approved.
  const officers: { code: string; orgId: string }[] = [];
  await k.transaction().execute(async (trx) => {
    const cols = ['id', 'code', 'name', 'phone', 'org_id', 'user_id', 'status', 'approved_by', 'approved_at', 'created_at', 'updated_at'];
    for (let i = 0; i < scale.officers; i += 500) {
      const rows = [];
      for (let j = i; j < Math.min(i + 500, scale.officers); j++) {
        const org = villages[j % villages.length]!;
        const code = officerCode(j);
        officers.push({ code, orgId: org.id });
        rows.push([crypto.randomUUID(), code, `${pick([...SURNAMES])}${pick(GIVEN)}`, `13${String(100_000_000 + j).slice(-9)}`, org.id, null, 'approved', editor.id, now, now, now]);
      }
      await bulkInsert<unknown, Database>(trx, 'officers', cols, rows);
    }
  });
  log(`${officers.length} officers`);

  // Published bilingual resources of the region's leagues, indexed for search.
  const leagues = orgs.filter((o) => o.kind === 'league');
  const resources: { id: string; orgId: string }[] = [];
  await k.transaction().execute(async (trx) => {
    const docs: SearchDoc[] = [];
    for (let i = 0; i < scale.resources; i++) {
      const id = crypto.randomUUID();
      const org = i === 0 ? league : leagues[i % leagues.length]!;
      const topic = TOPICS[i % TOPICS.length]!;
      const mnTopic = MN_TOPICS[i % MN_TOPICS.length]!;
      resources.push({ id, orgId: org.id });
      await bulkInsert<unknown, Database>(trx, 'resources', ['id', 'org_id', 'kind', 'category', 'tags_json', 'audience_json', 'source', 'licence', 'link', 'cover_url', 'created_by', 'created_at', 'updated_at'], [[id, org.id, 'article', '农牧业', '[]', '["farmers_herders"]', null, null, null, null, editor.id, now, now]]);
      for (const [lang, title, body] of [['zh-Hans', `${topic}（第${i + 1}期）`, `${topic}的技术要点：科普信息员请转发到嘎查村。`], ['mn-Mong', mnTopic, mnTopic]] as const) {
        const vid = crypto.randomUUID();
        await bulkInsert<unknown, Database>(trx, 'resource_versions', ['id', 'resource_id', 'lang', 'title', 'summary', 'body_html', 'body_text', 'status', 'revision', 'publish_at', 'published_at', 'author_id', 'created_at', 'updated_at'], [[vid, id, lang, title, null, `<p>${body}</p>`, body, 'published', 1, null, now, editor.id, now, now]]);
        await bulkInsert<unknown, Database>(trx, 'resource_revisions', ['id', 'version_id', 'n', 'title', 'summary', 'body_html', 'author_id', 'created_at'], [[crypto.randomUUID(), vid, 1, title, null, `<p>${body}</p>`, editor.id, now]]);
        docs.push({ id: `${id}:${lang}`, resourceId: id, lang, orgId: org.id, kind: 'article', category: '农牧业', published: true, title, body, updatedAt: now });
      }
    }
    await upsertDocs<Database>(trx, docs);
  });
  log(`${resources.length} published resources`);

  // Events, day by day up to today. Popular resources get more (a power law), as in real life. They
  // are written a chunk at a time: one transaction per chunk writes each page of the fine rollups
  // once per chunk rather than once per day. The fine rollups of a chunk are grouped by the database
  // from the events just written; the area and station rollups are counted here and written at the end.
  const perDay = Math.ceil(scale.events / scale.days);
  const today = Date.now();
  const DAY_MS = 86_400_000;
  const LOCAL_OFFSET_MS = 8 * 3_600_000;
  const firstDayNo = Math.floor((today - scale.days * DAY_MS + LOCAL_OFFSET_MS) / DAY_MS);
  const dayNames = Array.from({ length: scale.days + 2 }, (_, i) => new Date((firstDayNo + i) * DAY_MS).toISOString().slice(0, 10));
  // Region and leagues first: they also count per resource (RESOURCE_AREA_MAX_DEPTH).
  const areaOrgs = orgs.filter((o) => areasFromPath(o.path).at(-1) === o.id).sort((x, y) => depthOf(x.path) - depthOf(y.path));
  const areaIndex = new Map(areaOrgs.map((o, i) => [o.id, i]));
  const areaIdxOf = new Map(orgs.map((o) => [o.id, areasFromPath(o.path).map((a) => areaIndex.get(a)!)]));
  const CHANNELS = ['estation', 'wechat', 'qq', 'web'];
  const counters = new AreaCounters({
    areas: areaOrgs.map((o) => o.id),
    resourceAreas: areaOrgs.filter((o) => depthOf(o.path) <= RESOURCE_AREA_MAX_DEPTH).length,
    days: dayNames,
    channels: CHANNELS,
    resources: resources.map((r) => r.id),
    stations: stations.map((s) => s.code),
  });
  let written = 0;
  let seq = 0;
  let rows: EventTable[] = [];
  const flush = async () => {
    if (rows.length === 0) return;
    const chunk = rows;
    rows = [];
    await k.transaction().execute(async (trx) => {
      await store.insertNew(trx, chunk);
      await addFineRollupsOfSeedRange(trx, chunk[0]!.id, chunk[chunk.length - 1]!.id);
    });
  };
  for (let d = scale.days - 1; d >= 0 && written < scale.events; d--) {
    const dayStart = today - d * DAY_MS;
    const n = Math.min(perDay, scale.events - written);
    for (let i = 0; i < n; i++) {
      const atMs = dayStart - Math.floor(rand() * DAY_MS);
      const at = new Date(atMs).toISOString();
      const dayIdx = Math.floor((atMs + LOCAL_OFFSET_MS) / DAY_MS) - firstDayNo;
      const r = rand();
      const resourceIdx = Math.floor(resources.length * rand() ** 3);
      let kind: EventTable['kind'], stationIdx = -1, officer = '', channel: number, orgId: string;
      if (r < 0.55) {
        stationIdx = Math.floor(rand() * stations.length);
        kind = rand() < 0.7 ? 'view' : 'click';
        channel = 0;
        orgId = stations[stationIdx]!.org.id;
      } else if (r < 0.97) {
        const o = officers[Math.floor(rand() * officers.length)]!;
        kind = r < 0.85 ? 'share-open' : 'read';
        officer = o.code;
        channel = pick([1, 1, 1, 2, 3]);
        orgId = o.orgId;
      } else {
        stationIdx = Math.floor(rand() * stations.length);
        kind = 'heartbeat';
        channel = 0;
        orgId = stations[stationIdx]!.org.id;
      }
      const withResource = kind !== 'heartbeat';
      counters.add(areaIdxOf.get(orgId)!, EVENT_KINDS.indexOf(kind), dayIdx, channel, withResource ? resourceIdx : -1, stationIdx);
      rows.push({
        id: `seed-${(seq++).toString(36).padStart(8, '0')}`,
        kind,
        resource_id: withResource ? resources[resourceIdx]!.id : '',
        station_code: stationIdx >= 0 ? stations[stationIdx]!.code : '',
        officer_code: officer,
        channel: CHANNELS[channel]!,
        org_id: orgId,
        at,
        day: dayNames[dayIdx]!,
        received_at: at,
      });
    }
    written += n;
    if (rows.length >= EVENTS_PER_COMMIT) await flush();
    if (d % 30 === 0) log(`${written.toLocaleString('en')} events`);
  }
  await flush();
  await counters.write(k);
  log(`${written.toLocaleString('en')} events in all`);
}

const depthOf = (path: string) => path.split('/').filter(Boolean).length - 1;

/** Adds the events with ids in [first, last] to the fine rollups, grouped in the database. */
async function addFineRollupsOfSeedRange(trx: Kysely<Database>, first: string, last: string): Promise<void> {
  const key = 'org_id, kind, day, resource_id, officer_code, station_code, channel';
  // "where true" keeps ON CONFLICT from being read as part of the SELECT (SQLite's upsert rule).
  await sql`insert into event_rollups (${sql.raw(key)}, n)
    select * from (select ${sql.raw(key)}, count(*) as n from events where id >= ${first} and id <= ${last} group by ${sql.raw(key)}) g
    where true on conflict (${sql.raw(key)}) do update set n = event_rollups.n + excluded.n`.execute(trx);
}
