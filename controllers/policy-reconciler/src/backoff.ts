/** Capped exponential backoff: base·2^(attempt-1), at most `max`. Deterministic (no jitter) so tests can assert it. */
export interface BackoffOptions {
  /** @default 100 ms */
  readonly baseMs?: number;
  /** @default 30 s */
  readonly maxMs?: number;
}

export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 100;
  const max = options.maxMs ?? 30_000;
  if (attempt <= 0) return 0;
  return Math.min(max, base * 2 ** Math.min(attempt - 1, 30));
}
