import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { and, asc, eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { claimJobs } from "@/db/jobs/claim";
import { enqueueJob, enqueueJobs } from "@/db/jobs/enqueue";
import { defineJobHandler, PermanentJobError } from "@/db/jobs/handler";
import { discardJob, retryJob } from "@/db/jobs/manage";
import { JOB_DEAD_AUDIT } from "@/db/jobs/settle";
import { JobWorker } from "@/db/jobs/worker";
import type { Database } from "@/db/connect";
import * as schema from "@/db/schema";
import { auditLog, jobs } from "@/db/schema";
import { DEFAULT_JOB_POLICY } from "@/lib/jobs/kinds";
import { createTestDatabase, describeOnServer, type TestDatabase } from "../support/database";
import { countRows, createEffectsTable, effectHandler, testPayload, waitFor } from "../support/jobs";
import { makeStaff } from "../support/staff";

let database: TestDatabase;
const workers: JobWorker[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  await createEffectsTable(database);
});

afterAll(async () => {
  for (const worker of workers) worker.abandon();
  await database?.drop();
});

beforeEach(async () => {
  for (const worker of workers.splice(0)) await worker.stop(0);
  await database.db.execute(sql`delete from test_job_effects`);
  await database.db.delete(jobs);
});

function worker(handlers: ConstructorParameters<typeof JobWorker>[1], options: Partial<ConstructorParameters<typeof JobWorker>[2]> = {}) {
  const created = new JobWorker(database.db, handlers, { concurrency: 4, leaseMs: 30_000, pollMs: 20, ...options });
  workers.push(created);
  return created;
}

const jobState = async (id: string) => (await database.db.select().from(jobs).where(eq(jobs.id, id)))[0]!;

describe("the job queue", () => {
  it("a job enqueued in a transaction that rolls back never exists, so never runs", async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await enqueueJob(tx, { kind: "test_effect", payload: { n: 1 } });
        throw new Error("the change is refused");
      }),
    ).rejects.toThrow("the change is refused");
    const committed = await database.db.transaction((tx) => enqueueJob(tx, { kind: "test_effect", payload: { n: 2 } }));
    await worker({ test_effect: effectHandler(database, "w") }).drain();
    expect(await database.db.select({ id: jobs.id, state: jobs.state }).from(jobs)).toEqual([{ id: committed, state: "done" }]);
    expect(await countRows(database, "select count(*) as n from test_job_effects")).toBe(1);
  });

  it("one failure inside a transaction does not poison the connection (PGlite has only one)", async () => {
    const first = await database.db.transaction((tx) => enqueueJob(tx, { kind: "test_effect", payload: { n: 1 }, uniqueKey: "k" }));
    await expect(
      database.db.transaction(async (tx) => {
        await enqueueJob(tx, { kind: "test_effect", payload: { n: 2 } });
        await tx.execute(sql`select 1 / 0`);
      }),
    ).rejects.toThrow();
    expect((await database.db.select({ id: jobs.id }).from(jobs)).map((row) => row.id)).toEqual([first]);
  });

  it("a unique key makes a second enqueue a no-op, before and after the first has run", async () => {
    const first = await database.db.transaction((tx) => enqueueJob(tx, { kind: "test_effect", payload: { n: 1 }, uniqueKey: "campaign-1:reader@example.org" }));
    expect(first).toEqual(expect.any(String));
    const second = await database.db.transaction((tx) => enqueueJob(tx, { kind: "test_effect", payload: { n: 2 }, uniqueKey: "campaign-1:reader@example.org" }));
    expect(second).toBeNull();
    // The same key under another kind, and jobs without a key, are separate jobs.
    const added = await database.db.transaction((tx) =>
      enqueueJobs(tx, [
        { kind: "test_other", payload: { n: 3 }, uniqueKey: "campaign-1:reader@example.org" },
        { kind: "test_effect", payload: { n: 4 } },
        { kind: "test_effect", payload: { n: 5 } },
      ]),
    );
    expect(added).toHaveLength(3);
    await worker({ test_effect: effectHandler(database, "w") }).drain();
    expect(await database.db.transaction((tx) => enqueueJob(tx, { kind: "test_effect", payload: { n: 6 }, uniqueKey: "campaign-1:reader@example.org" }))).toBeNull();
    const rows = await database.db.select({ payload: jobs.payload, state: jobs.state }).from(jobs).where(eq(jobs.kind, "test_effect"));
    expect(rows.map((row) => row.payload.n).sort()).toEqual([1, 4, 5]);
    expect(await countRows(database, "select count(*) as n from test_job_effects")).toBe(3);
  });

  it("a failing job is retried with exponential backoff, then lands in dead-letter with its reason and an audit row", async () => {
    const runs: number[] = [];
    const backoff = { baseMs: 200, capMs: 400 };
    const [id] = await database.db.transaction((tx) => enqueueJobs(tx, [{ kind: "test_failing", payload: { n: 1 }, maxAttempts: 4 }]));
    worker({
      test_failing: defineJobHandler({
        policy: { ...DEFAULT_JOB_POLICY, backoff },
        payload: testPayload,
        run: async (job) => {
          runs.push(Date.now());
          throw new Error(`the receiver is down (attempt ${job.attempt})`);
        },
      }),
    }).start();
    const failed = await waitFor("the first failure", async () => {
      const row = await jobState(id!);
      return row.state === "failed" && row;
    });
    // On a busy machine the poll may first see it after a later failure: the wait is that attempt's.
    expect(failed.lastError).toBe(`the receiver is down (attempt ${failed.attempts})`);
    const planned = Math.min(backoff.capMs, backoff.baseMs * 2 ** (failed.attempts - 1));
    const wait = failed.runAt.getTime() - failed.updatedAt.getTime();
    expect(wait).toBeGreaterThanOrEqual(planned * 0.8);
    expect(wait).toBeLessThanOrEqual(planned);

    const dead = await waitFor("dead-letter", async () => {
      const row = await jobState(id!);
      return row.state === "dead" && row;
    });
    expect(runs).toHaveLength(4);
    const gaps = runs.slice(1).map((at, index) => at - runs[index]!);
    // 200 ms doubling, capped at 400 ms, less at most a fifth: 160+, 320+, 320+.
    expect(gaps[0]).toBeGreaterThanOrEqual(155);
    expect(gaps[1]).toBeGreaterThanOrEqual(315);
    expect(gaps[2]).toBeGreaterThanOrEqual(315);
    expect(dead).toMatchObject({ attempts: 4, lastError: "the receiver is down (attempt 4)", deadReason: "Gave up after 4 attempts: the receiver is down (attempt 4)", lockedBy: null });
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.action, JOB_DEAD_AUDIT)).orderBy(asc(auditLog.id));
    expect(audit.at(-1)).toMatchObject({ actorEmail: "jobs", comment: dead.deadReason, detail: { jobId: id, kind: "test_failing", attempts: 4 } });
  });

  it("a permanent failure is dead at once; a payload that does not parse is dead too", async () => {
    const ids = await database.db.transaction((tx) =>
      enqueueJobs(tx, [
        { kind: "test_permanent", payload: { n: 1 } },
        { kind: "test_permanent", payload: { n: "one" } },
      ]),
    );
    await worker({
      test_permanent: defineJobHandler({
        policy: DEFAULT_JOB_POLICY,
        payload: testPayload,
        run: async () => {
          throw new PermanentJobError("550 no such mailbox");
        },
      }),
    }).drain();
    const [refused, unreadable] = await Promise.all(ids.map(jobState));
    expect(refused).toMatchObject({ state: "dead", attempts: 1, deadReason: "PermanentJobError: 550 no such mailbox" });
    expect(unreadable).toMatchObject({ state: "dead", attempts: 1 });
    expect(unreadable!.deadReason).toMatch(/^PermanentJobError: The job's payload is not valid/);
  });

  it("a job held by a worker that died is taken back after its lease, and runs again with the same idempotency key", async () => {
    const [id] = await database.db.transaction((tx) => enqueueJobs(tx, [{ kind: "test_effect", payload: { n: 1 } }]));
    let crash!: () => void;
    const crashed = new Promise<void>((resolve) => (crash = resolve));
    const doomed = worker({ test_effect: effectHandler(database, "doomed", { afterEffect: async () => crash() }) }, { leaseMs: 400 });
    doomed.start();
    await crashed;
    doomed.abandon(); // after the side effect, before the commit
    expect(await jobState(id!)).toMatchObject({ state: "running", lockedBy: doomed.workerId, attempts: 1 });

    worker({ test_effect: effectHandler(database, "survivor") }, { leaseMs: 400 }).start();
    const done = await waitFor("the job to be taken back and finished", async () => {
      const row = await jobState(id!);
      return row.state === "done" && row;
    });
    expect(done.attempts).toBe(2);
    const effects = await database.rows<{ key: string; worker: string }>(sql`select key, worker from test_job_effects order by at`);
    expect(effects).toEqual([
      { key: id, worker: "doomed" },
      { key: id, worker: "survivor" },
    ]);
  });

  it("a stopping worker keeps renewing the leases of the jobs it lets finish: no other worker takes them meanwhile", async () => {
    const [id] = await database.db.transaction((tx) => enqueueJobs(tx, [{ kind: "test_effect", payload: { n: 1 } }]));
    const leaseMs = 1_500;
    let began!: () => void;
    const running = new Promise<void>((resolve) => (began = resolve));
    // The job outlives its lease more than twice over, all of it within the grace time.
    const stopping = worker({ test_effect: effectHandler(database, "stopping", { afterEffect: async () => (began(), sleep(leaseMs * 2.5)) }) }, { leaseMs });
    stopping.start();
    await running;
    worker({ test_effect: effectHandler(database, "other") }, { leaseMs }).start();
    await stopping.stop(60_000);
    expect(await jobState(id!)).toMatchObject({ state: "done", attempts: 1 });
    expect(await database.rows<{ worker: string }>(sql`select worker from test_job_effects`)).toEqual([{ worker: "stopping" }]);
  });

  it("a paused worker (the database known to be down) claims nothing, and takes up its work when the pause ends", async () => {
    const [id] = await database.db.transaction((tx) => enqueueJobs(tx, [{ kind: "test_effect", payload: { n: 1 } }]));
    let paused = true;
    const waiting = worker({ test_effect: effectHandler(database, "paused") }, { paused: () => paused });
    waiting.start();
    await sleep(200); // ten poll rounds
    expect(await jobState(id!)).toMatchObject({ state: "queued", attempts: 0 });
    paused = false;
    const done = await waitFor("the job to run once the pause ends", async () => {
      const row = await jobState(id!);
      return row.state === "done" && row;
    });
    expect(done.attempts).toBe(1);
  });

  it("a global rate limit per kind holds across workers", async () => {
    const starts: number[] = [];
    const limited = () =>
      defineJobHandler({
        policy: { ...DEFAULT_JOB_POLICY, rateLimit: { perSecond: 20, burst: 4 } },
        payload: testPayload,
        run: async () => void starts.push(Date.now()),
      });
    await database.db.transaction((tx) => enqueueJobs(tx, Array.from({ length: 24 }, (_, n) => ({ kind: "test_limited", payload: { n } }))));
    const begun = Date.now();
    worker({ test_limited: limited() }, { concurrency: 8 }).start();
    worker({ test_limited: limited() }, { concurrency: 8 }).start();
    await waitFor("every limited job", async () => (await countRows(database, "select count(*) as n from jobs where kind = 'test_limited' and state = 'done'")) === 24);
    starts.sort((a, b) => a - b);
    // A full bucket of 4, then 20 a second shared by both workers: the k-th start is (k-4)/20 s after the first claim at the earliest.
    for (const [k, at] of starts.entries()) expect(at - begun).toBeGreaterThanOrEqual(((k + 1 - 4) / 20) * 1000 - 60);
    expect(starts.at(-1)! - begun).toBeGreaterThanOrEqual(900);
  });

  it("1,000 jobs across two workers, one dying midway: every job completes, no side effect more than twice, repeats carry the same key", async () => {
    const total = 1_000;
    await database.db.transaction((tx) => enqueueJobs(tx, Array.from({ length: total }, (_, n) => ({ kind: "test_effect", payload: { n } }))));
    const leaseMs = 1_500;
    let doomedRuns = 0;
    // It dies right after its 300th side effect, before recording it done, with other jobs of its own in flight.
    const doomed = worker(
      { test_effect: effectHandler(database, "doomed", { afterEffect: async () => void (++doomedRuns === 300 && doomed.abandon()) }) },
      { concurrency: 8, leaseMs },
    );
    const survivor = worker({ test_effect: effectHandler(database, "survivor", { afterEffect: () => sleep(2) }) }, { concurrency: 8, leaseMs });
    doomed.start();
    survivor.start();
    await waitFor("the first worker to die", async () => doomedRuns >= 300);
    const held = await countRows(database, `select count(*) as n from jobs where state = 'running' and locked_by = '${doomed.workerId}'`);
    await waitFor("every job done", async () => (await countRows(database, "select count(*) as n from jobs where state = 'done'")) === total, 120_000);
    await expectEffectsAtLeastOnceAtMostTwice(total);
    expect(held).toBeGreaterThan(0);
  });
});

async function expectEffectsAtLeastOnceAtMostTwice(total: number) {
  const perJob = await database.rows<{ job_id: string; runs: number; keys: number; same: boolean }>(
    sql`select e.job_id, count(*)::int as runs, count(distinct e.key)::int as keys, bool_and(e.key = j.id::text) as same
        from test_job_effects e join jobs j on j.id = e.job_id group by e.job_id`,
  );
  expect(perJob).toHaveLength(total);
  expect(Math.max(...perJob.map((row) => row.runs))).toBeLessThanOrEqual(2);
  expect(perJob.every((row) => row.keys === 1 && row.same)).toBe(true);
  const unfinished = await database.db.select({ id: jobs.id }).from(jobs).where(and(eq(jobs.kind, "test_effect"), sql`${jobs.state} <> 'done'`));
  expect(unfinished).toEqual([]);
  return perJob.filter((row) => row.runs === 2).length;
}

function startWorkerProcess(name: string, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "tests/support/job-worker-process.ts"], {
    env: { ...process.env, JOB_TEST_URL: database.url!, WORKER_NAME: name, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`worker ${name} exited (${code}) before it was ready`)));
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("ready")) resolve(child);
    });
  });
}

describeOnServer("the job queue across OS processes", () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  });

  it("1,000 jobs across two processes, one killed with SIGKILL midway: every job completes, at most twice, repeats with the same key", async () => {
    const total = 1_000;
    await database.db.transaction((tx) => enqueueJobs(tx, Array.from({ length: total }, (_, n) => ({ kind: "test_effect", payload: { n } }))));
    // After its 300th side effect the doomed process stalls in every job it takes, so it dies holding some.
    const [doomed, survivor] = await Promise.all([startWorkerProcess("doomed", { LEASE_MS: "1000", STALL_AFTER: "300" }), startWorkerProcess("survivor", { LEASE_MS: "1000" })]);
    children.push(doomed, survivor);
    await waitFor("a third of the work", async () => (await countRows(database, "select count(*) as n from test_job_effects where worker = 'doomed'")) >= 300);
    await waitFor("the doomed process to hold jobs", async () => (await countRows(database, "select count(*) as n from jobs where state = 'running' and locked_by = 'doomed'")) > 0);
    doomed.kill("SIGKILL");
    await once(doomed, "exit");
    const held = await countRows(database, "select count(*) as n from jobs where state = 'running' and locked_by = 'doomed'");
    await waitFor("every job done", async () => (await countRows(database, "select count(*) as n from jobs where state = 'done'")) === total, 120_000);
    const repeated = await expectEffectsAtLeastOnceAtMostTwice(total);
    expect(held).toBeGreaterThan(0);
    expect(repeated).toBeGreaterThan(0);
    const retaken = await database.db.select({ attempts: jobs.attempts, lastError: jobs.lastError }).from(jobs).where(sql`${jobs.attempts} > 1`);
    expect(retaken.length).toBe(held);
    survivor.kill("SIGTERM");
    expect((await once(survivor, "exit"))[0]).toBe(0);
  });

  it("an idle worker's poll is one plain read: no transaction, no lock, no write, no query per kind", async () => {
    const statements: string[] = [];
    const client = postgres(database.url!, { max: 2, fetch_types: false, onnotice: () => {}, debug: (_connection, query) => void statements.push(query) });
    const plain = effectHandler(database, "idle");
    const limited = effectHandler(database, "idle", { policy: { rateLimit: { perSecond: 10, burst: 10 } } });
    const idle = new JobWorker(drizzle(client, { schema }) as unknown as Database, { test_a: plain, test_b: limited, test_c: plain }, { concurrency: 4, leaseMs: 30_000, pollMs: 20 });
    try {
      idle.start();
      await waitFor("ten idle rounds", async () => statements.filter((query) => query.includes("now()")).length >= 10);
      await idle.stop(0);
    } finally {
      await client.end();
    }
    const rounds = statements.filter((query) => query.includes('"run_at" <= now()'));
    expect(rounds.length).toBeGreaterThanOrEqual(9);
    // Besides the rounds, only the one look for expired leases at the start (then every quarter lease).
    expect(statements.length).toBeLessThanOrEqual(rounds.length + 1);
    expect(statements.filter((query) => /\b(begin|insert|update|delete)\b|for update/i.test(query))).toEqual([]);
  });

  it("SIGTERM lets running jobs finish within the grace time and gives the rest back at once", async () => {
    const ids = await database.db.transaction((tx) =>
      enqueueJobs(tx, [
        { kind: "test_slow", payload: { n: 1 } },
        { kind: "test_slow", payload: { n: 2 } },
        { kind: "test_quick", payload: { n: 3 } },
      ]),
    );
    const child = await startWorkerProcess("stopping", { GRACE_MS: "1500", QUICK_MS: "400", LEASE_MS: "60000" });
    children.push(child);
    await waitFor("all three running", async () => (await countRows(database, "select count(*) as n from jobs where state = 'running' and locked_by = 'stopping'")) === 3);
    child.kill("SIGTERM");
    expect((await once(child, "exit"))[0]).toBe(0);
    const rows = await Promise.all(ids.map(jobState));
    expect(rows.map((row) => ({ kind: row.kind, state: row.state, attempts: row.attempts, lockedBy: row.lockedBy }))).toEqual([
      { kind: "test_slow", state: "queued", attempts: 0, lockedBy: null },
      { kind: "test_slow", state: "queued", attempts: 0, lockedBy: null },
      { kind: "test_quick", state: "done", attempts: 1, lockedBy: null },
    ]);
    // Given back, not waiting out the 60 s lease: another worker takes them now.
    const claimed = await claimJobs(database.db, { kind: "test_slow", workerId: "next", limit: 5, leaseMs: 1_000 });
    expect(claimed).toHaveLength(2);
  });
});

describe("retrying and discarding", () => {
  const deadJob = async () =>
    (await database.db.insert(jobs).values({ kind: "test_effect", payload: { n: 1 }, state: "dead", attempts: 3, maxAttempts: 3, lastError: "down", deadReason: "Gave up" }).returning())[0]!;

  it("the db functions refuse anyone without jobs:manage themselves, not only the page, and change nothing", async () => {
    const job = await deadJob();
    const editor = await makeStaff(database.db, "editor");
    const auditBefore = await countRows(database, "select count(*) as n from audit_log");
    await expect(retryJob(editor, { id: job.id })).rejects.toMatchObject({ code: "forbidden" });
    await expect(discardJob(editor, { id: job.id })).rejects.toMatchObject({ code: "forbidden" });
    expect(await jobState(job.id)).toEqual(job);
    expect(await countRows(database, "select count(*) as n from audit_log")).toBe(auditBefore);

    const admin = await makeStaff(database.db, "admin");
    await retryJob(admin, { id: job.id });
    expect(await jobState(job.id)).toMatchObject({ state: "queued", attempts: 0, deadReason: null });
    await discardJob(admin, { id: job.id });
    expect(await database.db.select().from(jobs).where(eq(jobs.id, job.id))).toEqual([]);
  });

  it("an id that is not a job id is refused as invalid before the database; an unknown one is not found; a running one is a conflict", async () => {
    const admin = await makeStaff(database.db, "admin");
    for (const id of ["", "not-a-uuid", "'; drop table jobs; --", "00000000-0000-0000-0000-00000000000g"]) {
      await expect(retryJob(admin, { id })).rejects.toMatchObject({ code: "invalid" });
      await expect(discardJob(admin, { id })).rejects.toMatchObject({ code: "invalid" });
    }
    await expect(retryJob(admin, { id: "6f1c2a52-5d0e-4a4b-9d53-0c1f9a9e2b11" })).rejects.toMatchObject({ code: "not_found" });
    const job = await deadJob();
    await database.db.update(jobs).set({ state: "running", lockedBy: "someone", lockedUntil: new Date(Date.now() + 60_000) }).where(eq(jobs.id, job.id));
    await expect(discardJob(admin, { id: job.id })).rejects.toMatchObject({ code: "conflict" });
    await expect(retryJob(admin, { id: job.id })).rejects.toMatchObject({ code: "conflict" });
    expect(await jobState(job.id)).toMatchObject({ state: "running", lockedBy: "someone" });
  });
});
