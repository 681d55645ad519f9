import type { AppContext } from '../../kernel/context.js';
import type { Access } from '../../kernel/scope/access.js';
import { AppError, notFound } from '../../kernel/http/errors.js';
import type { Lang } from '../content/tables.js';
import { engineSettings, libreTranslate, openAiChat } from '../translation/engines.js';
import * as store from './store.js';
import { open } from './service.js';

/**
 * "Translate" on a chat message, through the translation module's machine engines (LibreTranslate or
 * an OpenAI-compatible API, configured by environment and read per request, as its
 * GET /api/translation/engines reports them). Only an external engine counts: the built-in memory
 * engine translates whole sentences it has seen before, which chat messages rarely are.
 */
export function translationAvailable(): boolean {
  const s = engineSettings();
  return !!(s.libretranslate || s.openai);
}

/** A message's language for the engines: its detected language, Mongolian when it mixes both. */
function sourceOf(lang: string, target: Lang): Lang {
  if (lang === 'mn') return 'mn-Mong';
  if (lang === 'zh') return 'zh-Hans';
  if (lang === 'mixed') return target === 'mn-Mong' ? 'zh-Hans' : 'mn-Mong';
  return target === 'en' ? 'zh-Hans' : 'en';
}

export interface TranslationDto {
  id: number;
  engine: 'libretranslate' | 'openai';
  sourceLang: Lang;
  targetLang: Lang;
  text: string;
}

/**
 * Translates a message the caller may read. The target defaults to the other of Mongolian and
 * Chinese; asking for the message's own language gives the other one too.
 */
export async function translateMessage(ctx: AppContext, access: Access, conversationId: string, seq: number, target: Lang | undefined): Promise<TranslationDto> {
  await open(ctx, access, conversationId);
  const msg = await store.findMessage(ctx.db.kysely, conversationId, seq);
  if (!msg) throw notFound();
  if (msg.status !== 'visible' || !msg.body) throw new AppError(409, 'chat.deleted');
  const s = engineSettings();
  const engine = libreTranslate(s) ?? openAiChat(s);
  if (!engine) throw new AppError(400, 'translation.engine_not_configured', { engine: 'libretranslate / openai' });
  let to: Lang = target ?? (msg.lang === 'mn' || msg.lang === 'mixed' ? 'zh-Hans' : 'mn-Mong');
  const from = sourceOf(msg.lang, to);
  if (from === to) to = from === 'mn-Mong' ? 'zh-Hans' : 'mn-Mong';
  const text = await engine.translate(msg.body, from, to);
  return { id: Number(msg.seq), engine: engine.id as TranslationDto['engine'], sourceLang: from, targetLang: to, text };
}
