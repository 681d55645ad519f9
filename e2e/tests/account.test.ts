import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../src/app.js';
import { launchBrowser } from '../src/browser.js';
import { startServer, type RunningServer } from '../src/server.js';

// A user changes their own password from the account menu in the header; afterwards only the new
// one signs in, and a session they had open elsewhere has ended.

const NEW_PASSWORD = 'white-felt-tent-on-the-steppe';

let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Answers the login API's status for a username and password, without touching the browser's session. */
const loginStatus = async (username: string, password: string) =>
  (
    await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: server.baseUrl },
      body: JSON.stringify({ username, password }),
    })
  ).status;

describe('changing one’s own password in the browser', () => {
  it('refuses a short new password and a wrong current one, then changes it; only the new one signs in', async () => {
    // Another device of the same user, signed in before the change.
    const elsewhere = await browser.newContext();
    const otherLogin = await elsewhere.request.post(`${server.baseUrl}/api/auth/login`, {
      headers: { Origin: server.baseUrl },
      data: { username: 'hohhot-editor', password: server.adminPassword },
    });
    expect(otherLogin.status()).toBe(200);

    await signIn(page, server.baseUrl, 'hohhot-editor', server.adminPassword);
    await page.getByTestId('current-user').click();
    await page.getByRole('menuitem', { name: '修改密码' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();

    // Too short: the form says so before anything is sent.
    await dialog.getByLabel('当前密码').fill(server.adminPassword);
    await dialog.getByLabel('新密码', { exact: true }).fill('short-one');
    await dialog.getByLabel('再次输入新密码').fill('short-one');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.locator('.ant-form-item-explain-error').filter({ hasText: '12 至 128 个字符，不能是常见密码' }).waitFor();

    // A wrong current password: the server's own message, in Chinese.
    await dialog.getByLabel('当前密码').fill('not-my-password');
    await dialog.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await dialog.getByLabel('再次输入新密码').fill(NEW_PASSWORD);
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => dialog.getByRole('alert').innerText()).toContain('当前密码错误');

    await dialog.getByLabel('当前密码').fill(server.adminPassword);
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('密码已修改').waitFor();

    // This session goes on; the other device's has ended.
    expect((await page.context().request.get(`${server.baseUrl}/api/auth/me`)).status()).toBe(200);
    expect((await elsewhere.request.get(`${server.baseUrl}/api/auth/me`)).status()).toBe(401);
    await elsewhere.close();

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL('**/login');

    // The old password no longer signs in, through the login page or the API.
    await page.locator('#login_username').fill('hohhot-editor');
    await page.locator('#login_password').fill(server.adminPassword);
    await page.locator('form[id="login"] button[type="submit"]').click();
    await page.getByTestId('login-error').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await loginStatus('hohhot-editor', server.adminPassword)).toBe(401);

    await signIn(page, server.baseUrl, 'hohhot-editor', NEW_PASSWORD);
    await expect.poll(() => page.getByTestId('current-user').innerText()).not.toBe('');
    expect(new URL(page.url()).pathname).not.toBe('/login');
  });
});
