// How soon a batch of scheduled releases is visible on every instance (issue #11, item 4). Seeds N
// releases scheduled for later in a database of its own on the Postgres server, starts three production
// instances on it (their schedulers on), warms every instance's home page, feed and the releases' (still
// unknown) pages, then makes all N due at the same second. The benchmark notes when each publication
// row is committed (polling the table every 10 ms) and when each instance first shows it: the release
// page answering 200, and the home page and /feed.xml listing the last release written. It also counts
// the change notices sent. Target: every release visible on every instance ≤ 1 s after it was written.
//
//   npm run bench:visibility                    # 200 releases
//   npm run bench:visibility -- --releases 52
//   BENCH_DATABASE_URL=postgres://… (default postgres://postgres@127.0.0.1:5432/postgres)
import { randomBytes } from "node:crypto";
import type { ChildProcess } from "node:child_process";
import postgres from "postgres";
import type { Viewer } from "@/db/access";
import { setProcessDatabase } from "@/db/client";
import { connect } from "@/db/connect";
import { migrateDatabase } from "@/db/migrate";
import { PUBLIC_CHANGE_CHANNEL } from "@/db/publishing/public-change";
import { createRelease } from "@/db/releases/create";
import { transitionRelease } from "@/db/releases/transition";
import { settings } from "@/db/schema";
import { bootstrap } from "@/db/seed/bootstrap";
import { toLocalInput } from "@/lib/time/zoned";
import { makeStaff } from "../tests/support/staff";
import { buildIfNeeded } from "../scripts/build-fingerprint";
import { loadAverage, startServer, stop } from "./support/process";
import { sampleBody } from "./support/seed";

const SERVER_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const PORTS = [3413, 3414, 3415];
const TARGET_MS = 1_000;
const count = (() => {
  const index = process.argv.indexOf("--releases");
  return index > 0 ? Number(process.argv[index + 1]) : 200;
})();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function get(port: number, path: string) {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { redirect: "manual" });
  return { status: response.status, text: await response.text() };
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function seed(url: string): Promise<string[]> {
  await migrateDatabase({ url, pgliteDir: "" });
  const handle = await connect({ url, pgliteDir: "" });
  setProcessDatabase(handle);
  await bootstrap(handle.db, { demo: false });
  const writer: Viewer = await makeStaff(handle.db, "writer", "Bench writer");
  const editor: Viewer = await makeStaff(handle.db, "editor", "Bench editor");
  const zone = (await handle.db.select({ timeZone: settings.timeZone }).from(settings))[0]?.timeZone ?? "UTC";
  const at = { local: toLocalInput(new Date(Date.now() + 24 * 60 * 60_000), zone) };
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { id, version } = await createRelease(writer, { headline: `Due together ${i + 1} ${randomBytes(3).toString("hex")}`, body: sampleBody(2) });
    const submitted = await transitionRelease(writer, { releaseId: id, action: "submit", expectedVersion: version });
    const approved = await transitionRelease(editor, { releaseId: id, action: "approve", expectedVersion: submitted.version });
    await transitionRelease(editor, { releaseId: id, action: "schedule", expectedVersion: approved.version, at });
    ids.push(id);
  }
  await handle.close();
  return ids;
}

async function main() {
  if (!buildIfNeeded()) throw new Error("the build failed");
  const name = `pressroom_bench_visibility_${randomBytes(4).toString("hex")}`;
  const admin = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const instances: ChildProcess[] = [];
  const sql = postgres(url.toString(), { max: 2, onnotice: () => {} });
  try {
    const started = Date.now();
    await seed(url.toString());
    const slugs = (await sql<{ slug: string }[]>`select slug from releases where status = 'scheduled' order by created_at`).map((row) => row.slug);
    console.log(`seeded ${slugs.length} scheduled releases in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const secret = randomBytes(24).toString("base64url");
    for (const port of PORTS) {
      instances.push(await startServer(port, { DATABASE_URL: url.toString(), AUTH_SECRET: secret, DATA_DIR: `.test-data/bench-visibility-${port}`, SCHEDULER_INTERVAL_MS: "1000" }));
    }
    // Warm: every instance has its home page, its feed and the (unknown, 404) release pages cached.
    for (const port of PORTS) {
      for (const path of ["/", "/feed.xml", "/", "/feed.xml"]) await get(port, path);
      await pool(slugs, 8, async (slug) => void (await get(port, `/releases/${slug}`)));
    }

    let notices = 0;
    const listener = postgres(url.toString(), { max: 1, onnotice: () => {} });
    await listener.listen(PUBLIC_CHANGE_CHANNEL, () => (notices += 1));

    // All due at the same second; each instance's scheduler takes its share on its next tick.
    await sql`update releases set publish_at = now() where status = 'scheduled'`;
    const written = new Map<string, number>();
    const seen = new Map<string, number>(); // `${port} ${slug}` → first 200
    const listed = new Map<string, { home?: number; feed?: number }>();
    let last = "";
    const deadline = Date.now() + 60_000;

    const watchWrites = (async () => {
      while (written.size < slugs.length && Date.now() < deadline) {
        for (const row of await sql<{ slug: string }[]>`select slug from publications`) {
          if (!written.has(row.slug)) {
            written.set(row.slug, Date.now());
            last = row.slug;
          }
        }
        await sleep(10);
      }
    })();

    const watchPages = (async () => {
      while (seen.size < slugs.length * PORTS.length && Date.now() < deadline) {
        const pending = PORTS.flatMap((port) => [...written.keys()].filter((slug) => !seen.has(`${port} ${slug}`)).map((slug) => ({ port, slug })));
        await pool(pending, 16, async ({ port, slug }) => {
          if ((await get(port, `/releases/${slug}`)).status === 200) seen.set(`${port} ${slug}`, Date.now());
        });
        await sleep(20);
      }
    })();

    const watchLists = (async () => {
      await watchWrites;
      const newest = last;
      const wrote = written.get(newest)!;
      await Promise.all(
        PORTS.map(async (port) => {
          const times: { home?: number; feed?: number } = {};
          listed.set(String(port), times);
          while ((times.home === undefined || times.feed === undefined) && Date.now() < deadline) {
            if (times.home === undefined && (await get(port, "/")).text.includes(newest)) times.home = Date.now() - wrote;
            if (times.feed === undefined && (await get(port, "/feed.xml")).text.includes(newest)) times.feed = Date.now() - wrote;
            await sleep(20);
          }
        }),
      );
    })();

    await Promise.all([watchWrites, watchPages, watchLists]);
    await sleep(500);
    await listener.end({ timeout: 1 });

    const firstWrite = Math.min(...written.values());
    const lastWrite = Math.max(...written.values());
    console.log(`\n${written.size} releases written over ${lastWrite - firstWrite} ms; ${notices} change notices; load average ${loadAverage()}\n`);
    console.log("| instance | release pages visible after written: p50 / p95 / max (ms) | home lists the last written (ms) | /feed.xml lists it (ms) | target |");
    console.log("|---|---|---|---|---|");
    let worst = 0;
    for (const port of PORTS) {
      const delays = [...written].map(([slug, at]) => (seen.get(`${port} ${slug}`) ?? Infinity) - at);
      const lists = listed.get(String(port)) ?? {};
      worst = Math.max(worst, ...delays, lists.home ?? Infinity, lists.feed ?? Infinity);
      console.log(
        `| :${port} | ${percentile(delays, 50)} / ${percentile(delays, 95)} / ${Math.max(...delays)} | ${lists.home ?? "never"} | ${lists.feed ?? "never"} | ≤ ${TARGET_MS} |`,
      );
    }
    console.log(`\nslowest: ${worst} ms — ${worst <= TARGET_MS ? "within" : "OVER"} the ${TARGET_MS} ms target`);
  } finally {
    for (const instance of instances) await stop(instance);
    await sql.end({ timeout: 1 });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

void main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
