import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../src/app.js';
import { launchBrowser } from '../src/browser.js';
import { startServer, type RunningServer } from '../src/server.js';

// The workflow's other paths in the browser: a save on a stale revision, sending back with a
// note, withdrawing and reopening.

const artifacts = path.resolve(import.meta.dirname, '../artifacts');

let server: RunningServer;
let browser: Browser;
let editorContext: BrowserContext;
let reviewerContext: BrowserContext;
let editor: Page;
let reviewer: Page;
let hohhotId: string;

async function createResource(context: BrowserContext, title: string): Promise<string> {
  const response = await context.request.post(`${server.baseUrl}/api/resources`, {
    headers: { Origin: server.baseUrl },
    data: { orgId: hohhotId, kind: 'article', versions: [{ lang: 'zh-Hans', title, body: '<p>正文</p>' }] },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

const statusOf = (page: Page) => page.getByTestId('version-zh-Hans').getByTestId('version-status');
const waitStatus = (page: Page, status: string) =>
  page.getByTestId('version-zh-Hans').locator(`[data-testid="version-status"][data-status="${status}"]`).waitFor();

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
  editorContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  reviewerContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  editor = await editorContext.newPage();
  reviewer = await reviewerContext.newPage();
  await signIn(editor, server.baseUrl, 'hohhot-editor', server.adminPassword);
  await signIn(reviewer, server.baseUrl, 'hohhot-reviewer', server.adminPassword);
  const orgs = (await (await editorContext.request.get(`${server.baseUrl}/api/orgs`)).json()) as { id: string; code: string }[];
  hohhotId = orgs.find((o) => o.code === '150100')!.id;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('workflow paths', () => {
  it('refuses a save on a stale revision, says so, and reloads what the server holds', async () => {
    const id = await createResource(editorContext, '并发编辑');
    const first = editor;
    const second = await editorContext.newPage();
    for (const p of [first, second]) await p.goto(`${server.baseUrl}/content/${id}`);

    const type = async (p: Page, text: string) => {
      const body = p.getByTestId('version-zh-Hans').getByTestId('version-body');
      await body.click();
      await p.keyboard.press('Control+End');
      await p.keyboard.type(text);
    };
    await type(first, '甲');
    await first.getByTestId('save-version').click();
    await first.locator('[data-testid="version-revision"][data-revision="2"]').waitFor();

    await type(second, '乙');
    await second.getByTestId('save-version').click();
    const alert = second.getByTestId('version-zh-Hans').getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('此版本已被他人保存');
    await second.screenshot({ path: path.join(artifacts, 'workflow-stale.png') });

    await second.getByTestId('reload-version').click();
    await alert.waitFor({ state: 'detached' });
    const body = second.getByTestId('version-zh-Hans').getByTestId('version-body');
    expect(await body.innerText()).toBe('正文甲');
    expect(await second.getByTestId('version-revision').getAttribute('data-revision')).toBe('2');
    // Saving now builds on revision 2.
    await type(second, '乙');
    await second.getByTestId('save-version').click();
    await second.locator('[data-testid="version-revision"][data-revision="3"]').waitFor();
    await second.close();
  });

  it('lets the reviewer send a version back with a note, and withdraw a published one, which the editor reopens', async () => {
    const id = await createResource(editorContext, '退回与撤回');
    await editor.goto(`${server.baseUrl}/content/${id}`);
    await editor.getByTestId('wf-submit').click();
    await waitStatus(editor, 'in_review');

    await reviewer.goto(`${server.baseUrl}/content/${id}`);
    await reviewer.getByPlaceholder('说明（可选）').fill('请补充蒙古文版本');
    await reviewer.getByTestId('wf-send-back').click();
    await waitStatus(reviewer, 'draft');
    // The editor cannot review (no buttons for it) and the reviewer cannot edit.
    expect(await reviewer.getByTestId('save-version').count()).toBe(0);

    await editor.reload();
    await waitStatus(editor, 'draft');
    expect(await editor.getByTestId('wf-approve').count()).toBe(0);
    await editor.getByTestId('wf-submit').click();
    await waitStatus(editor, 'in_review');

    await reviewer.reload();
    await reviewer.getByTestId('wf-approve').click();
    await waitStatus(reviewer, 'approved');
    await reviewer.getByTestId('wf-publish').click();
    await waitStatus(reviewer, 'published');
    await reviewer.getByTestId('wf-withdraw').click();
    await waitStatus(reviewer, 'withdrawn');

    await editor.reload();
    await waitStatus(editor, 'withdrawn');
    await editor.getByTestId('wf-reopen').click();
    await waitStatus(editor, 'draft');
    expect(await statusOf(editor).getAttribute('data-status')).toBe('draft');
  });
});
