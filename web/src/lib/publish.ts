// Publishing from the composer with an Idempotency-Key: one key per composed message, kept
// across retries and double clicks, so the server publishes it once whatever the network does.
import { api, ApiError } from '../api';
import type { NewAnnouncement } from '../types';

export interface Published { id: string | number; status: string }

const IN_USE_WAIT_MS = 500;
const IN_USE_TRIES = 20;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * POSTs the announcement under `key`. A 409 `idempotency_key_in_use` means an earlier click
 * of ours is still being answered: wait for it, then this call gets the same answer.
 */
export async function publishWithKey(payload: unknown, key: string, wait: (ms: number) => Promise<unknown> = sleep): Promise<Published> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await api.post<Published>('/api/announcements', payload, { headers: { 'Idempotency-Key': key } });
    } catch (err) {
      if (!(err instanceof ApiError) || err.code !== 'idempotency_key_in_use' || attempt >= IN_USE_TRIES) throw err;
      await wait(IN_USE_WAIT_MS);
    }
  }
}

/** How many people `audience` reaches now (the server's count, same rule as the fan-out). */
export async function countAudience(audience: NewAnnouncement['audience']): Promise<number> {
  return (await api.post<{ recipients: number }>('/api/announcements/audience', { audience })).recipients;
}
