// Public-site load benchmark. Seeds N published releases into a database of its own on the Postgres
// server, starts the production server on it, and measures with autocannon (50 connections) the release
// page, the home page, /feed.xml, a topic page and a search, with the server's CPU time per request read
// from /proc. In the same run nginx (Debian package, loopback) serves saved copies of the release page
// and the feed — the ceiling of this machine — and, as a proxy_cache with a 1-second micro-cache, the
// app itself. Prints a table per N.
//
//   npm run bench:public                      # 1 000 and 100 000 releases
//   npm run bench:public -- --releases 1000   # one size
//   BENCH_DATABASE_URL=postgres://… (default postgres://postgres@127.0.0.1:5432/postgres)
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import postgres from "postgres";
import { migrateDatabase } from "@/db/migrate";
import { connect } from "@/db/connect";
import { bootstrap } from "@/db/seed/bootstrap";
import { setProcessDatabase } from "@/db/client";
import { queryFeedSource } from "@/db/public/feed-items";
import { queryReleasePage } from "@/db/public/listing";
import { searchPublications } from "@/db/public/search";
import { yearRange } from "@/lib/public/date-range";
import { normaliseSearchQuery } from "@/lib/public/search-query";
import { buildIfNeeded } from "../scripts/build-fingerprint";
import { cpuSeconds, startServer, stop } from "./support/process";
import { seedPublished, TOPICS } from "./support/seed";

const SERVER_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const APP_PORT = 3300;
const NGINX_STATIC_PORT = 3301;
const NGINX_PROXY_PORT = 3302;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;

function sizesFromArgs(): number[] {
  const index = process.argv.indexOf("--releases");
  if (index > 0) return [Number(process.argv[index + 1])];
  return [1_000, 100_000];
}

async function seed(url: string, count: number) {
  await migrateDatabase({ url, pgliteDir: "" });
  const handle = await connect({ url, pgliteDir: "" });
  try {
    await bootstrap(handle.db, { demo: false });
    return await seedPublished(handle, count);
  } finally {
    await handle.close();
  }
}

/** p50 and p95 of the uncached queries behind lists, topic pages, search and feeds (no page cache at all). */
async function measureQueries(url: string) {
  const handle = await connect({ url, pgliteDir: "" });
  setProcessDatabase(handle);
  const words = ["resolution", "health", "\"public health\"", "mission -trade", "résolution", "delegations", "sponsors", "numéro"];
  const pick = <T,>(list: readonly T[], i: number) => list[i % list.length]!;
  const year = new Date().getUTCFullYear();
  const cases: [string, (i: number) => Promise<unknown>][] = [
    ["home list (first page)", () => queryReleasePage({ limit: 20 })],
    ["list of one year", (i) => queryReleasePage({ limit: 20, range: yearRange(year - (i % 10)) })],
    ["topic page", (i) => queryReleasePage({ limit: 20, topic: pick(TOPICS, i) })],
    ["search", (i) => searchPublications(normaliseSearchQuery(pick(words, i)), 1)],
    ["topic feed (50 items)", (i) => queryFeedSource(handle.db, { kind: "topic", slug: pick(TOPICS, i) }, 50)],
    ["site-wide feed (50 items)", () => queryFeedSource(handle.db, { kind: "all" }, 50)],
  ];
  const rows: { query: string; p50: number; p95: number }[] = [];
  for (const [name, run] of cases) {
    for (let i = 0; i < 5; i += 1) await run(i); // warm the connection and the plan
    const samples: number[] = [];
    for (let i = 0; i < 100; i += 1) {
      const started = process.hrtime.bigint();
      await run(i);
      samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    samples.sort((a, b) => a - b);
    rows.push({ query: name, p50: samples[49]!, p95: samples[94]! });
  }
  await handle.close();
  return rows;
}

type Row = { target: string; rps: number; p50: number; p99: number; errors: number; cpuMsPerRequest: number | null };

async function measure(target: string, url: string, pid: number | null): Promise<Row> {
  await autocannon({ url, connections: 10, duration: 2 }); // warm-up (and fill caches)
  const cpuBefore = pid ? cpuSeconds(pid) : 0;
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S });
  const cpuAfter = pid ? cpuSeconds(pid) : 0;
  const requests = result.requests.total;
  const errors = result.errors + result.timeouts + result.non2xx;
  return {
    target,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors,
    cpuMsPerRequest: pid && requests > 0 ? ((cpuAfter - cpuBefore) * 1000) / requests : null,
  };
}

function nginxConfig(prefix: string, staticRoot: string) {
  return `
worker_processes auto;
user root;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
daemon off;
events { worker_connections 1024; }
http {
  access_log off;
  types { text/html html; application/rss+xml xml; }
  proxy_cache_path ${prefix}/cache levels=1:2 keys_zone=micro:10m max_size=100m inactive=10s use_temp_path=off;
  client_body_temp_path ${prefix}/client; proxy_temp_path ${prefix}/proxy; fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi; scgi_temp_path ${prefix}/scgi;
  server {
    listen 127.0.0.1:${NGINX_STATIC_PORT};
    root ${staticRoot};
    location = /release { default_type text/html; try_files /release.html =404; }
    location = /feed.xml { default_type application/rss+xml; }
  }
  # The documented deployment: nginx in front of the app with a 1-second micro-cache. proxy_cache
  # honours the app's Cache-Control (public pages and feeds are shared-cacheable; staff pages say
  # private/no-store and are never stored); proxy_cache_valid only covers responses without it.
  server {
    listen 127.0.0.1:${NGINX_PROXY_PORT};
    location / {
      proxy_pass http://127.0.0.1:${APP_PORT};
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_cache micro;
      proxy_cache_valid 200 301 410 1s;
      proxy_cache_lock on;
      proxy_cache_use_stale updating error timeout;
      proxy_cache_background_update on;
    }
  }
}`;
}

async function run(count: number) {
  const admin = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
  const name = `pressroom_bench_${randomBytes(4).toString("hex")}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const work = mkdtempSync(path.join(tmpdir(), "pressroom-bench-"));
  chmodSync(work, 0o755); // nginx's workers run as another user and must read the saved pages
  let app: ChildProcess | undefined;
  let nginx: ChildProcess | undefined;
  try {
    const seconds = await seed(url.toString(), count);
    console.log(`seeded ${count.toLocaleString("en")} releases in ${seconds.toFixed(1)} s`);
    const queries = await measureQueries(url.toString());

    app = await startServer(APP_PORT, {
      DATABASE_URL: url.toString(),
      AUTH_SECRET: randomBytes(24).toString("base64url"),
      DATA_DIR: path.join(work, "data"),
    });
    const base = `http://127.0.0.1:${APP_PORT}`;

    const releasePath = "/releases/bench-release-7";
    const staticRoot = path.join(work, "static");
    spawnSync("mkdir", ["-p", staticRoot, path.join(work, "nginx")]);
    writeFileSync(path.join(staticRoot, "release.html"), await (await fetch(base + releasePath)).text());
    writeFileSync(path.join(staticRoot, "feed.xml"), await (await fetch(base + "/feed.xml")).text());
    const prefix = path.join(work, "nginx");
    writeFileSync(path.join(prefix, "nginx.conf"), nginxConfig(prefix, staticRoot));
    nginx = spawn("nginx", ["-p", prefix, "-c", path.join(prefix, "nginx.conf")], { stdio: ["ignore", "pipe", "pipe"] });
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (nginx.exitCode !== null) throw new Error("nginx did not start (is the Debian package installed? apt-get install -y nginx)");

    const rows: Row[] = [];
    rows.push(await measure("nginx static: release page", `http://127.0.0.1:${NGINX_STATIC_PORT}/release`, null));
    rows.push(await measure("nginx static: /feed.xml", `http://127.0.0.1:${NGINX_STATIC_PORT}/feed.xml`, null));
    rows.push(await measure("app: release page (cached)", base + releasePath, app.pid!));
    rows.push(await measure("app: /feed.xml", base + "/feed.xml", app.pid!));
    rows.push(await measure("app: home", base + "/", app.pid!));
    rows.push(await measure("app: topic page", base + "/topics/health", app.pid!));
    rows.push(await measure("app: search", base + "/search?q=resolution+health", app.pid!));
    rows.push(await measure("nginx micro-cache → app: release page", `http://127.0.0.1:${NGINX_PROXY_PORT}${releasePath}`, app.pid!));
    rows.push(await measure("nginx micro-cache → app: /feed.xml", `http://127.0.0.1:${NGINX_PROXY_PORT}/feed.xml`, app.pid!));
    printTable(count, rows);
    console.log(`\nUncached queries at ${count.toLocaleString("en")} releases (100 runs each, target p95 < 30 ms)\n`);
    console.log("| query | p50 ms | p95 ms |");
    console.log("| --- | ---: | ---: |");
    for (const row of queries) console.log(`| ${row.query} | ${row.p50.toFixed(1)} | ${row.p95.toFixed(1)} |`);
  } finally {
    await stop(nginx);
    await stop(app);
    rmSync(work, { recursive: true, force: true });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

function printTable(count: number, rows: Row[]) {
  const ceiling = (kind: string) => rows.find((row) => row.target === `nginx static: ${kind}`)?.rps ?? NaN;
  console.log(`\n${count.toLocaleString("en")} releases · ${CONNECTIONS} connections · ${DURATION_S} s each · ${process.version}\n`);
  console.log("| target | req/s | p50 ms | p99 ms | errors | server CPU ms/req | % of nginx static |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const row of rows) {
    const kind = row.target.includes("feed") ? "/feed.xml" : row.target.includes("release page") ? "release page" : null;
    const share = kind && !row.target.startsWith("nginx static") ? `${((row.rps / ceiling(kind)) * 100).toFixed(1)} %` : "";
    const cpu = row.cpuMsPerRequest === null ? "" : row.cpuMsPerRequest.toFixed(2);
    console.log(`| ${row.target} | ${Math.round(row.rps).toLocaleString("en")} | ${row.p50} | ${row.p99} | ${row.errors} | ${cpu} | ${share} |`);
  }
}

async function main() {
  if (spawnSync("nginx", ["-v"]).error) {
    console.error("nginx is not installed: apt-get install -y nginx (the benchmark compares against it).");
    process.exit(1);
  }
  if (!buildIfNeeded()) process.exit(1);
  for (const count of sizesFromArgs()) await run(count);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
