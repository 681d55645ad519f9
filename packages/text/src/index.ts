/**
 * @gerel/text — bilingual (Traditional Mongolian / Chinese) text for search: language detection,
 * Chinese segmentation, simplified/traditional folding and pinyin, Mongolian shape-key tokens (via
 * @gerel/mongol), index and query tokens, and highlighted snippets.
 */
export { detectLanguage, isHan, isMongolian, type TextLanguage } from './detect.js';
export { foldChinese, segment, segmentForSearch, pinyinOf, SCIENCE_TERMS_URL } from './chinese.js';
export { indexTokens, queryTokens, analyzeQuery, MAX_QUERY_GROUPS, type TokenGroup, type QueryAnalysis } from './tokens.js';
export { isToken, MAX_TOKEN_LENGTH } from './token-codes.js';
export { highlight, findMatches, escapeHtml, type HighlightOptions } from './highlight.js';
