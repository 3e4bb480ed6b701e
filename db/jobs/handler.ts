import type { z } from "zod";
import type { JobPolicy } from "@/lib/jobs/kinds";

/** A claimed job as its handler sees it. */
export type RunningJob<P = unknown> = {
  id: string;
  kind: string;
  payload: P;
  /** 1 for the first run. */
  attempt: number;
  /**
   * The same on every run of this job (a retry, or a second run after a crash): receivers use it to
   * tell a repeat (a Message-ID, a webhook-id). Side effects are at least once.
   */
  idempotencyKey: string;
  /** Aborted when the run times out or the worker is shutting down and gives the job back. */
  signal: AbortSignal;
};

export type JobHandler<S extends z.ZodType = z.ZodType> = {
  policy: JobPolicy;
  payload: S;
  run(job: RunningJob<z.output<S>>): Promise<void>;
};

export type JobHandlers = Record<string, JobHandler>;

export function defineJobHandler<S extends z.ZodType>(handler: JobHandler<S>): JobHandler {
  return handler as unknown as JobHandler;
}

/** Thrown by a handler when trying again cannot help (a refused address, a payload that no longer parses). */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentJobError";
  }
}
