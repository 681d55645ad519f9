import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Radio, Select, Space, Tag } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { listActivities, type ScanOutcome } from '../../api/activities';
import { errorText } from '../../api/errorText';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { ScriptText } from '../../mongol/ScriptText';
import { cacheActivities, cachedActivities, enqueue, flush, newNonce, pending, type CachedActivity } from './scanOutbox';
import '../volunteers/volunteers.css';

const LAST_KEY = 'gerel.scanner.activity';
/** The camera sees the same code many times a second: one read per code and direction every few seconds. */
const SAME_CODE_MS = 4000;
const SYNC_EVERY_MS = 15_000;

interface LogEntry {
  nonce: string;
  direction: 'in' | 'out';
  state: 'queued' | ScanOutcome['result'];
  reason: string | null;
  name: string | null;
  at: string;
}

/**
 * The door scanner (phone-sized): choose the activity and direction, then read volunteers' QR codes
 * with the camera or a hand-held scanner (it types the code and Enter). Every scan goes to the
 * device's outbox first and is uploaded when there is network, so the page works offline.
 */
export function ScannerPage() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const online = useQuery({ queryKey: ['activities', 'scanner'], queryFn: () => listActivities({ limit: 200 }), retry: false });
  const [activities, setActivities] = useState<CachedActivity[]>(cachedActivities);
  const [activityId, setActivityId] = useState<string | undefined>(params.get('activity') ?? localStorage.getItem(LAST_KEY) ?? undefined);
  const [direction, setDirection] = useState<'in' | 'out'>('in');
  const [log, setLog] = useState<LogEntry[]>([]);
  const [queued, setQueued] = useState(pending().length);
  const [offline, setOffline] = useState(!navigator.onLine);
  const [error, setError] = useState<unknown>(null);
  const [manual, setManual] = useState('');
  const syncing = useRef(false);
  const lastRead = useRef<{ key: string; at: number } | null>(null);

  useEffect(() => {
    if (!online.data) return;
    const usable = online.data.items
      .filter((a) => a.canManage && a.status !== 'cancelled' && Date.parse(a.endsAt) > Date.now() - 86_400_000)
      .map((a) => ({ id: a.id, title: a.title, startsAt: a.startsAt, endsAt: a.endsAt }));
    cacheActivities(usable);
    setActivities(usable);
  }, [online.data]);

  useEffect(() => {
    if (activityId) localStorage.setItem(LAST_KEY, activityId);
  }, [activityId]);

  const sync = useCallback(async () => {
    if (syncing.current || pending().length === 0) return;
    syncing.current = true;
    try {
      const { results, offline: off } = await flush();
      setOffline(off);
      setError(null);
      if (results.length) {
        const byNonce = new Map(results.map((r) => [r.nonce, r]));
        setLog((xs) => xs.map((x) => {
          const r = byNonce.get(x.nonce);
          return r ? { ...x, state: r.result, reason: r.reason, name: r.volunteer?.name ?? null } : x;
        }));
        void queryClient.invalidateQueries({ queryKey: ['activities'] });
      }
    } catch (e) {
      setError(e);
    } finally {
      syncing.current = false;
      setQueued(pending().length);
    }
  }, [queryClient]);

  useEffect(() => {
    const goOnline = () => {
      setOffline(false);
      void sync();
    };
    const goOffline = () => setOffline(true);
    window.addEventListener('online', goOnline);
    window.addEventListener('offline', goOffline);
    const timer = setInterval(() => void sync(), SYNC_EVERY_MS);
    void sync();
    return () => {
      window.removeEventListener('online', goOnline);
      window.removeEventListener('offline', goOffline);
      clearInterval(timer);
    };
  }, [sync]);

  const record = useCallback(
    (payload: string, source: 'camera' | 'manual') => {
      const code = payload.trim();
      if (!activityId || !code) return;
      const key = `${activityId}|${direction}|${code}`;
      const now = Date.now();
      if (source === 'camera' && lastRead.current?.key === key && now - lastRead.current.at < SAME_CODE_MS) return;
      lastRead.current = { key, at: now };
      const nonce = newNonce();
      const at = new Date(now).toISOString();
      if (!/^GRL1\./.test(code)) {
        setLog((xs) => [{ nonce, direction, state: 'rejected' as const, reason: 'bad_payload', name: null, at }, ...xs].slice(0, 50));
        return;
      }
      enqueue({ nonce, activityId, payload: code, direction, scannedAt: at });
      setQueued(pending().length);
      setLog((xs) => [{ nonce, direction, state: 'queued' as const, reason: null, name: null, at }, ...xs].slice(0, 50));
      void sync();
    },
    [activityId, direction, sync],
  );

  return (
    <div className="vol-phone" data-testid="scanner-page">
      <h1 className="page-title">
        <Msg k="scan.title" />
      </h1>
      <Card>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Select
            style={{ width: '100%' }}
            value={activityId}
            onChange={setActivityId}
            aria-label={t('scan.activity')}
            data-testid="scan-activity"
            options={activities.map((a) => ({ value: a.id, label: a.title.zh }))}
          />
          <Radio.Group optionType="button" buttonStyle="solid" size="large" value={direction} onChange={(e) => setDirection(e.target.value as 'in' | 'out')} data-testid="scan-direction">
            <Radio.Button value="in">
              <Msg k="scan.in" />
            </Radio.Button>
            <Radio.Button value="out">
              <Msg k="scan.out" />
            </Radio.Button>
          </Radio.Group>
          <div data-testid="scan-state" data-offline={offline ? 'true' : 'false'} data-pending={queued}>
            <Tag color={offline ? 'orange' : 'green'}>
              <Msg k={offline ? 'scan.offline' : 'scan.online'} />
            </Tag>
            <Msg k="scan.pending" vars={{ n: queued }} />
            {queued > 0 && !offline && (
              <Button size="small" type="link" onClick={() => void sync()}>
                <Msg k="scan.syncNow" />
              </Button>
            )}
          </div>
          {error !== null && <Alert type="error" showIcon title={<ScriptText text={errorText(error, t)} />} />}
        </Space>
      </Card>
      {activityId ? (
        <>
          <Camera onCode={(c) => record(c, 'camera')} />
          <Card title={<Msg k="scan.manual" />}>
            <Input.Search
              value={manual}
              onChange={(e) => setManual(e.target.value)}
              onSearch={(v) => {
                record(v, 'manual');
                setManual('');
              }}
              enterButton={<Msg k="scan.record" />}
              aria-label={t('scan.manual')}
              data-testid="scan-manual"
              autoFocus
            />
          </Card>
        </>
      ) : (
        <Alert type="info" showIcon title={<Msg k="scan.chooseActivity" />} />
      )}
      <Card title={<Msg k="scan.results" />}>
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="scan-log">
          {log.map((x) => (
            <div key={x.nonce} className={`scan-result scan-result--${x.state}`} data-testid="scan-result" data-result={x.state} data-reason={x.reason ?? ''}>
              <b>
                <Msg k={`scan.result.${x.state}`} />
              </b>{' '}
              <Msg k={x.direction === 'in' ? 'scan.in' : 'scan.out'} /> {x.name && <ScriptText text={x.name} />}
              {x.reason && (
                <div>
                  <Msg k={`scan.reason.${x.reason}` as Parameters<typeof t>[0]} />
                </div>
              )}
            </div>
          ))}
        </Space>
      </Card>
    </div>
  );
}

/** The phone's back camera, read with jsQR a few times a second (the decoder loads with the camera). */
function Camera({ onCode }: { onCode: (code: string) => void }) {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const [on, setOn] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;

  useEffect(() => {
    if (!on) return;
    let stopped = false;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    void (async () => {
      try {
        const [{ default: jsQR }, media] = await Promise.all([import('jsqr'), navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })]);
        stream = media;
        if (stopped || !video.current) return;
        video.current.srcObject = media;
        await video.current.play();
        const tick = () => {
          const v = video.current;
          if (stopped || !v || !ctx) return;
          if (v.videoWidth > 0) {
            canvas.width = v.videoWidth;
            canvas.height = v.videoHeight;
            ctx.drawImage(v, 0, 0);
            const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
            const code = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
            if (code?.data) onCodeRef.current(code.data);
          }
          timer = setTimeout(tick, 200);
        };
        tick();
      } catch {
        if (!stopped) setError(t('scan.noCamera'));
      }
    })();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, [on, t]);

  return (
    <Card title={<Msg k="scan.camera" />}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {on && <video ref={video} className="scan-video" muted playsInline data-testid="scan-video" />}
        {error && <Alert type="warning" showIcon title={<ScriptText text={error} />} />}
        <Button size="large" block type={on ? 'default' : 'primary'} onClick={() => setOn((x) => !x)} data-testid="scan-camera">
          <Msg k={on ? 'scan.cameraOff' : 'scan.cameraOn'} />
        </Button>
      </Space>
    </Card>
  );
}
