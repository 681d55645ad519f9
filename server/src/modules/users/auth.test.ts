import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, orgIdByCode, TEST_PASSWORD, type TestApp } from '../../test/harness.js';
import { MAX_FAILED_LOGINS } from './service.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('login and sessions', () => {
  it('logs in with username and password, sets an httpOnly SameSite=Lax cookie, and stores only a hash of it', async () => {
    const res = await t.request({ method: 'POST', url: '/api/auth/login', body: { username: 'admin', password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ username: 'admin', permissions: { manageUsers: true } });
    const cookie = res.cookies.find((c) => c.name === 'gerel_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.expires).toBeInstanceOf(Date);
    const stored = await t.db.kysely.selectFrom('sessions').select('token_hash').execute();
    expect(stored.some((s) => s.token_hash === cookie.value)).toBe(false);
    const me = await t.request({ method: 'GET', url: '/api/auth/me', cookie: `gerel_session=${cookie.value}` });
    expect(me.json()).toMatchObject({ username: 'admin' });
  });

  it('stores passwords as argon2id', async () => {
    const row = await t.db.kysely.selectFrom('users').select('password_hash').where('username', '=', 'admin').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('answers a wrong password and an unknown user alike, in Chinese or English', async () => {
    const wrong = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-language': 'zh-CN,zh;q=0.9' },
      body: { username: 'hohhot-editor', password: 'nope-nope' },
    });
    const unknown = await t.request({ method: 'POST', url: '/api/auth/login', body: { username: 'nobody', password: 'nope-nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error).toMatchObject({ code: 'auth.invalid', message: '用户名或密码错误。' });
    expect(unknown.json().error).toMatchObject({ code: 'auth.invalid', message: 'Wrong username or password.' });
    expect(wrong.cookies.some((c) => c.name === 'gerel_session')).toBe(false);
  });

  it(`locks an account after ${MAX_FAILED_LOGINS} failures in a row, even for the right password`, async () => {
    for (let i = 0; i < MAX_FAILED_LOGINS - 1; i++) {
      expect((await t.request({ method: 'POST', url: '/api/auth/login', body: { username: 'chifeng-admin', password: 'wrong-pass' } })).statusCode).toBe(401);
    }
    const last = await t.request({ method: 'POST', url: '/api/auth/login', body: { username: 'chifeng-admin', password: 'wrong-pass' } });
    expect(last.statusCode).toBe(423);
    const right = await t.request({ method: 'POST', url: '/api/auth/login', body: { username: 'chifeng-admin', password: TEST_PASSWORD } });
    expect(right.statusCode).toBe(423);
    expect(right.json().error.code).toBe('auth.locked');
    const actions = await t.db.kysely.selectFrom('audit_log').select('action').where('action', '=', 'auth.lock').execute();
    expect(actions).toHaveLength(1);
  });

  it('ends the session on logout', async () => {
    const cookie = await t.login('hohhot-editor');
    expect((await t.request({ method: 'GET', url: '/api/auth/me', cookie })).statusCode).toBe(200);
    const out = await t.request({ method: 'POST', url: '/api/auth/logout', cookie });
    expect(out.statusCode).toBe(204);
    expect((await t.request({ method: 'GET', url: '/api/auth/me', cookie })).statusCode).toBe(401);
  });

  it('refuses an expired session', async () => {
    const cookie = await t.login('hohhot-reviewer');
    await t.db.kysely.updateTable('sessions').set({ expires_at: '2000-01-01T00:00:00.000Z' }).execute();
    expect((await t.request({ method: 'GET', url: '/api/auth/me', cookie })).statusCode).toBe(401);
  });

  it('rate-limits login attempts per address and username', async () => {
    const limited = await (await import('../../test/harness.js')).createTestApp({ config: { loginRateLimit: 3 } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) {
        codes.push((await limited.request({ method: 'POST', url: '/api/auth/login', body: { username: 'nobody', password: 'x-x-x-x-x' } })).statusCode);
      }
      expect(codes).toEqual([401, 401, 401, 429]);
      // Another username from the same address is not blocked by it.
      expect((await limited.request({ method: 'POST', url: '/api/auth/login', body: { username: 'admin', password: TEST_PASSWORD } })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
  it('believes X-Forwarded-For only from the configured proxy, so a direct client cannot dodge the limit', async () => {
    const limited = await (await import('../../test/harness.js')).createTestApp({ config: { loginRateLimit: 2, trustProxy: ['127.0.0.1'] } });
    try {
      const attempt = (remoteAddress: string, forwarded: string) =>
        limited.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, headers: { 'x-forwarded-for': forwarded }, payload: { username: 'nobody', password: 'x-x-x-x-x' } });
      // A client on another host forging a new address each time is still one address.
      const direct = [];
      for (let i = 0; i < 3; i++) direct.push((await attempt('10.0.0.5', `203.0.113.${i}`)).statusCode);
      expect(direct).toEqual([401, 401, 429]);
      // Through the proxy (loopback), each forwarded client is counted on its own.
      expect((await attempt('127.0.0.1', '198.51.100.7')).statusCode).toBe(401);
      expect((await attempt('127.0.0.1', '198.51.100.8')).statusCode).toBe(401);
    } finally {
      await limited.close();
    }
  });
});

describe('CSRF protection for cookie-authenticated writes', () => {
  it('refuses a cross-site write and accepts a same-origin one', async () => {
    const cookie = await t.login('admin');
    const parentId = await orgIdByCode(t, '150000');
    const body = { code: 'S900', kind: 'society', parentId, name: { zh: '跨站测试学会' } };
    const cross = await t.request({ method: 'POST', url: '/api/orgs', cookie, body, headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
    expect(cross.statusCode).toBe(403);
    expect(cross.json().error.code).toBe('csrf.rejected');
    const noFetchMeta = await t.request({ method: 'POST', url: '/api/orgs', cookie, body, headers: { origin: 'https://evil.example' } });
    expect(noFetchMeta.statusCode).toBe(403);
    expect(await t.db.kysely.selectFrom('orgs').select('id').where('code', '=', 'S900').execute()).toEqual([]);
    const same = await t.request({ method: 'POST', url: '/api/orgs', cookie, body, headers: { origin: 'http://localhost:80', host: 'localhost:80', 'sec-fetch-site': 'same-origin' } });
    expect(same.statusCode).toBe(201);
  });
});

describe('accounts and roles', () => {
  it('lets the admin create a user and grant a role; the role holds for the whole subtree', async () => {
    const admin = await t.login('admin');
    const league = await orgIdByCode(t, '150400');
    const created = await t.request({ method: 'POST', url: '/api/users', cookie: admin, body: { username: 'chifeng-editor', password: 'long-enough-1', displayName: '赤峰编辑', orgId: league } });
    expect(created.statusCode).toBe(201);
    const user = created.json();
    expect(user).toMatchObject({ username: 'chifeng-editor', orgId: league, roles: [] });
    const grant = await t.request({ method: 'POST', url: `/api/users/${user.id}/roles`, cookie: admin, body: { orgId: league, role: 'editor' } });
    expect(grant.statusCode).toBe(201);
    expect(grant.json()).toEqual({ userId: user.id, orgId: league, role: 'editor' });
    const again = await t.request({ method: 'POST', url: `/api/users/${user.id}/roles`, cookie: admin, body: { orgId: league, role: 'editor' } });
    expect(again.statusCode).toBe(409);

    const cookie = await t.login('chifeng-editor', 'long-enough-1');
    const orgs = (await t.request({ method: 'GET', url: '/api/orgs', cookie })).json<{ code: string; kind: string }[]>();
    expect(orgs.filter((o) => o.kind === 'banner').length).toBeGreaterThan(5);
    expect(orgs.every((o) => o.code.startsWith('1504') || o.code.startsWith('R1504'))).toBe(true);
    const me = (await t.request({ method: 'GET', url: '/api/auth/me', cookie })).json();
    expect(me.roles).toEqual([{ orgId: league, role: 'editor' }]);
    expect(me.permissions.manageUsers).toBe(false);
  });

  it('rejects a weak password and a taken username, clearly and without writing', async () => {
    const admin = await t.login('admin');
    const weak = await t.request({ method: 'POST', url: '/api/users', cookie: admin, body: { username: 'weakling', password: 'short' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('user.password_weak');
    const taken = await t.request({ method: 'POST', url: '/api/users', cookie: admin, body: { username: 'admin', password: 'long-enough-1' } });
    expect(taken.statusCode).toBe(409);
    expect(await t.db.kysely.selectFrom('users').select('id').where('username', '=', 'weakling').execute()).toEqual([]);
  });

  it('lists only the users a banner admin administers', async () => {
    const cookie = await t.login('tumed-admin');
    const users = (await t.request({ method: 'GET', url: '/api/users', cookie })).json<{ username: string }[]>();
    expect(users.map((u) => u.username).sort()).toEqual(['tumed-admin', 'tumed-officer']);
  });
});
