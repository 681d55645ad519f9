/**
 * Who is opening a link, from the request alone: crawlers and link-preview fetchers are never
 * counted; the channel says where the link was opened.
 */

// Search engines, link previewers, HTTP libraries and headless browsers. Chinese crawlers included.
const BOT =
  /bot[/-]|\bbot\b|crawl|spider|slurp|preview|fetch|scan|monitor|curl\/|wget\/|python|java\/|okhttp|go-http-client|libwww|httpclient|axios|node-fetch|undici|headless|phantomjs|puppeteer|playwright|lighthouse|facebookexternalhit|whatsapp|telegram|bytespider|petalbot|applebot|bingpreview/i;

/** True for known bots, crawlers, preview fetchers and requests with no user agent at all. */
export function isBot(userAgent: string | undefined): boolean {
  const ua = (userAgent ?? '').trim();
  return ua.length < 8 || BOT.test(ua);
}

export const CHANNELS = ['wechat', 'qq', 'weibo', 'dingtalk', 'poster', 'sms', 'web'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * The channel of an open: an explicit `from` we know (our poster QR codes say `poster`), then the
 * `from` values WeChat adds to shared links (singlemessage, groupmessage, timeline), then the app the
 * page is opened in (by user agent), else `web`.
 */
export function channelOf(from: string | undefined, userAgent: string | undefined): Channel {
  const f = (from ?? '').toLowerCase();
  if ((CHANNELS as readonly string[]).includes(f)) return f as Channel;
  if (f === 'singlemessage' || f === 'groupmessage' || f === 'timeline') return 'wechat';
  const ua = userAgent ?? '';
  if (/MicroMessenger/i.test(ua)) return 'wechat';
  if (/\bQQ\/|MQQBrowser.*QQ|QQTheme/i.test(ua)) return 'qq';
  if (/Weibo/i.test(ua)) return 'weibo';
  if (/DingTalk/i.test(ua)) return 'dingtalk';
  return 'web';
}
