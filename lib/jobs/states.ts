/**
 * Where a job is in its life. `failed` waits for its next attempt (run_at), `dead` has used up its
 * attempts or was discarded and waits for a person, `done` is kept for a while so a unique key stays taken.
 */
export const JOB_STATES = ["queued", "running", "failed", "dead", "done"] as const;

export type JobState = (typeof JOB_STATES)[number];

/** The states a worker may claim from (once run_at has come). */
export const CLAIMABLE_STATES: readonly JobState[] = ["queued", "failed"];

/** The states the admin page and `npm run jobs -- list` show. */
export const VISIBLE_STATES: readonly JobState[] = ["queued", "running", "failed", "dead"];
