import type { APIRequestContext, BrowserContext } from 'playwright-core';
import { expect } from 'vitest';

/** Days are local days in Inner Mongolia (UTC+8): today's date there. */
export const todayUtc8 = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);

type Requester = APIRequestContext | BrowserContext;
const req = (r: Requester): APIRequestContext => ('request' in r ? r.request : r);

/** Signs a browser context (or request context) in through the API: its cookie jar gets the session. */
export async function apiLogin(r: Requester, baseUrl: string, username: string, password: string): Promise<void> {
  const response = await req(r).post(`${baseUrl}/api/auth/login`, {
    headers: { Origin: baseUrl },
    data: { username, password },
  });
  expect(response.status(), await response.text()).toBe(200);
}

/** A JSON call with the Origin header the server wants on writes; fails the test on an unexpected status. */
export async function call<T>(
  r: Requester,
  baseUrl: string,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  data?: unknown,
  expected = method === 'POST' ? [200, 201] : [200],
): Promise<T> {
  const response = await req(r).fetch(`${baseUrl}${path}`, {
    method,
    headers: { Origin: baseUrl, 'Accept-Language': 'zh-Hans' },
    ...(data === undefined ? {} : { data }),
  });
  const text = await response.text();
  expect(expected, `${method} ${path}: ${response.status()} ${text}`).toContain(response.status());
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function orgIdByCode(r: Requester, baseUrl: string, code: string): Promise<string> {
  const orgs = await call<{ id: string; code: string }[]>(r, baseUrl, 'GET', '/api/orgs');
  const org = orgs.find((o) => o.code === code);
  if (!org) throw new Error(`no org ${code}`);
  return org.id;
}

/**
 * A resource of 呼和浩特市 with a Chinese and a Mongolian version, written by the Hohhot editor and
 * published by the Hohhot reviewer (each in their own request context). Returns its id.
 */
export async function publishBilingual(
  editor: Requester,
  reviewer: Requester,
  baseUrl: string,
  { zh, mn }: { zh: { title: string; body: string; summary?: string }; mn: { title: string; body: string; summary?: string } },
): Promise<string> {
  const orgId = await orgIdByCode(editor, baseUrl, '150100');
  const { id } = await call<{ id: string }>(editor, baseUrl, 'POST', '/api/resources', {
    orgId,
    kind: 'article',
    versions: [
      { lang: 'zh-Hans', ...zh },
      { lang: 'mn-Mong', ...mn },
    ],
  });
  for (const lang of ['zh-Hans', 'mn-Mong']) {
    const path = `/api/resources/${id}/versions/${lang}/transition`;
    await call(editor, baseUrl, 'POST', path, { to: 'in_review' });
    await call(reviewer, baseUrl, 'POST', path, { to: 'approved' });
    await call(reviewer, baseUrl, 'POST', path, { to: 'published' });
  }
  return id;
}
