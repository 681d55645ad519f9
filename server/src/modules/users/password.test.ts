import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, orgIdByCode, TEST_PASSWORD, type TestApp } from '../../test/harness.js';
import { hashPassword } from '../../kernel/auth/password.js';
import { newId } from '../../kernel/db/ids.js';
import { nowIso } from '../../kernel/db/time.js';
import { MAX_FAILED_LOGINS } from './service.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const change = (cookie: string | undefined, body: unknown, headers?: Record<string, string>) =>
  t.request({ method: 'POST', url: '/api/auth/password', cookie, body, headers });
const loginStatus = async (username: string, password: string) =>
  (await t.request({ method: 'POST', url: '/api/auth/login', body: { username, password } })).statusCode;
const hashOf = async (username: string) =>
  (await t.db.kysely.selectFrom('users').select('password_hash').where('username', '=', username).executeTakeFirstOrThrow()).password_hash;

describe('changing one\'s own password (ASVS 2.1.5/2.1.6)', () => {
  it('needs a login', async () => {
    const res = await change(undefined, { currentPassword: TEST_PASSWORD, newPassword: 'a-brand-new-secret-7' });
    expect(res.statusCode).toBe(401);
  });

  it('replaces the password, keeps this session, ends the other ones and writes an audit entry', async () => {
    const here = await t.login('hohhot-editor');
    const elsewhere = await t.login('hohhot-editor');
    const before = await hashOf('hohhot-editor');
    const res = await change(here, { currentPassword: TEST_PASSWORD, newPassword: 'steppe-wind-at-dawn-42' });
    expect(res.statusCode).toBe(204);

    expect((await t.request({ method: 'GET', url: '/api/auth/me', cookie: here })).statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url: '/api/auth/me', cookie: elsewhere })).statusCode).toBe(401);
    expect(await loginStatus('hohhot-editor', TEST_PASSWORD)).toBe(401);
    expect(await loginStatus('hohhot-editor', 'steppe-wind-at-dawn-42')).toBe(200);
    const after = await hashOf('hohhot-editor');
    expect(after).not.toBe(before);
    expect(after).toMatch(/^\$argon2id\$/);

    const user = await t.db.kysely.selectFrom('users').select('id').where('username', '=', 'hohhot-editor').executeTakeFirstOrThrow();
    const entries = await t.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'user.password_change').execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor_id: user.id, entity_id: user.id });
    expect(JSON.parse(entries[0]!.after_json!)).toEqual({ otherSessionsEnded: 1 });
    // The audit entry never holds the password.
    expect(JSON.stringify(entries[0])).not.toContain('steppe-wind');
  });

  it('refuses a short, overlong, common or unchanged new password and a wrong current one, in Chinese or English, changing nothing', async () => {
    const cookie = await t.login('hohhot-reviewer');
    const other = await t.login('hohhot-reviewer');
    const before = await hashOf('hohhot-reviewer');
    const cases: [unknown, string, string][] = [
      [{ currentPassword: TEST_PASSWORD, newPassword: 'eleven-char' }, 'user.password_weak', '密码长度至少为 12 个字符。'],
      [{ currentPassword: TEST_PASSWORD, newPassword: 'x1-'.repeat(43) }, 'user.password_long', '密码长度不能超过 128 个字符。'],
      [{ currentPassword: TEST_PASSWORD, newPassword: 'Password2024!' }, 'user.password_common', '该密码太容易被猜到（常见密码或不同字符太少），请换一个。'],
      [{ currentPassword: TEST_PASSWORD, newPassword: 'abababababababab' }, 'user.password_common', '该密码太容易被猜到（常见密码或不同字符太少），请换一个。'],
      [{ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD }, 'user.password_same', '新密码不能与当前密码相同。'],
      [{ currentPassword: 'not-my-password', newPassword: 'steppe-wind-at-dawn-42' }, 'user.password_current_wrong', '当前密码错误。'],
    ];
    for (const [body, code, zh] of cases) {
      const res = await change(cookie, body, { 'accept-language': 'zh-CN' });
      expect(res.statusCode, code).toBe(400);
      expect(res.json().error).toMatchObject({ code, message: zh });
    }
    const en = await change(cookie, { currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(en.json().error.message).toBe('The password must be at least 12 characters long.');
    expect(await hashOf('hohhot-reviewer')).toBe(before);
    expect((await t.request({ method: 'GET', url: '/api/auth/me', cookie: other })).statusCode).toBe(200);
    expect(await loginStatus('hohhot-reviewer', TEST_PASSWORD)).toBe(200);
  });

  it('accepts 128 characters and passwords in any script, counted in characters; login takes them whole', async () => {
    const cookie = await t.login('region-translator');
    const long = 'the-horse-herd-crosses-the-river-'.repeat(4).slice(0, 128);
    expect(long).toHaveLength(128);
    expect((await change(cookie, { currentPassword: TEST_PASSWORD, newPassword: long })).statusCode).toBe(204);
    expect(await loginStatus('region-translator', long)).toBe(200);
    // No truncation: the first 127 characters are not the password.
    expect(await loginStatus('region-translator', long.slice(0, 127))).toBe(401);
    // Twelve Mongolian letters are 12 characters (36 bytes in UTF-8): long enough.
    const mongolian = 'ᠮᠣᠩᠭᠣᠯ ᠬᠡᠯᠡᠨ';
    expect([...mongolian]).toHaveLength(12);
    expect((await change(cookie, { currentPassword: long, newPassword: mongolian })).statusCode).toBe(204);
    expect(await loginStatus('region-translator', mongolian)).toBe(200);
  });

  it(`counts a wrong current password as a failed login: ${MAX_FAILED_LOGINS} in a row lock the account`, async () => {
    const cookie = await t.login('tumed-officer');
    const wrong = { currentPassword: 'guess-guess-guess', newPassword: 'steppe-wind-at-dawn-42' };
    for (let i = 0; i < MAX_FAILED_LOGINS - 1; i++) expect((await change(cookie, wrong)).statusCode).toBe(400);
    expect((await change(cookie, wrong)).statusCode).toBe(423);
    // Locked: even the right current password is refused now, at login and here.
    const right = await change(cookie, { currentPassword: TEST_PASSWORD, newPassword: 'steppe-wind-at-dawn-42' });
    expect(right.statusCode).toBe(423);
    expect(right.json().error.code).toBe('auth.locked');
    expect(await loginStatus('tumed-officer', TEST_PASSWORD)).toBe(423);
    expect(await loginStatus('tumed-officer', 'steppe-wind-at-dawn-42')).toBe(423);
  });

  it('is rate-limited per account like login', async () => {
    const limited = await createTestApp({ config: { loginRateLimit: 2 } });
    try {
      const login = await limited.request({ method: 'POST', url: '/api/auth/login', body: { username: 'xincheng-admin', password: TEST_PASSWORD } });
      const cookie = `gerel_session=${login.cookies.find((c) => c.name === 'gerel_session')!.value}`;
      const codes: number[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await limited.request({ method: 'POST', url: '/api/auth/password', cookie, body: { currentPassword: `guess-${i}`, newPassword: 'steppe-wind-at-dawn-42' } });
        codes.push(res.statusCode);
      }
      expect(codes).toEqual([400, 400, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('the password rules for new accounts (ASVS 2.1.1)', () => {
  it('asks an admin for at least 12 characters and no common password', async () => {
    const admin = await t.login('admin');
    const orgId = await orgIdByCode(t, '150000');
    const eleven = await t.request({ method: 'POST', url: '/api/users', cookie: admin, body: { username: 'eleven', password: 'abcdefghijk', orgId } });
    expect(eleven.statusCode).toBe(400);
    expect(eleven.json().error.code).toBe('user.password_weak');
    const common = await t.request({ method: 'POST', url: '/api/users', cookie: admin, body: { username: 'common', password: 'qwerty123456789', orgId } });
    expect(common.json().error.code).toBe('user.password_common');
    expect(await t.db.kysely.selectFrom('users').select('id').where('username', 'in', ['eleven', 'common']).execute()).toEqual([]);
    const twelve = await t.request({ method: 'POST', url: '/api/users', cookie: admin, body: { username: 'twelve', password: 'abcdefghijkl', orgId } });
    expect(twelve.statusCode).toBe(201);
    expect(await loginStatus('twelve', 'abcdefghijkl')).toBe(200);
  });

  it('still lets in an account whose password was set under the old 8-character rule', async () => {
    const orgId = await orgIdByCode(t, '150000');
    const now = nowIso();
    await t.db.kysely
      .insertInto('users')
      .values({ id: newId(), username: 'old-timer', display_name: 'old-timer', password_hash: await hashPassword('eight-ch'), org_id: orgId, status: 'active', failed_logins: 0, locked_until: null, created_at: now, updated_at: now })
      .execute();
    expect(await loginStatus('old-timer', 'eight-ch')).toBe(200);
  });
});
