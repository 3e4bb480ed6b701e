import "server-only";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { DEFAULT_JOB_POLICY } from "@/lib/jobs/kinds";
import type { Database } from "../connect";
import { claimJobs, extendLeases, releaseJobs, type ClaimedJob } from "./claim";
import { PermanentJobError, type JobHandlers } from "./handler";
import { completeJobs, failJob, hasDueJobs, reapExpiredLeases } from "./settle";

export type WorkerOptions = {
  /** Jobs this worker runs at once. */
  concurrency: number;
  /** How long a claimed job is held; renewed while it runs. A killed instance's jobs come back after it. */
  leaseMs: number;
  /** How often an idle worker looks for due jobs. */
  pollMs: number;
  workerId?: string;
  onError?: (error: unknown) => void;
  /**
   * While this says so (the database is known to be down), the worker neither polls nor renews: each
   * round would only fail and log. Running jobs whose leases lapse meanwhile are taken back afterwards.
   */
  paused?: () => boolean;
};

type Running = { job: ClaimedJob; controller: AbortController; done: Promise<void> };

/**
 * One process's workers: claims due jobs of the kinds it has handlers for, runs them (never inside a
 * transaction), and records each outcome in a short transaction of its own. Start it once per process.
 */
export class JobWorker {
  readonly workerId: string;
  private readonly running = new Map<string, Running>();
  private timer: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private halted = false;
  private reapedAt = 0;
  private finished: string[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly database: Database,
    private readonly handlers: JobHandlers,
    private readonly options: WorkerOptions,
  ) {
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  }

  start() {
    if (!this.stopped || this.halted) return;
    this.stopped = false;
    this.heartbeat = setInterval(() => void this.renewLeases(), Math.max(50, Math.floor(this.options.leaseMs / 3)));
    this.heartbeat.unref();
    this.wake();
  }

  /** Looks for work now (at start, and when a job finishing leaves room). */
  wake() {
    if (this.stopped) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.ticking = this.tick().finally(() => {
      this.ticking = null;
      if (this.stopped) return;
      if (this.again) {
        this.again = false;
        this.wake();
      } else {
        this.timer = setTimeout(() => this.wake(), this.options.pollMs);
        this.timer.unref();
      }
    });
  }

  get inFlight() {
    return this.running.size;
  }

  /**
   * Stops claiming, lets running jobs finish for up to graceMs, then gives the rest back (claimable at
   * once elsewhere, the attempt not counted). Resolves when every job is finished or released.
   */
  async stop(graceMs = 5_000) {
    this.halt();
    try {
      await this.ticking;
      // The heartbeat goes on meanwhile: a grace time longer than the lease must not let another instance take the jobs.
      const finished = Promise.all([...this.running.values()].map((entry) => entry.done));
      const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), graceMs).unref());
      if ((await Promise.race([finished, timeout])) !== "timeout") return;
      const left = [...this.running.values()];
      await releaseJobs(this.database, this.workerId, left.map((entry) => entry.job.id));
      for (const entry of left) {
        this.running.delete(entry.job.id);
        entry.controller.abort(new Error("The worker is shutting down; the job was given back."));
      }
    } finally {
      this.stopHeartbeat();
    }
  }

  /** Stops at once without touching the database, as a killed process would (tests of lease expiry). */
  abandon() {
    this.halt();
    this.stopHeartbeat();
    for (const entry of this.running.values()) entry.controller.abort(new Error("abandoned"));
    this.running.clear();
  }

  /** No more claims; the jobs already running keep their leases until they finish or are given back. */
  private halt() {
    this.stopped = true;
    this.halted = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private stopHeartbeat() {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  private async tick() {
    if (this.options.paused?.()) return;
    try {
      if ((await this.round()).full && this.running.size < this.options.concurrency) this.again = true;
    } catch (error) {
      this.report(error);
    }
  }

  /** One round: take back expired leases, then claim what there is room for, kind by kind. */
  private async round(): Promise<{ claimed: number; full: boolean }> {
    // Leases are minutes or seconds long: looking for expired ones a few times per lease is enough.
    if (Date.now() - this.reapedAt >= Math.max(50, this.options.leaseMs / 4)) {
      this.reapedAt = Date.now();
      await reapExpiredLeases(this.database, (kind) => (this.handlers[kind]?.policy ?? DEFAULT_JOB_POLICY).backoff, this.workerId);
    }
    // The idle path, every pollMs on every instance: one indexed read, no transaction, no query per kind.
    if (!(await hasDueJobs(this.database, Object.keys(this.handlers)))) return { claimed: 0, full: false };
    let claimed = 0;
    let full = false;
    for (const [kind, handler] of Object.entries(this.handlers)) {
      const room = this.options.concurrency - this.running.size;
      if (room <= 0 || this.halted) break;
      const jobs = await claimJobs(this.database, { kind, workerId: this.workerId, limit: room, leaseMs: this.options.leaseMs, rateLimit: handler.policy.rateLimit });
      if (jobs.length === room) full = true;
      claimed += jobs.length;
      for (const job of jobs) this.launch(job);
    }
    return { claimed, full };
  }

  /**
   * Runs every due job of its kinds in this process until none is left, without starting the loop (CLIs
   * before they exit, and tests). A rate-limited kind is waited for; failed jobs wait for their backoff.
   */
  async drain() {
    for (;;) {
      const { claimed } = await this.round();
      await Promise.all([...this.running.values()].map((entry) => entry.done));
      if (claimed > 0) continue;
      if (!(await hasDueJobs(this.database, Object.keys(this.handlers)))) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private launch(job: ClaimedJob) {
    const controller = new AbortController();
    const entry: Running = { job, controller, done: Promise.resolve() };
    entry.done = this.execute(job, controller).finally(() => {
      if (this.running.get(job.id) === entry) this.running.delete(job.id);
      // Claim again once half the room is free: a claim per finished job would cost a transaction each.
      if (this.running.size <= this.options.concurrency / 2) this.wake();
    });
    this.running.set(job.id, entry);
  }

  private async execute(job: ClaimedJob, controller: AbortController) {
    const handler = this.handlers[job.kind]!;
    const { timeoutMs } = handler.policy;
    let timer: NodeJS.Timeout | undefined;
    try {
      const parsed = handler.payload.safeParse(job.payload);
      if (!parsed.success) throw new PermanentJobError(`The job's payload is not valid: ${parsed.error.issues[0]?.message ?? "unreadable"}`);
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const error = new Error(`Timed out after ${Math.round(timeoutMs / 1000)} s.`);
          controller.abort(error);
          reject(error);
        }, timeoutMs);
      });
      await Promise.race([
        handler.run({ id: job.id, kind: job.kind, payload: parsed.data, attempt: job.attempts, idempotencyKey: job.id, signal: controller.signal }),
        timedOut,
      ]);
      clearTimeout(timer);
      if (controller.signal.aborted) return; // given back or abandoned meanwhile: not ours to record
      await this.recordDone(job.id);
    } catch (error) {
      clearTimeout(timer);
      if (controller.signal.aborted && !this.running.has(job.id)) return;
      try {
        await failJob(this.database, job, this.workerId, { error, permanent: error instanceof PermanentJobError, backoff: handler.policy.backoff });
      } catch (settleError) {
        this.report(settleError); // the lease runs out and the job is taken back: nothing is lost
      }
    }
  }

  /** Jobs that finish in the same turn of the event loop are recorded done in one statement. */
  private recordDone(id: string): Promise<void> {
    this.finished.push(id);
    this.flushing ??= new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
      const ids = this.finished.splice(0);
      this.flushing = null;
      await completeJobs(this.database, ids, this.workerId);
    });
    return this.flushing;
  }

  private async renewLeases() {
    if (this.running.size === 0 || this.options.paused?.()) return;
    try {
      await extendLeases(this.database, this.workerId, [...this.running.keys()], this.options.leaseMs);
    } catch (error) {
      this.report(error);
    }
  }

  private report(error: unknown) {
    (this.options.onError ?? ((e: unknown) => console.error("jobs: a worker round failed; will retry", e)))(error);
  }
}

