/**
 * What an API error means for the work queue. Status codes come from ApiException (`code`),
 * from the watch (`statusCode`), or are absent for network errors (ECONNREFUSED, ECONNRESET).
 */
export type ErrorClass = 'notFound' | 'conflict' | 'retryable' | 'rejected';

export function statusOf(error: unknown): number | undefined {
  const candidate = error as { code?: unknown; statusCode?: unknown; body?: { code?: unknown } } | undefined;
  for (const value of [candidate?.code, candidate?.statusCode, candidate?.body?.code]) {
    if (typeof value === 'number') return value;
  }
  return undefined;
}

export function classify(error: unknown): ErrorClass {
  const status = statusOf(error);
  if (status === 404) return 'notFound';
  if (status === 409) return 'conflict';
  // No status: the connection failed (API server restarting): retry.
  if (status === undefined || status === 429 || status >= 500) return 'retryable';
  return 'rejected';
}

/** Seconds the server asked us to wait (429 Retry-After), in ms; undefined when it did not say. */
export function retryAfterMs(error: unknown): number | undefined {
  const headers = (error as { headers?: Record<string, string> } | undefined)?.headers;
  const value = headers?.['retry-after'] ?? headers?.['Retry-After'];
  const seconds = value === undefined ? NaN : Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/** An error with an HTTP status, as the fake client and tests raise it. */
export class StatusError extends Error {
  constructor(public readonly code: number, message: string, public readonly headers: Record<string, string> = {}) {
    super(message);
  }
}
