import fs from 'node:fs';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, call, orgIdByCode } from '../src/api.js';
import { signIn } from '../src/app.js';
import { CHROMIUM_PATH, launchBrowser } from '../src/browser.js';
import { startServer, type RunningServer } from '../src/server.js';

// The proof: an organiser creates a training, a volunteer signs up on a phone-sized
// viewport, checks in by QR (twice: counted once; once more while the scanner is offline), hours
// are approved, the certificate downloads. The volunteer registers with a separate consent for
// their ID number first, and the organiser approves them with the number masked.

const artifacts = path.resolve(import.meta.dirname, '../artifacts');
const PASSWORD = 'e2e-Volunteer-1';
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' } as const;
/** A valid resident ID number (GB 11643 check character computed here). */
function idNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((n, d, i) => n + Number(d) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}
const ID = idNumber('15212119880808123');
const TITLE = '春季接羔保育技术培训（端到端）';
const CAMERA_FILE = path.join(os.tmpdir(), `gerel-e2e-qr-${process.pid}.y4m`);

let server: RunningServer;
let browser: Browser;
let organiser: BrowserContext;
let volunteer: BrowserContext;
let scanner: BrowserContext;
let cameraBrowser: Browser | undefined;
let org: Page;
let vol: Page;
let activityId: string;

/**
 * A camera that films the given QR image: Chromium's fake capture device plays a Y4M file (4:2:0),
 * made here from the image as the volunteer's phone shows it (drawn on a canvas in that page).
 */
async function qrCameraFile(page: Page, img: string): Promise<string> {
  const [w, h] = [640, 480];
  const luma = await page.locator(img).evaluate(
    (el, [w, h]) => {
      const canvas = document.createElement('canvas');
      canvas.width = w;
      canvas.height = h;
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, w, h);
      ctx.drawImage(el as HTMLImageElement, (w - 400) / 2, (h - 400) / 2, 400, 400);
      const data = ctx.getImageData(0, 0, w, h).data;
      const out: number[] = [];
      for (let i = 0; i < data.length; i += 4) out.push(Math.round(0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!));
      return out;
    },
    [w, h] as const,
  );
  const frame = Buffer.concat([Buffer.from('FRAME\n'), Buffer.from(luma), Buffer.alloc((w * h) / 2, 128)]);
  const file = CAMERA_FILE;
  fs.writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${w} H${h} F10:1 Ip A1:1 C420jpeg\n`), frame, frame]));
  return file;
}

/** A local date-time input value, minutes from now. */
const localInput = (minutes: number) => {
  const d = new Date(Date.now() + minutes * 60_000);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
  // The region admin makes the two accounts: an organiser of 土默特左旗 and a user living in one of its villages.
  const admin = await browser.newContext();
  await apiLogin(admin, server.baseUrl, 'admin', server.adminPassword);
  const banner = await orgIdByCode(admin, server.baseUrl, '150121');
  const village = await orgIdByCode(admin, server.baseUrl, '150121100001');
  const o = await call<{ id: string }>(admin, server.baseUrl, 'POST', '/api/users', { username: 'e2e-organizer', password: PASSWORD, displayName: '土左旗活动组织员', orgId: banner });
  await call(admin, server.baseUrl, 'POST', `/api/users/${o.id}/roles`, { orgId: banner, role: 'organizer' });
  await call(admin, server.baseUrl, 'POST', '/api/users', { username: 'e2e-volunteer', password: PASSWORD, displayName: '巴特尔', orgId: village });
  await admin.close();

  organiser = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
  org = await organiser.newPage();
  await signIn(org, server.baseUrl, 'e2e-organizer', PASSWORD);
  volunteer = await browser.newContext({ ...PHONE, acceptDownloads: true });
  vol = await volunteer.newPage();
  await signIn(vol, server.baseUrl, 'e2e-volunteer', PASSWORD);
});

afterAll(async () => {
  await cameraBrowser?.close();
  fs.rmSync(CAMERA_FILE, { force: true });
  await browser?.close();
  await server?.stop();
});

describe('volunteer service end to end', () => {
  it('a volunteer registers on a phone with a separate consent for the ID number; the organiser approves, seeing it masked', async () => {
    await vol.goto(`${server.baseUrl}/me/volunteer`);
    const form = vol.getByTestId('volunteer-register');
    await form.waitFor();
    await vol.getByTestId('register-phone').fill('13847101234');
    await form.locator('label').filter({ hasText: '蒙古语' }).click();
    // The ID field appears only after the separate consent is ticked.
    expect(await vol.getByTestId('register-id').count()).toBe(0);
    await vol.getByTestId('consent-id').click();
    await vol.getByTestId('register-id').fill(ID);
    await vol.screenshot({ path: path.join(artifacts, 'volunteers-register-phone.png'), fullPage: true });
    await vol.getByTestId('register-submit').click();
    await vol.locator('[data-testid="my-volunteer"][data-status="pending"]').waitFor();
    expect(await vol.getByTestId('consent').getAttribute('data-purpose')).toBe('id_number');

    await org.getByRole('link', { name: '志愿者', exact: true }).click();
    await org.waitForURL('**/volunteers');
    const row = org.getByRole('row').filter({ hasText: '巴特尔' });
    await row.waitFor();
    expect(await row.getByTestId('volunteer-phone').innerText()).toBe('138****1234');
    expect(await row.getByTestId('volunteer-id').innerText()).toBe(`${ID.slice(0, 6)}********${ID.slice(-4)}`);
    // An organiser (not an admin) has no unmasked view.
    expect(await row.getByTestId('volunteer-reveal').count()).toBe(0);
    await row.getByTestId('volunteer-approve').click();
    await row.locator('[data-testid="volunteer-status"]').filter({ hasText: '已通过' }).waitFor();
    await org.screenshot({ path: path.join(artifacts, 'volunteers-list.png') });
  });

  it('the organiser creates a training', async () => {
    await org.getByRole('link', { name: '活动', exact: true }).click();
    await org.waitForURL('**/activities');
    await org.getByTestId('activity-new').click();
    await org.getByTestId('activity-form-kind').locator('label').filter({ has: org.locator('input[value="training"]') }).click();
    await org.getByTestId('activity-form-title').fill(TITLE);
    await org.getByTestId('activity-form-start').fill(localInput(-30));
    await org.getByTestId('activity-form-end').fill(localInput(150));
    await org.getByRole('spinbutton', { name: '志愿者名额' }).fill('20');
    await org.getByTestId('activity-save').click();
    await org.waitForURL('**/activities/*');
    const page = org.getByTestId('activity-page');
    await page.waitFor();
    activityId = (await page.getAttribute('data-id'))!;
    expect(await org.getByTestId('stat-confirmed').innerText()).toBe('0/20');
    expect(await org.getByTestId('activity-status').innerText()).toBe('报名中');
  });

  it('the volunteer signs up on the phone and gets a QR code', async () => {
    await vol.getByTestId('goto-my-activities').click();
    await vol.waitForURL('**/me/activities');
    const card = vol.getByTestId('open-activity').filter({ hasText: TITLE });
    await card.getByTestId('signup').click();
    const mine = vol.locator('[data-testid="my-signup"][data-status="confirmed"]').filter({ hasText: TITLE });
    await mine.waitFor();
    const qr = mine.getByTestId('my-qr');
    await qr.waitFor();
    expect(await qr.getAttribute('data-payload')).toMatch(/^GRL1\./);
    const img = qr.locator('img');
    await expect.poll(() => img.evaluate((x) => (x as HTMLImageElement).naturalWidth), { timeout: 20_000 }).toBeGreaterThan(50);
    await vol.screenshot({ path: path.join(artifacts, 'volunteers-qr-phone.png'), fullPage: true });
  });

  it('checks in by QR twice, counted once; a scan made offline is kept and counts nothing more when it syncs', async () => {
    const payload = (await vol.getByTestId('my-qr').getAttribute('data-payload'))!;
    // The organiser's phone at the door: its camera films the volunteer's screen.
    const camera = await qrCameraFile(vol, '[data-testid="my-qr"] img');
    cameraBrowser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${camera}`],
    });
    scanner = await cameraBrowser.newContext(PHONE);
    await scanner.grantPermissions(['camera'], { origin: server.baseUrl });
    const s = await scanner.newPage();
    await signIn(s, server.baseUrl, 'e2e-organizer', PASSWORD);
    await s.goto(`${server.baseUrl}/scanner?activity=${activityId}`);
    await s.getByTestId('scanner-page').waitFor();
    const results = s.getByTestId('scan-result');
    await s.getByTestId('scan-camera').click();
    await results.first().and(s.locator('[data-result="counted"]')).waitFor({ timeout: 30_000 });
    expect(await results.first().innerText()).toContain('巴特尔');
    await s.getByTestId('scan-camera').click();
    expect(await results.count()).toBe(1);

    // Again with a hand-held scanner (it types the code and Enter): a duplicate, counted nothing.
    const input = s.getByTestId('scan-manual').locator('input');
    await input.fill(payload);
    await input.press('Enter');
    await results.first().and(s.locator('[data-result="duplicate"]')).waitFor();
    expect(await results.count()).toBe(2);

    // The door loses the network: the scan waits on the device, then syncs — still counted once.
    await scanner.setOffline(true);
    await input.fill(payload);
    await input.press('Enter');
    await s.locator('[data-testid="scan-state"][data-pending="1"]').waitFor();
    expect(await results.first().getAttribute('data-result')).toBe('queued');
    await s.screenshot({ path: path.join(artifacts, 'volunteers-scanner-offline.png'), fullPage: true });
    await scanner.setOffline(false);
    await s.locator('[data-testid="scan-state"][data-pending="0"]').waitFor({ timeout: 30_000 });
    await results.first().and(s.locator('[data-result="duplicate"]')).waitFor();
    await s.screenshot({ path: path.join(artifacts, 'volunteers-scanner.png'), fullPage: true });

    await org.reload();
    await expect.poll(() => org.getByTestId('stat-checked-in').innerText()).toBe('1');
    expect(await org.getByTestId('signups-table').getByTestId('signup-in').first().innerText()).not.toBe('');
    const detail = await call<{ attendance: { checkedIn: number } }>(organiser, server.baseUrl, 'GET', `/api/activities/${activityId}`);
    expect(detail.attendance.checkedIn).toBe(1);
    await vol.reload();
    await vol.getByTestId('my-checked-in').waitFor();
  });

  it('the volunteer reports hours, the organiser approves them, the certificate downloads', async () => {
    await vol.goto(`${server.baseUrl}/me/hours`);
    await vol.getByTestId('hours-report').waitFor();
    await vol.getByTestId('hours-activity').click();
    await vol.locator('.ant-select-item-option').filter({ hasText: TITLE }).click();
    await vol.getByRole('spinbutton', { name: '时长（小时）' }).fill('2.5');
    await vol.getByTestId('hours-submit').click();
    await vol.locator('[data-testid="hours-pending"][data-minutes="150"]').waitFor();
    expect(await vol.getByTestId('certificate-download').isDisabled()).toBe(true);

    await org.reload();
    const hours = org.getByTestId('hours-table').getByRole('row').filter({ hasText: '巴特尔' });
    expect(await hours.getByTestId('hours-value').innerText()).toBe('2.5');
    await hours.getByTestId('hours-approve').click();
    await hours.getByTestId('hours-status').filter({ hasText: '已通过' }).waitFor();
    await org.screenshot({ path: path.join(artifacts, 'volunteers-activity.png'), fullPage: true });

    await vol.reload();
    await vol.locator('[data-testid="hours-approved"][data-minutes="150"]').waitFor();
    expect(await vol.getByTestId('hours-approved').innerText()).toBe('2.5');
    const download = vol.waitForEvent('download');
    await vol.getByTestId('certificate-download').click();
    const file = await (await download).path();
    const pdf = fs.readFileSync(file);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // Chromium prints one A4 page with the fonts embedded (the Mongolian one among them).
    expect(pdf.length).toBeGreaterThan(20_000);
    expect(pdf.toString('latin1')).toMatch(/NotoSansMongolian/);
    fs.copyFileSync(file, path.join(artifacts, 'volunteers-certificate.pdf'));
    await vol.screenshot({ path: path.join(artifacts, 'volunteers-hours-phone.png'), fullPage: true });
    // The same page in Mongolian: labels vertical, figures unchanged.
    await vol.getByRole('button', { name: 'ᠮᠣᠩᠭᠣᠯ' }).click();
    await vol.locator('.phone__bar .mongol').first().waitFor();
    expect(await vol.getByTestId('hours-approved').innerText()).toBe('2.5');
    await vol.screenshot({ path: path.join(artifacts, 'volunteers-hours-phone-mn.png'), fullPage: true });
  });
});
