// The door scanner's outbox: every scan is written to the device (localStorage) first, with a nonce
// made on the device, and uploaded when the network is there. A scan leaves the outbox only once the
// server has answered for it; the server answers a nonce it has seen with its first answer, so an
// upload repeated after a lost answer never counts twice. localStorage is synchronous and survives a
// reload or a closed tab; a day's scans at one door are a few hundred small entries.
import { v4 as uuidv4 } from 'uuid';
import { ApiError, NETWORK_ERROR } from '../../api/client';
import { sendScans, type ScanInput, type ScanOutcome } from '../../api/activities';

const OUTBOX_KEY = 'gerel.scanner.outbox';
const ACTIVITIES_KEY = 'gerel.scanner.activities';
export const BATCH_SIZE = 200;

/** A nonce the server accepts ([A-Za-z0-9_-]{8,64}), made without a secure context. */
export const newNonce = (): string => uuidv4();

function read<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

export const pending = (): ScanInput[] => read<ScanInput[]>(OUTBOX_KEY, []);

export function enqueue(scan: ScanInput): void {
  localStorage.setItem(OUTBOX_KEY, JSON.stringify([...pending(), scan]));
}

function remove(nonces: Set<string>): void {
  localStorage.setItem(OUTBOX_KEY, JSON.stringify(pending().filter((s) => !nonces.has(s.nonce))));
}

/**
 * Uploads the outbox in batches, oldest first. Returns the server's answers; stops at the first
 * batch that gets no answer (offline) and leaves it, and everything after it, for the next try.
 */
export async function flush(): Promise<{ results: ScanOutcome[]; offline: boolean }> {
  const results: ScanOutcome[] = [];
  for (;;) {
    const batch = pending().slice(0, BATCH_SIZE);
    if (batch.length === 0) return { results, offline: false };
    try {
      const answer = await sendScans(batch);
      remove(new Set(answer.results.map((r) => r.nonce)));
      results.push(...answer.results);
    } catch (e) {
      if (e instanceof ApiError && (e.code === NETWORK_ERROR || e.status >= 500 || e.status === 401)) return { results, offline: true };
      // The server refused the batch as a whole (it never should): drop it rather than block the door.
      remove(new Set(batch.map((s) => s.nonce)));
      throw e;
    }
  }
}

/** Activities the scanner can choose from, kept for opening the page offline. */
export interface CachedActivity {
  id: string;
  title: { zh: string; mn: string | null };
  startsAt: string;
  endsAt: string;
}

export const cachedActivities = (): CachedActivity[] => read<CachedActivity[]>(ACTIVITIES_KEY, []);
export const cacheActivities = (xs: CachedActivity[]) => localStorage.setItem(ACTIVITIES_KEY, JSON.stringify(xs));
