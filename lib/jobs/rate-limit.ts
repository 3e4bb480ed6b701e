export type RateLimit = { perSecond: number; burst: number };

/**
 * A token bucket: how many jobs may start now, and the tokens left after taking them. The bucket is a
 * row in the database (job_rate_limits) so that every instance draws from the same one.
 */
export function takeTokens(
  bucket: { tokens: number; refilledAt: Date },
  limit: RateLimit,
  wanted: number,
  now: Date,
): { granted: number; tokens: number } {
  const elapsedSeconds = Math.max(0, now.getTime() - bucket.refilledAt.getTime()) / 1000;
  const available = Math.min(limit.burst, bucket.tokens + elapsedSeconds * limit.perSecond);
  const granted = Math.max(0, Math.min(wanted, Math.floor(available)));
  return { granted, tokens: available - granted };
}
