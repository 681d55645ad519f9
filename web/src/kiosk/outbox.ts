import { v7 as uuidv7 } from 'uuid';
// The kiosk's outbox: every view, click and heartbeat is written to IndexedDB on the device first,
// with its own id, and uploaded in batches when the network is there. An event leaves the outbox
// only once the server has answered for it, so a cut network or a crash loses nothing; the server
// counts an id it has seen before as a duplicate, so sending a batch twice never counts twice.
import { api, ApiError, NETWORK_ERROR } from '../api/client';

export type KioskEventKind = 'view' | 'click' | 'heartbeat';

export interface KioskEvent {
  id: string;
  kind: KioskEventKind;
  resourceId?: string;
  stationCode: string;
  channel: 'estation';
  at: string;
}

const DB_NAME = 'gerel-kiosk';
const STORE = 'outbox';
/** The server takes up to 1000 events a request; smaller batches keep each request quick. */
export const BATCH_SIZE = 200;

/**
 * A time-ordered id (UUID version 7: milliseconds first, then random bits). Ids made about the same
 * time sort together, so the server adds them at the end of its index instead of at random places
 * (ADR 0007); unique without coordination like any UUID, and made without a secure context.
 */
export const newEventId = (): string => uuidv7();

let opening: Promise<IDBDatabase> | null = null;

function openDb(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      const store = request.result.createObjectStore(STORE, { keyPath: 'id' });
      store.createIndex('at', 'at');
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => {
      opening = null;
      reject(request.error ?? new Error('IndexedDB did not open'));
    };
  });
  return opening;
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** Adds one event to the outbox (durably, before it resolves). */
export async function enqueue(event: KioskEvent): Promise<void> {
  const db = await openDb();
  const tx = db.transaction(STORE, 'readwrite');
  tx.objectStore(STORE).put(event);
  await done(tx);
}

/** The oldest `limit` events waiting to be sent. */
export async function pending(limit = BATCH_SIZE): Promise<KioskEvent[]> {
  const db = await openDb();
  const tx = db.transaction(STORE, 'readonly');
  const request = tx.objectStore(STORE).index('at').getAll(null, limit);
  await done(tx);
  return request.result as KioskEvent[];
}

export async function pendingCount(): Promise<number> {
  const db = await openDb();
  const tx = db.transaction(STORE, 'readonly');
  const request = tx.objectStore(STORE).count();
  await done(tx);
  return request.result;
}

async function remove(ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const db = await openDb();
  const tx = db.transaction(STORE, 'readwrite');
  const store = tx.objectStore(STORE);
  for (const id of ids) store.delete(id);
  await done(tx);
}

export interface FlushResult {
  accepted: number;
  duplicates: number;
  /** Events the server refused for good (say, a resource withdrawn since): dropped, they never pass. */
  rejected: number;
  /** The upload stopped early (offline, server busy or down): the rest waits for the next try. */
  stopped: boolean;
}

type Post = (events: KioskEvent[]) => Promise<{ accepted: number; duplicates: number }>;

export const postEvents: Post = (events) =>
  api<{ accepted: number; duplicates: number }>('/api/events', { method: 'POST', body: { events } });

/** Indexes of the events a 400 answer names as invalid (`details: [{ index, field, problem }]`). */
function invalidIndexes(error: ApiError, size: number): number[] {
  if (!Array.isArray(error.details)) return [];
  const out = new Set<number>();
  for (const d of error.details as unknown[]) {
    const index = (d as { index?: unknown } | null)?.index;
    if (typeof index === 'number' && Number.isInteger(index) && index >= 0 && index < size) out.add(index);
  }
  return [...out];
}

let flushing: Promise<FlushResult> | null = null;

/**
 * Sends the outbox in batches, oldest first, until it is empty or the network or server fails.
 * One upload at a time: a call while one runs gets that one's result.
 */
export function flush(post: Post = postEvents): Promise<FlushResult> {
  flushing ??= (async () => {
    const result: FlushResult = { accepted: 0, duplicates: 0, rejected: 0, stopped: false };
    try {
      for (;;) {
        const batch = await pending(BATCH_SIZE);
        if (batch.length === 0) return result;
        try {
          const answer = await post(batch);
          result.accepted += answer.accepted;
          result.duplicates += answer.duplicates;
          await remove(batch.map((e) => e.id));
        } catch (error) {
          // A 400 names the events that can never pass: drop those, keep and retry the others.
          const bad = error instanceof ApiError && error.status === 400 ? invalidIndexes(error, batch.length) : [];
          if (bad.length === 0) {
            if (!(error instanceof ApiError && error.code === NETWORK_ERROR)) console.warn('kiosk: event upload failed', error);
            result.stopped = true;
            return result;
          }
          result.rejected += bad.length;
          await remove(bad.map((i) => batch[i]!.id));
        }
      }
    } finally {
      flushing = null;
    }
  })();
  return flushing;
}
