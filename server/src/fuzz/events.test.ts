import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, orgIdByCode, type TestApp } from '../test/harness.js';

/**
 * POST /api/events (public: kiosks and shared links post here) with generated batches: mostly-right
 * events with a wrong field here and there, wrong shapes, and bodies that are not JSON at all. The
 * answer is 200 (the whole batch counted) or a 400/413/415 naming the problem, never a 500, and a
 * refused batch writes nothing: the events table grows by exactly `accepted`.
 */
let t: TestApp;
let resourceId: string;
let draftId: string;
const STATION = 'FZ-EV-1';
const OFFICER = 'FZEV01';

beforeAll(async () => {
  t = await createTestApp({ config: { eventsRateLimit: 1_000_000 } });
  const now = new Date().toISOString();
  await t.db.kysely
    .insertInto('stations')
    .values({ id: randomUUID(), code: STATION, name_zh: '科普e站', name_mn: null, org_id: await orgIdByCode(t, '150121100'), place: null, kind: 'kiosk', owner_name: null, owner_phone: null, status: 'active', last_heartbeat_at: null, created_at: now, updated_at: now })
    .execute();
  await t.db.kysely
    .insertInto('officers')
    .values({ id: randomUUID(), code: OFFICER, name: '信息员', phone: '13900000777', org_id: await orgIdByCode(t, '150121100001'), user_id: null, status: 'approved', approved_by: null, approved_at: null, created_at: now, updated_at: now })
    .execute();
  const editor = await t.login('hohhot-editor');
  const reviewer = await t.login('hohhot-reviewer');
  const orgId = await orgIdByCode(t, '150100');
  const make = async () =>
    (await t.request({ method: 'POST', url: '/api/resources', cookie: editor, body: { orgId, kind: 'article', versions: [{ lang: 'zh-Hans', title: '科普', body: '<p>x</p>' }] } })).json().id as string;
  resourceId = await make();
  draftId = await make();
  for (const [to, who] of [['in_review', editor], ['approved', reviewer], ['published', reviewer]] as const) {
    await t.request({ method: 'POST', url: `/api/resources/${resourceId}/versions/zh-Hans/transition`, cookie: who, body: { to } });
  }
}, 60_000);
afterAll(() => t.close());

const eventCount = async () => (await t.db.kysely.selectFrom('events').select('id').execute()).length;

const mostly = <T,>(good: fc.Arbitrary<T>, any: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 12 }, { arbitrary: any, weight: 1 });
// NUL included: the HTTP layer refuses it with a 400 before the handler (kernel/http/nul-guard.ts).
const junk = fc.oneof(fc.string({ maxLength: 70 }), fc.string({ unit: 'binary', maxLength: 20 }), fc.constantFrom('', ' ', '\u0000', "'; drop table events; --", 'ᠮᠣᠩᠭᠣᠯ'));
const at = fc.oneof(
  fc.integer({ min: -30, max: 1 }).map((d) => new Date(Date.now() + d * 86_400_000).toISOString()),
  fc.constantFrom('2026-02-30T00:00:00Z', '1970-01-01T00:00:00Z', '9999-12-31T23:59:59Z', 'yesterday', '2026-11-28', '-000001-01-01T00:00:00Z'),
);
const event = fc
  .record(
    {
      id: mostly(fc.uuid().map((u) => `fz-${u}`), junk),
      kind: mostly(fc.constantFrom('view', 'click', 'share-open', 'read', 'heartbeat'), junk),
      resourceId: mostly(fc.constant(null).map(() => resourceId), fc.oneof(junk, fc.constant(null).map(() => draftId), fc.uuid())),
      stationCode: mostly(fc.constant(STATION), junk),
      officerCode: mostly(fc.constant(OFFICER), junk),
      channel: mostly(fc.constantFrom('estation', 'wechat', 'qr'), junk),
      at: mostly(at, junk),
    },
    { requiredKeys: ['id', 'kind', 'at'] },
  )
  .map((e) => ({ ...e }));

async function post(payload: string, contentType = 'application/json') {
  return t.app.inject({ method: 'POST', url: '/api/events', payload, headers: { 'content-type': contentType } });
}

describe('event batches under fuzzing', () => {
  it('a batch is counted whole or refused whole, never a 500', async () => {
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 8 }), async (events) => {
        const before = await eventCount();
        const res = await post(JSON.stringify({ events }));
        expect([200, 400], res.body).toContain(res.statusCode);
        if (res.statusCode === 200) {
          const body = res.json() as { accepted: number; duplicates: number };
          expect(body.accepted + body.duplicates).toBe(events.length);
          expect(await eventCount()).toBe(before + body.accepted);
          accepted++;
        } else {
          expect(res.json().error.message.length).toBeGreaterThan(0);
          expect(await eventCount()).toBe(before);
          refused++;
        }
      }),
      { numRuns: 150 },
    );
    // Both sides of the property ran.
    expect(accepted).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });

  it('any JSON, any text, in any content type: a clear 4xx, never a 500', async () => {
    const json = fc.oneof(
      fc.json(),
      fc.anything().map((v) => JSON.stringify({ events: [v] }) ?? 'null'),
      fc.array(fc.dictionary(fc.constantFrom('id', 'kind', 'at', 'resourceId', '__proto__', 'constructor'), fc.jsonValue()), { maxLength: 3 }).map((events) => JSON.stringify({ events })),
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(json, fc.string({ unit: 'binary', maxLength: 200 })), fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16'), async (body, type) => {
        const before = await eventCount();
        const res = await post(body, type);
        expect([200, 400, 413, 415], `${res.statusCode} ${res.body.slice(0, 200)}`).toContain(res.statusCode);
        if (res.statusCode !== 200) expect(await eventCount()).toBe(before);
      }),
      { numRuns: 150 },
    );
  });

  // Found by fuzzing: a NUL character in a code reached PostgreSQL, which refuses it ("invalid byte
  // sequence for encoding UTF8: 0x00"), and the batch got a 500. The HTTP layer (kernel/http/nul-guard.ts)
  // now refuses any request with a NUL before the handler: a whole-request 400 `input.nul_character`
  // whose details point at the field (`/events/0/stationCode`), not the per-index `events.invalid`.
  it('refuses a NUL character in a batch with a 400 naming the field, and writes none of it', async () => {
    const before = await eventCount();
    const good = { id: `fz-${randomUUID()}`, kind: 'view', resourceId, at: new Date().toISOString() };
    const res = await post(JSON.stringify({ events: [good, { id: `fz-${randomUUID()}`, kind: 'view', stationCode: '\u0000', at: new Date().toISOString() }] }));
    expect(res.statusCode, res.body).toBe(400);
    const error = (res.json() as { error: { code: string; details: { where: string; path: string }; messages: { zh: string; en: string } } }).error;
    expect(error.code).toBe('input.nul_character');
    expect(error.details).toEqual({ where: 'body', path: '/events/1/stationCode' });
    expect(error.messages.en).toContain('NUL');
    expect(error.messages.zh).toContain('空字符');
    expect(await eventCount()).toBe(before);
  });

  it('refuses an oversized batch whole', async () => {
    const before = await eventCount();
    const events = Array.from({ length: 1001 }, () => ({ id: `fz-${randomUUID()}`, kind: 'view', resourceId, at: new Date().toISOString() }));
    const res = await post(JSON.stringify({ events }));
    expect(res.statusCode).toBe(400);
    expect(await eventCount()).toBe(before);
  });
});
