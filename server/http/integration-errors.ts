// The integration functions' refusals (server/integrations/errors.ts) as HTTP errors.
import { IntegrationError } from '../integrations/errors.js';
import { HttpError } from './errors.js';

export function asHttpError(err: unknown): unknown {
  return err instanceof IntegrationError ? new HttpError(err.status, err.code, err.message, err.fields) : err;
}

/** Runs `fn`, turning an IntegrationError it throws into the matching HttpError. */
export async function mapIntegrationErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw asHttpError(err);
  }
}
