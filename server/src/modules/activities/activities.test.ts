import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createTestApp, orgIdByCode, type TestApp } from '../../test/harness.js';

// The PDF printer must be missing here (these tests run without Chromium): the certificate answers 503.
const chromiumBefore = process.env.GEREL_CHROMIUM;
process.env.GEREL_CHROMIUM = '/nonexistent/chromium';

/**
 * Activities, the waiting list, QR scans, service hours, beneficiaries and pairings through the HTTP
 * API, on SQLite and PostgreSQL. 土默特左旗 150121 (organiser tumed-org, volunteers v1–v3 of a
 * village below it); 松山区 150404 (organiser songshan-org, volunteer vs); 农学会 S001 (agri-society-admin).
 */
let t: TestApp;
let org: { banner: string; township: string; village: string; songshan: string; society: string };
const c: Record<string, string> = {};
const vol: Record<string, string> = {};
const PASSWORD = 'activity-pass-1';
const HOUR = 3_600_000;

const req = (who: string, method: string, url: string, body?: unknown) => t.request({ method, url, cookie: c[who], body: body ?? (method === 'POST' ? {} : undefined) });

async function makeUser(username: string, orgId: string, role?: string) {
  const res = await req('admin', 'POST', '/api/users', { username, password: PASSWORD, orgId });
  expect(res.statusCode, res.body).toBe(201);
  if (role) expect((await req('admin', 'POST', `/api/users/${res.json().id}/roles`, { orgId, role })).statusCode).toBe(201);
  c[username] = await t.login(username, PASSWORD);
}

async function makeVolunteer(username: string, homeOrg: string, registerAt: string, approver: string, phone: string) {
  await makeUser(username, homeOrg);
  const res = await req(username, 'POST', '/api/volunteers/register', { orgId: registerAt, name: `志愿者${username}`, phone, languages: ['zh'] });
  expect(res.statusCode, res.body).toBe(201);
  vol[username] = res.json().id;
  expect((await req(approver, 'POST', `/api/volunteers/${vol[username]}/approve`)).statusCode).toBe(200);
}

beforeAll(async () => {
  t = await createTestApp();
  org = {
    banner: await orgIdByCode(t, '150121'),
    township: await orgIdByCode(t, '150121100'),
    village: await orgIdByCode(t, '150121100001'),
    songshan: await orgIdByCode(t, '150404'),
    society: await orgIdByCode(t, 'S001'),
  };
  c.admin = await t.login('admin');
  c['tumed-admin'] = await t.login('tumed-admin');
  c['agri-society-admin'] = await t.login('agri-society-admin');
  await makeUser('tumed-org', org.banner, 'organizer');
  await makeUser('songshan-org', org.songshan, 'organizer');
  await makeVolunteer('v1', org.village, org.banner, 'tumed-org', '13900000001');
  await makeVolunteer('v2', org.village, org.township, 'tumed-org', '13900000002');
  await makeVolunteer('v3', org.village, org.village, 'tumed-org', '13900000003');
  await makeVolunteer('vs', org.songshan, org.songshan, 'songshan-org', '13900000009');
}, 90_000);
afterAll(async () => {
  await t.close();
  if (chromiumBefore === undefined) delete process.env.GEREL_CHROMIUM;
  else process.env.GEREL_CHROMIUM = chromiumBefore;
});

const training = (over: Record<string, unknown> = {}) => ({
  orgId: org.banner,
  kind: 'training',
  title: { zh: '春季接羔保育技术培训', mn: 'ᠬᠠᠪᠤᠷ ᠤᠨ ᠰᠤᠷᠭᠠᠯᠲᠠ' },
  placeOrgId: org.township,
  placeText: '察素齐镇文化站',
  startsAt: new Date(Date.now() - HOUR).toISOString(),
  endsAt: new Date(Date.now() + 2 * HOUR).toISOString(),
  capacity: 2,
  audience: 'farmers_herders',
  language: 'both',
  ...over,
});

let activity: string;
let activityStart: number;
const signupOf = async (who: string) => (await req(who, 'GET', '/api/activities/me/signups')).json().find((s: { activity: { id: string } }) => s.activity.id === activity);

describe('activities and scope', () => {
  it('an organiser creates a training in their banner', async () => {
    const bad = await req('tumed-org', 'POST', '/api/activities', training({ endsAt: new Date(Date.now() - 2 * HOUR).toISOString() }));
    expect(bad.json().error.code).toBe('activity.bad_span');
    expect((await req('tumed-org', 'POST', '/api/activities', training({ placeOrgId: org.society }))).json().error.code).toBe('activity.place_kind');
    expect((await req('songshan-org', 'POST', '/api/activities', training())).statusCode).toBe(404);
    const res = await req('tumed-org', 'POST', '/api/activities', training());
    expect(res.statusCode, res.body).toBe(201);
    activity = res.json().id;
    activityStart = Date.parse(res.json().startsAt);
    expect(res.json()).toMatchObject({ kind: 'training', status: 'open', capacity: 2, place: { code: '150121100' }, signups: { confirmed: 0, waitlisted: 0 }, beneficiaries: { counted: 0, reported: null }, canManage: true });
  });

  it('another banner’s organiser can neither see nor change it', async () => {
    expect((await req('songshan-org', 'GET', '/api/activities')).json().items.map((a: { id: string }) => a.id)).not.toContain(activity);
    expect((await req('songshan-org', 'GET', `/api/activities/${activity}`)).statusCode).toBe(404);
    expect((await req('songshan-org', 'PATCH', `/api/activities/${activity}`, { capacity: 50 })).statusCode).toBe(404);
    expect((await req('songshan-org', 'GET', `/api/activities/${activity}/signups`)).statusCode).toBe(404);
    expect((await req('songshan-org', 'PUT', `/api/activities/${activity}/beneficiaries`, { reported: 9 })).statusCode).toBe(404);
    expect((await req('tumed-org', 'GET', '/api/activities')).json().items.map((a: { id: string }) => a.id)).toContain(activity);
  });
});

describe('sign-up with a waiting list', () => {
  it('confirms while places last, then waits in order; a volunteer from elsewhere cannot join', async () => {
    const one = await req('v1', 'POST', `/api/activities/${activity}/signup`);
    expect(one.statusCode, one.body).toBe(201);
    expect(one.json()).toMatchObject({ status: 'confirmed', qrPayload: expect.stringMatching(/^GRL1\./) });
    expect((await req('v2', 'POST', `/api/activities/${activity}/signup`)).json().status).toBe('confirmed');
    const three = (await req('v3', 'POST', `/api/activities/${activity}/signup`)).json();
    expect(three).toMatchObject({ status: 'waitlisted', position: 1, qrPayload: null });
    expect((await req('v3', 'POST', `/api/activities/${activity}/signup`)).statusCode).toBe(409);
    expect((await req('vs', 'POST', `/api/activities/${activity}/signup`)).statusCode).toBe(404);
    // The volunteer's list of open activities shows it with their status.
    const open = (await req('v3', 'GET', '/api/activities/open')).json();
    expect(open.items.find((a: { id: string }) => a.id === activity)).toMatchObject({ mySignup: 'waitlisted' });
    expect((await req('vs', 'GET', '/api/activities/open')).json().items.map((a: { id: string }) => a.id)).not.toContain(activity);
  });

  it('a cancellation promotes the first waiting; signing up again joins the end', async () => {
    const s1 = await signupOf('v1');
    const res = await req('v1', 'POST', `/api/activities/signups/${s1.id}/cancel`);
    expect(res.statusCode, res.body).toBe(200);
    const s3 = await signupOf('v3');
    expect(res.json().promoted).toEqual([s3.id]);
    expect(s3).toMatchObject({ status: 'confirmed', qrPayload: expect.stringMatching(/^GRL1\./) });
    expect((await req('v1', 'POST', `/api/activities/signups/${s1.id}/cancel`)).statusCode).toBe(409);
    expect((await req('v1', 'POST', `/api/activities/${activity}/signup`)).json()).toMatchObject({ status: 'waitlisted', position: 1 });
    // Another volunteer cannot cancel it; another banner's organiser cannot either.
    expect((await req('v2', 'POST', `/api/activities/signups/${s1.id}/cancel`)).statusCode).toBe(404);
    expect((await req('songshan-org', 'POST', `/api/activities/signups/${s1.id}/cancel`)).statusCode).toBe(404);
    const list = (await req('tumed-org', 'GET', `/api/activities/${activity}/signups`)).json();
    expect(list.map((s: { volunteer: { name: string }; status: string }) => `${s.volunteer.name}:${s.status}`).sort()).toEqual(['志愿者v1:waitlisted', '志愿者v2:confirmed', '志愿者v3:confirmed']);
    expect(list.find((s: { volunteer: { name: string } }) => s.volunteer.name === '志愿者v2').volunteer.phone).toBe('139****0002');
  });

  it('more places promote the waiting at once; fewer than confirmed are refused', async () => {
    expect((await req('tumed-org', 'PATCH', `/api/activities/${activity}`, { capacity: 1 })).json().error.code).toBe('activity.capacity_below');
    const res = await req('tumed-org', 'PATCH', `/api/activities/${activity}`, { capacity: 3 });
    expect(res.json().signups).toEqual({ confirmed: 3, waitlisted: 0 });
    expect((await signupOf('v1')).status).toBe('confirmed');
  });

  it('serves each confirmed place’s QR code to its volunteer only', async () => {
    const s2 = await signupOf('v2');
    const svg = await req('v2', 'GET', `/api/activities/signups/${s2.id}/qr.svg`);
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(svg.body).toContain('<svg');
    expect((await req('v3', 'GET', `/api/activities/signups/${s2.id}/qr.svg`)).statusCode).toBe(404);
    expect((await req('tumed-org', 'GET', `/api/activities/signups/${s2.id}/qr.svg`)).statusCode).toBe(200);
  });
});

describe('QR check-in and check-out', () => {
  const scan = (who: string, scans: object[]) => req(who, 'POST', '/api/activities/scans', { scans });
  const at = (minutes: number) => new Date(activityStart + minutes * 60_000).toISOString();
  const attendance = async () => (await req('tumed-org', 'GET', `/api/activities/${activity}`)).json().attendance;

  it('a second scan of the same code counts nothing; a replayed nonce gets its first answer', async () => {
    const { qrPayload } = await signupOf('v2');
    const n1 = randomUUID();
    const first = await scan('tumed-org', [{ nonce: n1, activityId: activity, payload: qrPayload, direction: 'in', scannedAt: at(2) }]);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().results[0]).toMatchObject({ result: 'counted', replayed: false, volunteer: { name: '志愿者v2' } });
    const second = await scan('tumed-org', [{ nonce: randomUUID(), activityId: activity, payload: qrPayload, direction: 'in', scannedAt: at(3) }]);
    expect(second.json().results[0]).toMatchObject({ result: 'duplicate', replayed: false });
    const replay = await scan('tumed-org', [{ nonce: n1, activityId: activity, payload: qrPayload, direction: 'in', scannedAt: at(2) }]);
    expect(replay.json().results[0]).toMatchObject({ result: 'counted', replayed: true });
    expect(await attendance()).toEqual({ checkedIn: 1, checkedOut: 0 });
    const rows = await t.db.kysely.selectFrom('activity_scans').select(['result']).where('activity_id', '=', activity).execute();
    expect(rows.map((r) => r.result).sort()).toEqual(['counted', 'duplicate']);
  });

  it('takes an offline queue in reading order: check-out measures service time for approval', async () => {
    const { qrPayload } = await signupOf('v3');
    const nIn = randomUUID();
    const queue = [
      { nonce: randomUUID(), activityId: activity, payload: qrPayload, direction: 'out', scannedAt: at(50) },
      { nonce: nIn, activityId: activity, payload: qrPayload, direction: 'in', scannedAt: at(5) },
      { nonce: nIn, activityId: activity, payload: qrPayload, direction: 'in', scannedAt: at(5) },
      { nonce: randomUUID(), activityId: activity, payload: qrPayload.replace(/.$/, (x: string) => (x === 'A' ? 'B' : 'A')), direction: 'in', scannedAt: at(6) },
      { nonce: randomUUID(), activityId: activity, payload: 'not a code', direction: 'in', scannedAt: at(6) },
      { nonce: randomUUID(), activityId: activity, payload: (await signupOf('v1')).qrPayload, direction: 'out', scannedAt: at(7) },
    ];
    const res = await scan('tumed-org', queue);
    expect(res.json().results.map((r: { result: string; reason: string | null; replayed: boolean }) => [r.result, r.reason, r.replayed])).toEqual([
      ['counted', null, false],
      ['counted', null, false],
      ['counted', null, true],
      ['rejected', 'bad_payload', false],
      ['rejected', 'bad_payload', false],
      ['rejected', 'not_checked_in', false],
    ]);
    expect(await attendance()).toEqual({ checkedIn: 2, checkedOut: 1 });
    // The same upload again (the scanner did not hear the answer): nothing changes.
    const again = await scan('tumed-org', queue);
    expect(again.json().results.every((r: { replayed: boolean }) => r.replayed)).toBe(true);
    expect(await attendance()).toEqual({ checkedIn: 2, checkedOut: 1 });
    const hours = await t.db.kysely.selectFrom('service_hours').selectAll().where('volunteer_id', '=', vol.v3!).execute();
    expect(hours).toEqual([expect.objectContaining({ source: 'scan', minutes: 45, status: 'pending', activity_id: activity })]);
  });

  it('refuses scans at another banner’s activity and stores nothing of them', async () => {
    const { qrPayload } = await signupOf('v1');
    const before = (await t.db.kysely.selectFrom('activity_scans').select('nonce').execute()).length;
    const res = await scan('songshan-org', [{ nonce: randomUUID(), activityId: activity, payload: qrPayload, direction: 'in', scannedAt: at(8) }]);
    expect(res.json().results[0]).toMatchObject({ result: 'rejected', reason: 'activity', volunteer: null });
    expect((await t.db.kysely.selectFrom('activity_scans').select('nonce').execute()).length).toBe(before);
    // Nor can a volunteer scan anyone in.
    expect((await scan('v2', [{ nonce: randomUUID(), activityId: activity, payload: qrPayload, direction: 'in', scannedAt: at(8) }])).json().results[0].reason).toBe('activity');
    expect(await attendance()).toEqual({ checkedIn: 2, checkedOut: 1 });
  });

  it('a checked-in volunteer’s place cannot be cancelled', async () => {
    const s2 = await signupOf('v2');
    expect((await req('v2', 'POST', `/api/activities/signups/${s2.id}/cancel`)).json().error.code).toBe('activity.already_checked_in');
  });
});

describe('service hours', () => {
  it('measured hours wait for the organiser; another banner cannot decide them', async () => {
    const pending = (await req('tumed-org', 'GET', '/api/service-hours?status=pending')).json();
    const h = pending.items.find((x: { volunteer: { id: string } }) => x.volunteer.id === vol.v3);
    expect(h).toMatchObject({ source: 'scan', minutes: 45, activity: { id: activity } });
    expect((await req('songshan-org', 'GET', '/api/service-hours')).json().items.map((x: { id: string }) => x.id)).not.toContain(h.id);
    expect((await req('songshan-org', 'POST', `/api/service-hours/${h.id}/approve`)).statusCode).toBe(404);
    expect((await req('v3', 'POST', `/api/service-hours/${h.id}/approve`)).statusCode).toBe(404);
    const ok = await req('tumed-org', 'POST', `/api/service-hours/${h.id}/approve`);
    expect(ok.json()).toMatchObject({ status: 'approved', minutes: 45 });
    expect((await req('tumed-org', 'POST', `/api/service-hours/${h.id}/reject`)).statusCode).toBe(409);
    expect((await req('v3', 'GET', '/api/service-hours/me')).json()).toMatchObject({ approvedMinutes: 45, pendingMinutes: 0 });
  });

  it('self-reported hours: one record per activity, approved or rejected by the organiser', async () => {
    const res = await req('v2', 'POST', '/api/service-hours', { activityId: activity, minutes: 120 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ source: 'self', status: 'pending', minutes: 120 });
    expect((await req('v2', 'POST', '/api/service-hours', { activityId: activity, minutes: 60 })).json().error.code).toBe('hours.already_recorded');
    // v3's measured hours stand; vs never signed up.
    expect((await req('v3', 'POST', '/api/service-hours', { activityId: activity, minutes: 60 })).statusCode).toBe(409);
    expect((await req('vs', 'POST', '/api/service-hours', { activityId: activity, minutes: 60 })).json().error.code).toBe('hours.not_signed_up');
    expect((await req('vs', 'POST', '/api/service-hours', { minutes: 60 })).json().error.code).toBe('hours.description_required');
    const elsewhere = await req('vs', 'POST', '/api/service-hours', { minutes: 90, description: '牧区义诊', serviceDate: '2026-01-05' });
    expect(elsewhere.json()).toMatchObject({ orgId: org.songshan, status: 'pending' });
    expect((await req('tumed-org', 'POST', `/api/service-hours/${elsewhere.json().id}/reject`)).statusCode).toBe(404);
    expect((await req('songshan-org', 'POST', `/api/service-hours/${elsewhere.json().id}/reject`, { reason: '无佐证' })).json()).toMatchObject({ status: 'rejected', reason: '无佐证' });
    // The organiser approves v2's report, correcting it to the activity's length.
    expect((await req('tumed-org', 'POST', `/api/service-hours/${res.json().id}/approve`, { minutes: 100 })).json()).toMatchObject({ status: 'approved', minutes: 100 });
    expect((await req('v2', 'GET', '/api/service-hours/me')).json()).toMatchObject({ approvedMinutes: 100, pendingMinutes: 0 });
    // Every decision and report audited; the refused attempts wrote nothing.
    const actions = (await t.db.kysely.selectFrom('audit_log').select('action').where('action', 'like', 'hours.%').execute()).map((a) => a.action);
    expect(actions.sort()).toEqual(['hours.approve', 'hours.approve', 'hours.reject', 'hours.report', 'hours.report']);
  });

  it('answers 503 with a clear message when the PDF printer is missing', async () => {
    const res = await req('v2', 'GET', '/api/service-hours/me/certificate.pdf');
    expect(res.statusCode).toBe(503);
    expect(res.json().error).toMatchObject({ code: 'pdf.unavailable', messages: { zh: expect.stringContaining('PDF'), en: expect.stringContaining('Chromium') } });
    expect((await req('songshan-org', 'GET', `/api/service-hours/volunteers/${vol.v2}/certificate.pdf`)).statusCode).toBe(404);
  });
});

describe('beneficiaries', () => {
  it('counts venue check-ins once per device, and keeps the organiser’s report apart', async () => {
    const venue = (await req('tumed-org', 'GET', `/api/activities/${activity}/venue-qr`)).json();
    expect(venue.svg).toContain('<svg');
    const url = new URL(venue.url);
    const key = url.searchParams.get('k')!;
    const attend = (body: object) => t.request({ method: 'POST', url: `/api/public/activities/${activity}/attend`, body });
    const device = randomUUID();
    expect((await attend({ k: key, nonce: device })).json()).toMatchObject({ counted: true, title: { zh: '春季接羔保育技术培训' } });
    expect((await attend({ k: key, nonce: device })).json().counted).toBe(false);
    expect((await attend({ k: key, nonce: randomUUID() })).json().counted).toBe(true);
    expect((await attend({ k: 'wrong-key', nonce: randomUUID() })).statusCode).toBe(404);
    expect((await req('songshan-org', 'GET', `/api/activities/${activity}/venue-qr`)).statusCode).toBe(404);
    const reported = await req('tumed-org', 'PUT', `/api/activities/${activity}/beneficiaries`, { reported: 150 });
    expect(reported.json().beneficiaries).toEqual({ counted: 2, reported: 150 });
  });
});

describe('pairings', () => {
  type P = { id: string; banner: { code: string }; society: { code: string }; produced: Record<string, number>; canManage: boolean };
  it('the region pairs a society with a banner; a banner admin cannot; a pair exists once', async () => {
    const medical = await orgIdByCode(t, 'S002');
    const xincheng = await orgIdByCode(t, '150102');
    expect((await req('tumed-admin', 'POST', '/api/pairings', { societyOrgId: medical, bannerOrgId: org.banner })).statusCode).toBe(404);
    expect((await req('admin', 'POST', '/api/pairings', { societyOrgId: org.banner, bannerOrgId: org.society })).json().error.code).toBe('pairing.kinds');
    const res = await req('admin', 'POST', '/api/pairings', { societyOrgId: medical, bannerOrgId: xincheng, since: '2024-03-01', note: '医学会对口帮扶新城区' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ society: { code: 'S002' }, banner: { code: '150102' }, status: 'active', produced: { activities: 0 } });
    expect((await req('admin', 'POST', '/api/pairings', { societyOrgId: medical, bannerOrgId: xincheng })).statusCode).toBe(409);
  });

  it('counts the activities and beneficiaries it produced, seen from both ends', async () => {
    // The demo seed pairs 农学会 with 土默特左旗.
    const seeded = (await req('agri-society-admin', 'GET', '/api/pairings')).json().find((p: P) => p.banner.code === '150121' && p.society.code === 'S001') as P;
    const pairing = seeded.id;
    const wrongPlace = await req('agri-society-admin', 'POST', '/api/activities', training({ orgId: org.society, pairingId: pairing, placeOrgId: org.songshan, kind: 'tour' }));
    expect(wrongPlace.json().error.code).toBe('activity.pairing_mismatch');
    // 松山区's organiser cannot claim the pairing for their activities.
    expect((await req('songshan-org', 'POST', '/api/activities', training({ orgId: org.songshan, pairingId: pairing, placeOrgId: org.songshan }))).json().error.code).toBe('activity.pairing_mismatch');
    const res = await req('agri-society-admin', 'POST', '/api/activities', training({ orgId: org.society, pairingId: pairing, kind: 'tour', title: { zh: '科技专家进旗县' } }));
    expect(res.statusCode, res.body).toBe(201);
    const tour = res.json().id;
    await req('agri-society-admin', 'PUT', `/api/activities/${tour}/beneficiaries`, { reported: 100 });
    // The banner sees what the society does in it, but does not run it.
    const seen = await req('tumed-admin', 'GET', `/api/activities/${tour}`);
    expect(seen.json()).toMatchObject({ canManage: false, org: { code: 'S001' } });
    expect((await req('tumed-admin', 'PATCH', `/api/activities/${tour}`, { capacity: 9 })).statusCode).toBe(403);
    const fromBanner = (await req('tumed-admin', 'GET', '/api/pairings')).json() as P[];
    expect(fromBanner.map((p) => p.id)).toEqual([pairing]);
    expect(fromBanner[0]).toMatchObject({ canManage: false, produced: { ...seeded.produced, activities: seeded.produced.activities! + 1, beneficiariesReported: seeded.produced.beneficiariesReported! + 100 } });
    const fromSociety = (await req('agri-society-admin', 'GET', `/api/pairings/${pairing}`)).json();
    expect(fromSociety.activities.map((a: { id: string }) => a.id)).toContain(tour);
    expect(fromSociety.activities).toHaveLength(seeded.produced.activities! + 1);
    expect((await req('songshan-org', 'GET', '/api/pairings')).json()).toEqual([]);
    expect((await req('songshan-org', 'GET', `/api/pairings/${pairing}`)).statusCode).toBe(404);
  });
});
