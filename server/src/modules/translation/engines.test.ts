import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { ConfigError, loadConfig } from '../../config.js';
import { engineSettings, libreTranslate, openAiChat } from './engines.js';

/**
 * The HTTP engine adapters against a real HTTP server started here, speaking the LibreTranslate and
 * the OpenAI chat-completions JSON shapes; and the app's translate route configured to use it.
 */
let mt: FastifyInstance;
let base: string;
/** What the fake service should do next: answer, fail with a status a number of times, or hang. */
let plan: { failures: number; status: number; hangMs: number };
const seen: { path: string; body: Record<string, unknown>; auth: string | undefined }[] = [];

beforeAll(async () => {
  mt = Fastify();
  mt.post('/translate', async (req, reply) => {
    const body = req.body as Record<string, unknown>;
    seen.push({ path: '/translate', body, auth: undefined });
    if (plan.hangMs) await new Promise((r) => setTimeout(r, plan.hangMs));
    if (plan.failures > 0) {
      plan.failures--;
      return reply.code(plan.status).send({ error: 'busy' });
    }
    if (body.api_key !== undefined && body.api_key !== 'lt-key') return reply.code(403).send({ error: 'Invalid API key' });
    return { translatedText: `[${String(body.source)}→${String(body.target)}] ${String(body.q)}` };
  });
  mt.post('/v1/chat/completions', async (req, reply) => {
    const body = req.body as { messages: { role: string; content: string }[]; model: string };
    seen.push({ path: '/v1/chat/completions', body: body as unknown as Record<string, unknown>, auth: req.headers.authorization });
    if (req.headers.authorization !== 'Bearer sk-test') return reply.code(401).send({ error: { message: 'bad key' } });
    const user = body.messages.find((m) => m.role === 'user')!.content;
    return { id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: ` ${body.model}: ${user} ` }, finish_reason: 'stop' }] };
  });
  await mt.listen({ port: 0, host: '127.0.0.1' });
  const addr = mt.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});
afterAll(() => mt.close());
afterEach(() => {
  plan = { failures: 0, status: 503, hangMs: 0 };
  seen.length = 0;
});
plan = { failures: 0, status: 503, hangMs: 0 };

/** A port nothing listens on: the fake server's, after it was opened and closed again. */
async function closedPort(): Promise<string> {
  const f = Fastify();
  await f.listen({ port: 0, host: '127.0.0.1' });
  const a = f.server.address();
  await f.close();
  return `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
}

describe('LibreTranslate adapter', () => {
  it('sends the LibreTranslate request shape with the key and returns translatedText', async () => {
    const e = libreTranslate(engineSettings({ GEREL_LIBRETRANSLATE_URL: `${base}/`, GEREL_LIBRETRANSLATE_KEY: 'lt-key' }))!;
    expect(await e.translate('科学', 'zh-Hans', 'mn-Mong')).toBe('[zh→mn] 科学');
    expect(seen[0]!.body).toEqual({ q: '科学', source: 'zh', target: 'mn', format: 'text', api_key: 'lt-key' });
  });

  it('retries a busy service and succeeds when it recovers', async () => {
    plan = { failures: 2, status: 503, hangMs: 0 };
    const e = libreTranslate(engineSettings({ GEREL_LIBRETRANSLATE_URL: base, GEREL_MT_RETRIES: '2' }))!;
    expect(await e.translate('a', 'en', 'zh-Hans')).toBe('[en→zh] a');
    expect(seen).toHaveLength(3);
  });

  it('gives up after the retries with the status in the error', async () => {
    plan = { failures: 5, status: 429, hangMs: 0 };
    const e = libreTranslate(engineSettings({ GEREL_LIBRETRANSLATE_URL: base, GEREL_MT_RETRIES: '1' }))!;
    await expect(e.translate('a', 'en', 'zh-Hans')).rejects.toMatchObject({ status: 502, code: 'translation.engine_failed', params: { engine: 'libretranslate', status: 429 } });
    expect(seen).toHaveLength(2);
  });

  it('does not retry a refused key', async () => {
    const e = libreTranslate(engineSettings({ GEREL_LIBRETRANSLATE_URL: base, GEREL_LIBRETRANSLATE_KEY: 'wrong' }))!;
    await expect(e.translate('a', 'en', 'zh-Hans')).rejects.toMatchObject({ code: 'translation.engine_failed', params: { status: 403 } });
    expect(seen).toHaveLength(1);
  });

  it('times out a hanging service and reports it as unreachable', async () => {
    plan = { failures: 0, status: 503, hangMs: 1500 };
    const e = libreTranslate(engineSettings({ GEREL_LIBRETRANSLATE_URL: base, GEREL_MT_TIMEOUT_MS: '200', GEREL_MT_RETRIES: '1' }))!;
    const started = Date.now();
    await expect(e.translate('a', 'en', 'zh-Hans')).rejects.toMatchObject({ status: 502, code: 'translation.engine_unreachable' });
    expect(Date.now() - started).toBeLessThan(1400);
  });
});

describe('OpenAI-compatible adapter', () => {
  it('sends a chat completion with the bearer key and model, and returns the trimmed answer', async () => {
    const e = openAiChat(engineSettings({ GEREL_OPENAI_URL: `${base}/v1`, GEREL_OPENAI_KEY: 'sk-test', GEREL_OPENAI_MODEL: 'qwen-mt' }))!;
    expect(await e.translate('你好', 'zh-Hans', 'mn-Mong')).toBe('qwen-mt: 你好');
    const body = seen[0]!.body as { messages: { role: string; content: string }[]; temperature: number };
    expect(body.temperature).toBe(0);
    expect(body.messages[0]!.content).toContain('traditional Mongolian script');
  });

  it('reports a refused key without retrying', async () => {
    const e = openAiChat(engineSettings({ GEREL_OPENAI_URL: `${base}/v1`, GEREL_OPENAI_KEY: 'nope' }))!;
    await expect(e.translate('x', 'en', 'zh-Hans')).rejects.toMatchObject({ code: 'translation.engine_failed', params: { engine: 'openai', status: 401 } });
    expect(seen).toHaveLength(1);
  });
});

describe('engine configuration', () => {
  it('is read with the server configuration and refuses a URL that is not http(s)', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).mt).toEqual({ libretranslate: null, openai: null, timeoutMs: 15_000, retries: 2 });
    expect(loadConfig({ NODE_ENV: 'test', GEREL_LIBRETRANSLATE_URL: 'http://mt.local:5000/', GEREL_MT_RETRIES: '0' }).mt).toMatchObject({ libretranslate: { url: 'http://mt.local:5000', key: null }, retries: 0 });
    expect(() => loadConfig({ NODE_ENV: 'test', GEREL_OPENAI_URL: 'api.example/v1' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'test', GEREL_MT_TIMEOUT_MS: 'soon' })).toThrow(/GEREL_MT_TIMEOUT_MS/);
  });
});

describe('the translate route with engines configured by environment', () => {
  let t: TestApp;
  let cookie: string;
  /** As the server reads them at start (config.ts), from these environment variables. */
  const configure = (env: NodeJS.ProcessEnv) => (t.ctx.config.mt = loadConfig({ NODE_ENV: 'test', ...env }).mt);
  beforeAll(async () => {
    t = await createTestApp();
    cookie = await t.login('region-translator');
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('shows the engines as configured and translates through them', async () => {
    configure({ GEREL_LIBRETRANSLATE_URL: base, GEREL_OPENAI_URL: `${base}/v1`, GEREL_OPENAI_KEY: 'sk-test' });
    const eng = (await t.request({ method: 'GET', url: '/api/translation/engines', cookie })).json();
    expect(eng).toMatchObject({ machine: true, engines: [{ id: 'memory', configured: true }, { id: 'libretranslate', configured: true }, { id: 'openai', configured: true }] });
    const lt = await t.request({ method: 'POST', url: '/api/translation/translate', cookie, body: { text: '科学普及', sourceLang: 'zh-Hans', targetLang: 'mn-Mong', engine: 'libretranslate' } });
    expect(lt.statusCode, lt.body).toBe(200);
    expect(lt.json()).toMatchObject({ engine: 'libretranslate', text: '[zh→mn] 科学普及', segments: [] });
    const oa = await t.request({ method: 'POST', url: '/api/translation/translate', cookie, body: { text: 'science', sourceLang: 'en', targetLang: 'zh-Hans', engine: 'openai' } });
    expect(oa.json().text).toBe('gpt-4o-mini: science');
  });

  it('answers an unreachable engine with 502 and a clear message in Chinese and English', async () => {
    configure({ GEREL_LIBRETRANSLATE_URL: await closedPort(), GEREL_MT_RETRIES: '1' });
    const res = await t.request({ method: 'POST', url: '/api/translation/translate', cookie, body: { text: '科学', sourceLang: 'zh-Hans', targetLang: 'mn-Mong', engine: 'libretranslate' }, headers: { 'accept-language': 'zh-CN' } });
    expect(res.statusCode).toBe(502);
    expect(res.json().error.messages).toEqual({
      zh: '无法连接翻译引擎 libretranslate，请稍后重试，或请管理员检查其地址。',
      en: 'The translation engine libretranslate cannot be reached. Try again later or ask the administrator to check its address.',
    });
  });
});
