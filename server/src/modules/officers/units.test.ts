import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pointsByOfficer } from './points.js';
import { CODE_ALPHABET, newOfficerCode, normalizePhone } from './codes.js';
import { channelOf, isBot } from './clients.js';
import { mongolianFontFile, woffToSfnt } from './font.js';
import { mongolianRenders } from './poster.js';
import { chinaDay, OFFICER_CONFIG } from './config.js';

describe('points', () => {
  it('sums points per action and caps each day separately', () => {
    const cfg = { points: { 'share-open': 1, read: 2, 'reshare-open': 3 }, dailyCap: 50 };
    const p = pointsByOfficer(
      [
        { officerId: 'a', day: '2026-12-01', kind: 'read', n: 40 },
        { officerId: 'a', day: '2026-12-01', kind: 'share-open', n: 3 },
        { officerId: 'a', day: '2026-12-02', kind: 'reshare-open', n: 2 },
        { officerId: 'b', day: '2026-12-01', kind: 'share-open', n: 5 },
      ],
      cfg,
    );
    expect(p.get('a')).toEqual({ points: 50 + 6, shareOpens: 3, reads: 40, reshareOpens: 2 });
    expect(p.get('b')).toEqual({ points: 5, shareOpens: 5, reads: 0, reshareOpens: 0 });
  });
});

describe('codes and phones', () => {
  it('draws 7-character codes without look-alike letters', () => {
    const codes = Array.from({ length: 2000 }, newOfficerCode);
    expect(codes.every((c) => c.length === 7 && [...c].every((ch) => CODE_ALPHABET.includes(ch)))).toBe(true);
    expect(CODE_ALPHABET).not.toMatch(/[01ILOU]/);
    expect(new Set(codes).size).toBe(2000);
  });

  it('accepts mainland mobile numbers as people type them', () => {
    expect(normalizePhone('+86 139-0471-0001')).toBe('13904710001');
    expect(normalizePhone('008613904710001')).toBe('13904710001');
    expect(normalizePhone('8613904710001')).toBe('13904710001');
    expect(normalizePhone('12904710001')).toBeNull();
    expect(normalizePhone('0471-6900000')).toBeNull();
  });

  it('counts days on the officers’ clock (UTC+8)', () => {
    expect(chinaDay(new Date('2026-12-01T16:30:00Z'))).toBe('2026-12-02');
    expect(chinaDay(new Date('2026-12-01T15:59:00Z'))).toBe('2026-12-01');
  });
});

describe('clients', () => {
  it('recognises crawlers, previewers and scripts, not phones', () => {
    expect(isBot('Mozilla/5.0 (compatible; Baiduspider/2.0)')).toBe(true);
    expect(isBot('Mozilla/5.0 (compatible; bingbot/2.0)')).toBe(true);
    expect(isBot('python-requests/2.31')).toBe(true);
    expect(isBot('Mozilla/5.0 HeadlessChrome/120.0')).toBe(true);
    expect(isBot(undefined)).toBe(true);
    expect(isBot('Mozilla/5.0 (Linux; Android 9; CUBOT NOTE 7) AppleWebKit/537.36 Mobile Safari/537.36')).toBe(false);
    expect(isBot('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 MicroMessenger/8.0.44')).toBe(false);
  });

  it('names the channel from the link or the app it is opened in', () => {
    expect(channelOf('poster', 'MicroMessenger/8')).toBe('poster');
    expect(channelOf('groupmessage', 'Mozilla/5.0')).toBe('wechat');
    expect(channelOf(undefined, 'Mozilla/5.0 MicroMessenger/8.0')).toBe('wechat');
    expect(channelOf(undefined, 'Mozilla/5.0 Mobile MQQBrowser/6.2 QQ/8.9')).toBe('qq');
    expect(channelOf('whatever', 'Mozilla/5.0 Chrome')).toBe('web');
  });
});

describe('the poster font', () => {
  it('turns the WOFF of @fontsource into an OpenType file that renders shaped Mongolian, not tofu', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gerel-font-'));
    try {
      const file = mongolianFontFile(dir);
      const sfnt = fs.readFileSync(file);
      expect(sfnt.readUInt32BE(0)).toBe(0x00010000);
      expect(mongolianFontFile(dir)).toBe(file);
      expect(await mongolianRenders(file)).toBe(true);
      expect(() => woffToSfnt(sfnt)).toThrow(/WOFF/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has one typed config', () => {
    expect(OFFICER_CONFIG.points).toEqual({ 'share-open': 1, read: 2, 'reshare-open': 3 });
    expect(OFFICER_CONFIG.repeatWindowHours).toBe(24);
  });
});
