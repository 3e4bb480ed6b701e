// Job queue benchmark (db/jobs/): enqueueing 10,000 jobs, in batches of 100 per transaction (as a
// campaign fans out) and one per transaction (as ten requests at a time each queue one), then running
// 10,000 no-op jobs through one process's workers. On embedded PGlite and on the Postgres server, each
// in a fresh database. Targets: enqueue 10,000 in < 3 s; run ≥ 500 jobs/s on Postgres (2 cores).
// CPU is read from /proc: this Node process, and on Postgres the database's own backends.
//
//   npm run bench:jobs [-- --jobs N] [-- --concurrency C]
//   BENCH_DATABASE_URL=postgres://… (default postgres://postgres@127.0.0.1:5432/postgres); BENCH_DRIVERS=pglite,postgres
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { z } from "zod";
import { connect, type DatabaseHandle } from "@/db/connect";
import { enqueueJobs } from "@/db/jobs/enqueue";
import { defineJobHandler } from "@/db/jobs/handler";
import { JobWorker } from "@/db/jobs/worker";
import { migrateDatabase, migrateHandle } from "@/db/migrate";
import { DEFAULT_JOB_POLICY } from "@/lib/jobs/kinds";
import { cpuOf, cpuBetween, cpuSeconds } from "./support/process";

const SERVER_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const DRIVERS = (process.env.BENCH_DRIVERS ?? "pglite,postgres").split(",") as Array<"pglite" | "postgres">;
const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const JOBS = argument("jobs", 10_000);
const CONCURRENCY = argument("concurrency", 16);
const BATCH = 100;
const PARALLEL_REQUESTS = 10;

type Database = { handle: DatabaseHandle; backends: () => Promise<number[]>; drop: () => Promise<void> };

async function openDatabase(driver: "pglite" | "postgres"): Promise<Database> {
  if (driver === "pglite") {
    const folder = mkdtempSync(path.join(tmpdir(), "pressroom-bench-jobs-"));
    const handle = await connect({ pgliteDir: path.join(folder, "db") });
    await migrateHandle(handle);
    return { handle, backends: async () => [], drop: async () => (await handle.close(), rmSync(folder, { recursive: true, force: true })) };
  }
  const name = `pressroom_bench_jobs_${randomBytes(4).toString("hex")}`;
  const admin = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  await migrateDatabase({ url: url.toString(), pgliteDir: "" });
  const handle = await connect({ url: url.toString(), pgliteDir: "", max: PARALLEL_REQUESTS + 2 });
  return {
    handle,
    backends: async () => (await handle.rows<{ pid: number }>(sql`select pid from pg_stat_activity where datname = current_database()`)).map((row) => row.pid),
    drop: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** Wall time and CPU (this process; the database's backends on Postgres) of one phase. */
async function measure(database: Database, body: () => Promise<void>) {
  const pids = await database.backends();
  const before = { node: cpuSeconds(process.pid), db: cpuOf(pids) };
  const started = process.hrtime.bigint();
  await body();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const node = cpuSeconds(process.pid) - before.node;
  const db = cpuBetween(before.db, cpuOf(pids));
  return { seconds, node, db };
}

const noop = defineJobHandler({ policy: DEFAULT_JOB_POLICY, payload: z.strictObject({ n: z.number().int() }), run: async () => {} });
const payloads = (kind: string, from: number, count: number) => Array.from({ length: count }, (_, n) => ({ kind, payload: { n: from + n } }));

async function run(driver: "pglite" | "postgres") {
  const database = await openDatabase(driver);
  const { db } = database.handle;
  const rows: Record<string, string | number>[] = [];
  const row = (phase: string, result: { seconds: number; node: number; db: number }, target: string) => {
    rows.push({
      driver,
      phase,
      jobs: JOBS,
      "wall s": result.seconds.toFixed(2),
      "jobs/s": Math.round(JOBS / result.seconds),
      "node CPU ms / 1k jobs": Math.round((result.node * 1e6) / JOBS),
      ...(driver === "postgres" ? { "postgres CPU ms / 1k jobs": Math.round((result.db * 1e6) / JOBS) } : { "postgres CPU ms / 1k jobs": "—" }),
      target,
    });
  };
  try {
    row(
      `enqueue, ${BATCH} per transaction`,
      await measure(database, async () => {
        for (let from = 0; from < JOBS; from += BATCH) await db.transaction((tx) => enqueueJobs(tx, payloads("bench_noop", from, Math.min(BATCH, JOBS - from))));
      }),
      "< 3 s",
    );
    row(
      `enqueue, 1 per transaction (${driver === "postgres" ? PARALLEL_REQUESTS : 1} at a time)`,
      await measure(database, async () => {
        let next = 0;
        const lanes = driver === "postgres" ? PARALLEL_REQUESTS : 1;
        await Promise.all(
          Array.from({ length: lanes }, async () => {
            while (next < JOBS) {
              const n = next++;
              await db.transaction((tx) => enqueueJobs(tx, payloads("bench_single", n, 1)));
            }
          }),
        );
      }),
      "",
    );
    // The worker runs the batched jobs; the single ones are cleared first so both phases time the same work.
    await db.execute(sql`delete from jobs where kind = 'bench_single'`);
    let finished = 0;
    const worker = new JobWorker(db, { bench_noop: { ...noop, run: async () => void (finished += 1) } }, { concurrency: CONCURRENCY, leaseMs: 30_000, pollMs: 50 });
    row(
      `run no-op jobs (concurrency ${CONCURRENCY})`,
      await measure(database, async () => {
        await worker.drain();
      }),
      driver === "postgres" ? "≥ 500/s" : "",
    );
    const [left] = await database.handle.rows<{ n: number }>(sql`select count(*)::int as n from jobs where state <> 'done'`);
    if (finished < JOBS || Number(left!.n) !== 0) throw new Error(`only ${finished} of ${JOBS} jobs ran (${left!.n} not done)`);
  } finally {
    await database.drop();
  }
  return rows;
}

async function main() {
  const rows: Record<string, string | number>[] = [];
  for (const driver of DRIVERS) rows.push(...(await run(driver)));
  console.log(`\nJob queue · ${JOBS.toLocaleString("en")} jobs · ${process.version} · load ${(await import("node:os")).loadavg().map((n) => n.toFixed(1)).join(" ")}\n`);
  console.table(rows);
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
