import { AppError } from '../../kernel/http/errors.js';
import type { Lang } from '../content/tables.js';
import { mtFrom, type MtSettings } from '../../config.js';

/** A machine translation service: one text in, one text out. */
export interface TranslationEngine {
  id: EngineId;
  translate(text: string, from: Lang, to: Lang): Promise<string>;
}

export const ENGINE_IDS = ['memory', 'libretranslate', 'openai'] as const;
export type EngineId = (typeof ENGINE_IDS)[number];

/** Read from the environment with the rest of the configuration (config.ts: mtFrom). */
export type EngineSettings = MtSettings;

/** The engines' settings from environment variables (the same parser the server's config uses). */
export const engineSettings = (env: NodeJS.ProcessEnv = process.env): EngineSettings => mtFrom(env);

class Retryable extends Error {
  constructor(readonly status: number | null) {
    super(status === null ? 'unreachable' : `status ${status}`);
  }
}

/**
 * POSTs JSON with a timeout per attempt, retrying network failures, timeouts, 429 and 5xx with a short
 * back-off. Anything still failing becomes a 502 whose message (zh/en) names the engine.
 */
async function postJson(engine: EngineId, s: EngineSettings, url: string, body: unknown, headers: Record<string, string> = {}): Promise<unknown> {
  let last: Retryable = new Retryable(null);
  for (let attempt = 0; attempt <= s.retries; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(2000, 100 * 2 ** attempt)));
    let res: Response;
    try {
      res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), signal: AbortSignal.timeout(s.timeoutMs) });
    } catch {
      last = new Retryable(null);
      continue;
    }
    if (res.status === 429 || res.status >= 500) {
      last = new Retryable(res.status);
      await res.body?.cancel();
      continue;
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new AppError(502, 'translation.engine_failed', { engine, status: res.status });
    }
    try {
      return await res.json();
    } catch {
      throw new AppError(502, 'translation.engine_failed', { engine, status: res.status });
    }
  }
  if (last.status === null) throw new AppError(502, 'translation.engine_unreachable', { engine });
  throw new AppError(502, 'translation.engine_failed', { engine, status: last.status });
}

/** LibreTranslate speaks ISO 639-1 (zh, mn, en); it has no script subtags. */
const LT_LANG: Record<Lang, string> = { 'zh-Hans': 'zh', 'mn-Mong': 'mn', 'mn-Cyrl': 'mn', en: 'en' };

export function libreTranslate(s: EngineSettings): TranslationEngine | null {
  const c = s.libretranslate;
  if (!c) return null;
  return {
    id: 'libretranslate',
    async translate(text, from, to) {
      const out = (await postJson('libretranslate', s, `${c.url}/translate`, { q: text, source: LT_LANG[from], target: LT_LANG[to], format: 'text', ...(c.key ? { api_key: c.key } : {}) })) as { translatedText?: unknown };
      if (typeof out?.translatedText !== 'string') throw new AppError(502, 'translation.engine_failed', { engine: 'libretranslate', status: 200 });
      return out.translatedText;
    },
  };
}

const LANG_NAME: Record<Lang, string> = {
  'zh-Hans': 'Simplified Chinese',
  'mn-Mong': 'Mongolian in the traditional Mongolian script (Unicode U+1800–U+18AF)',
  'mn-Cyrl': 'Mongolian in Cyrillic script',
  en: 'English',
};

export function openAiChat(s: EngineSettings): TranslationEngine | null {
  const c = s.openai;
  if (!c) return null;
  return {
    id: 'openai',
    async translate(text, from, to) {
      const out = (await postJson(
        'openai',
        s,
        `${c.url}/chat/completions`,
        {
          model: c.model,
          temperature: 0,
          messages: [
            { role: 'system', content: `Translate the user's text from ${LANG_NAME[from]} to ${LANG_NAME[to]}. Answer with the translation only.` },
            { role: 'user', content: text },
          ],
        },
        c.key ? { authorization: `Bearer ${c.key}` } : {},
      )) as { choices?: { message?: { content?: unknown } }[] };
      const content = out?.choices?.[0]?.message?.content;
      if (typeof content !== 'string') throw new AppError(502, 'translation.engine_failed', { engine: 'openai', status: 200 });
      return content.trim();
    },
  };
}
