export type BackoffPolicy = { baseMs: number; capMs: number };

/**
 * The wait before the next attempt after `attempt` failures: doubling from baseMs, never above capMs,
 * less up to a fifth at random so jobs that failed together do not all come back in the same instant.
 */
export function retryDelayMs(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const doubled = policy.baseMs * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(policy.capMs, doubled);
  return Math.round(capped * (1 - 0.2 * random()));
}
