import { useQuery, useQueryClient } from '@tanstack/react-query';
import DOMPurify from 'dompurify';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { ApiError } from '../api/client';
import { CATALOGS, type MessageKey } from '../i18n/languages';
import { MongolText } from '../mongol/MongolText';
import { hasMongolian } from '../mongol/script';
import { enqueue, flush, newEventId, pendingCount, type KioskEventKind } from './outbox';
import { fetchPlaylist, itemKey, type PlaylistItem } from './playlist';
import { registerKioskWorker } from './registerWorker';
import './kiosk.css';

export const KIOSK_STATION_KEY = 'gerel.kiosk.station';

/** A whole number of seconds from the query string (for tests and for tuning a site), else the default. */
function seconds(value: string | null, fallback: number, min = 1): number {
  const n = Number(value);
  return Number.isFinite(n) && n >= min ? Math.round(n) : fallback;
}

/** A UI string in both languages at once: the kiosk speaks to Chinese and Mongolian readers alike. */
function Both({ k, vars }: { k: MessageKey; vars?: Record<string, string | number> }) {
  const fill = (s: string) => (vars ? s.replace(/\{(\w+)\}/g, (w, n: string) => (n in vars ? String(vars[n]) : w)) : s);
  return (
    <span className="kiosk-both">
      <span lang="zh-Hans">{fill(CATALOGS['zh-Hans'][k])}</span>
      <MongolText>{fill(CATALOGS['mn-Mong'][k])}</MongolText>
    </span>
  );
}

const isMongolian = (item: PlaylistItem) => item.lang === 'mn-Mong' || hasMongolian(item.title);

/** Title (and summary) of an item: vertical Mongolian in the app font, or horizontal Chinese. */
function ItemText({ item, withSummary, testId }: { item: PlaylistItem; withSummary?: boolean; testId?: string }) {
  const summary = withSummary ? item.summary || item.excerpt : null;
  if (isMongolian(item)) {
    return (
      <div className="kiosk-text kiosk-text--mn vertical-flow" lang="mn-Mong">
        <MongolText as="div" className="kiosk-text__title" data-testid={testId}>
          {item.title}
        </MongolText>
        {summary && (
          <MongolText as="div" className="kiosk-text__summary">
            {summary}
          </MongolText>
        )}
      </div>
    );
  }
  return (
    <div className="kiosk-text" lang={item.lang}>
      <div className="kiosk-text__title" data-testid={testId}>
        {item.title}
      </div>
      {summary && <div className="kiosk-text__summary">{summary}</div>}
    </div>
  );
}

/**
 * The e-station kiosk (no login): plays the station's playlist, opens an item full screen at a
 * touch, goes back to the playlist after `?idle=` seconds untouched. Views, clicks and a heartbeat
 * a minute go to the outbox on the device and are uploaded when the network is there.
 */
export function KioskPage() {
  const { stationCode = '' } = useParams();
  const [params] = useSearchParams();
  const idle = seconds(params.get('idle'), 60);
  const rotate = seconds(params.get('rotate'), 8);
  const heartbeatEvery = seconds(params.get('heartbeat'), 60);
  const uploadEvery = seconds(params.get('upload'), 30);
  const lang = params.get('lang');
  const queryClient = useQueryClient();

  const playlistKey = useMemo(() => ['kiosk', 'playlist', stationCode, lang] as const, [stationCode, lang]);
  const playlist = useQuery({
    queryKey: playlistKey,
    queryFn: () => fetchPlaylist(stationCode, lang),
    refetchInterval: 5 * 60_000,
    refetchOnWindowFocus: false,
    retry: (n, error) => !(error instanceof ApiError && error.status === 404) && n < 2,
    staleTime: 60_000,
  });

  const [online, setOnline] = useState(() => navigator.onLine);
  const [outboxSize, setOutboxSize] = useState<number | null>(null);
  const [swReady, setSwReady] = useState(false);

  const countOutbox = useCallback(() => {
    pendingCount().then(setOutboxSize, () => setOutboxSize(null));
  }, []);

  const upload = useCallback(() => {
    if (!navigator.onLine) return;
    void flush().finally(countOutbox);
  }, [countOutbox]);

  const record = useCallback(
    (kind: KioskEventKind, resourceId?: string) => {
      const event = { id: newEventId(), kind, stationCode, channel: 'estation' as const, at: new Date().toISOString(), ...(resourceId ? { resourceId } : {}) };
      enqueue(event).then(countOutbox, (error: unknown) => console.warn('kiosk: outbox write failed', error));
    },
    [stationCode, countOutbox],
  );

  // The station this device shows: the installed app starts at /kiosk/ and comes back here.
  useEffect(() => {
    try {
      localStorage.setItem(KIOSK_STATION_KEY, stationCode);
    } catch {
      // storage disabled: the station's own address still works
    }
  }, [stationCode]);

  // Installable: the manifest and theme colour, on the kiosk pages only.
  useEffect(() => {
    const added: HTMLElement[] = [];
    const add = (tag: string, attrs: Record<string, string>) => {
      const el = document.createElement(tag);
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      document.head.append(el);
      added.push(el);
    };
    add('link', { rel: 'manifest', href: '/kiosk/manifest.webmanifest' });
    add('meta', { name: 'theme-color', content: '#0b4f8a' });
    add('link', { rel: 'apple-touch-icon', href: '/kiosk/icon-192.png' });
    return () => added.forEach((el) => el.remove());
  }, []);

  // The service worker; once it controls the page, ask again so it keeps a copy of the playlist.
  useEffect(
    () =>
      registerKioskWorker(() => {
        setSwReady(true);
        void queryClient.refetchQueries({ queryKey: playlistKey });
      }),
    [queryClient, playlistKey],
  );

  // Uploads: at start, when the network comes back, and every `upload` seconds.
  useEffect(() => {
    const on = () => {
      setOnline(true);
      upload();
      void queryClient.refetchQueries({ queryKey: playlistKey });
    };
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    upload();
    const timer = window.setInterval(upload, uploadEvery * 1000);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
      window.clearInterval(timer);
    };
  }, [upload, uploadEvery, queryClient, playlistKey]);

  // The heartbeat: at start and every minute (whether or not the network is up; queued if not).
  useEffect(() => {
    record('heartbeat');
    const timer = window.setInterval(() => record('heartbeat'), heartbeatEvery * 1000);
    return () => window.clearInterval(timer);
  }, [record, heartbeatEvery]);

  const items = useMemo(() => playlist.data?.items ?? [], [playlist.data]);
  const [current, setCurrent] = useState(0);
  const [openKey, setOpenKey] = useState<string | null>(null);
  const opened = openKey ? items.find((i) => itemKey(i) === openKey) : undefined;
  const shown = items.length ? items[current % items.length] : undefined;

  // The rotation: the next item every `rotate` seconds while the playlist is on screen; each
  // item shown is a view.
  useEffect(() => {
    if (opened || items.length === 0) return;
    const timer = window.setInterval(() => setCurrent((c) => (c + 1) % items.length), rotate * 1000);
    return () => window.clearInterval(timer);
  }, [opened, items.length, rotate]);

  const shownId = !opened && shown ? shown.resourceId : null;
  const shownKey = !opened && shown ? itemKey(shown) : null;
  useEffect(() => {
    if (shownId) record('view', shownId);
    // shownKey changes with each step of the rotation, also between two versions of one resource
  }, [shownKey, shownId, record]);

  const close = useCallback(() => setOpenKey(null), []);
  const open = (item: PlaylistItem) => {
    setOpenKey(itemKey(item));
    record('click', item.resourceId);
  };

  if (playlist.isPending) {
    return (
      <div className="kiosk kiosk--message" data-testid="kiosk">
        <Both k="common.loading" />
      </div>
    );
  }
  if (playlist.isError) {
    const notFound = playlist.error instanceof ApiError && playlist.error.status === 404;
    return (
      <div className="kiosk kiosk--message" data-testid="kiosk" data-state={notFound ? 'not-found' : 'error'}>
        <Both k={notFound ? 'kiosk.notFound' : 'kiosk.unavailable'} vars={{ code: stationCode }} />
        {!notFound && (
          <button type="button" className="kiosk-button" onClick={() => void playlist.refetch()}>
            <Both k="common.retry" />
          </button>
        )}
      </div>
    );
  }

  const station = playlist.data.station;
  return (
    <div
      className="kiosk"
      data-testid="kiosk"
      data-state="playing"
      data-online={online ? 'true' : 'false'}
      data-sw={swReady ? 'ready' : 'none'}
    >
      <header className="kiosk-bar">
        <div className="kiosk-bar__name">
          <span lang="zh-Hans" data-testid="kiosk-station">
            {station.name.zh}
          </span>
          {station.name.mn && <MongolText className="kiosk-bar__mn">{station.name.mn}</MongolText>}
        </div>
        <div className="kiosk-bar__status">
          {!online && (
            <span className="kiosk-badge kiosk-badge--offline" data-testid="kiosk-offline">
              <Both k="kiosk.offline" />
            </span>
          )}
          <span className="kiosk-badge" data-testid="kiosk-outbox" data-count={outboxSize ?? ''}>
            <Both k="kiosk.outbox" vars={{ n: outboxSize ?? '…' }} />
          </span>
          <Clock />
        </div>
      </header>

      {items.length === 0 ? (
        <div className="kiosk--message">
          <Both k="kiosk.empty" />
        </div>
      ) : (
        <main className="kiosk-play">
          {shown && (
            <button
              type="button"
              className="kiosk-stage"
              data-testid="kiosk-stage"
              data-key={itemKey(shown)}
              onClick={() => open(shown)}
            >
              {shown.coverUrl && <img className="kiosk-stage__cover" src={shown.coverUrl} alt="" />}
              <ItemText item={shown} withSummary />
              <span className="kiosk-stage__hint">
                <Both k="kiosk.touchToOpen" />
              </span>
            </button>
          )}
          <ul className="kiosk-list" aria-label={`${CATALOGS['zh-Hans']['kiosk.playlist']} ${CATALOGS['mn-Mong']['kiosk.playlist']}`}>
            {items.map((item, i) => (
              <li key={itemKey(item)}>
                <button
                  type="button"
                  className={isMongolian(item) ? 'kiosk-tile kiosk-tile--mn' : 'kiosk-tile'}
                  data-testid="kiosk-item"
                  data-lang={item.lang}
                  data-resource-id={item.resourceId}
                  aria-current={i === current % items.length ? 'true' : undefined}
                  onClick={() => open(item)}
                >
                  <ItemText item={item} testId="kiosk-item-title" />
                </button>
              </li>
            ))}
          </ul>
        </main>
      )}

      {opened && <Reader item={opened} idleSeconds={idle} onClose={close} />}
    </div>
  );
}

function Clock() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 15_000);
    return () => window.clearInterval(timer);
  }, []);
  return <span className="kiosk-clock">{now.toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit' })}</span>;
}

/** One item full screen; back to the playlist on the button or after `idleSeconds` untouched. */
function Reader({ item, idleSeconds, onClose }: { item: PlaylistItem; idleSeconds: number; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const html = useMemo(() => DOMPurify.sanitize(item.bodyHtml), [item.bodyHtml]);
  const mn = isMongolian(item);

  useEffect(() => {
    let timer = window.setTimeout(onClose, idleSeconds * 1000);
    const touched = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(onClose, idleSeconds * 1000);
    };
    const el = ref.current;
    const events = ['pointerdown', 'keydown', 'wheel', 'scroll', 'touchstart'] as const;
    for (const e of events) el?.addEventListener(e, touched, { passive: true, capture: true });
    return () => {
      window.clearTimeout(timer);
      for (const e of events) el?.removeEventListener(e, touched, { capture: true });
    };
  }, [idleSeconds, onClose]);

  let body: ReactNode;
  if (mn) {
    body = (
      <div className="kiosk-reader__scroll kiosk-reader__scroll--mn">
        <div className="vertical-flow kiosk-reader__mn" lang="mn-Mong">
          <MongolText as="div" className="kiosk-reader__title" data-testid="kiosk-reader-title">
            {item.title}
          </MongolText>
          <div className="mongol kiosk-reader__body" lang="mn-Mong" dangerouslySetInnerHTML={{ __html: html }} />
        </div>
      </div>
    );
  } else {
    body = (
      <div className="kiosk-reader__scroll" lang={item.lang}>
        <h1 className="kiosk-reader__title" data-testid="kiosk-reader-title">
          {item.title}
        </h1>
        <div className="kiosk-reader__body" dangerouslySetInnerHTML={{ __html: html }} />
      </div>
    );
  }

  return (
    <div className="kiosk-reader" ref={ref} role="dialog" aria-modal="true" aria-label={item.title} data-testid="kiosk-reader" data-lang={item.lang}>
      <button type="button" className="kiosk-button kiosk-reader__back" data-testid="kiosk-back" onClick={onClose}>
        <Both k="kiosk.back" />
      </button>
      {item.coverUrl && <img className="kiosk-reader__cover" src={item.coverUrl} alt="" />}
      {body}
    </div>
  );
}

export default KioskPage;
