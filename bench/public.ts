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
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import postgres from "postgres";
import { migrateDatabase } from "@/db/migrate";
import { connect } from "@/db/connect";
import { bootstrap } from "@/db/seed/bootstrap";
import { renderBodyHtml, bodyToPlainText } from "@/lib/content/render";
import { setProcessDatabase } from "@/db/client";
import { queryFeedSource } from "@/db/public/feed-items";
import { queryReleasePage } from "@/db/public/listing";
import { searchPublications } from "@/db/public/search";
import { yearRange } from "@/lib/public/date-range";
import { normaliseSearchQuery } from "@/lib/public/search-query";
import { buildIfNeeded } from "../scripts/build-fingerprint";

const SERVER_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const APP_PORT = 3300;
const NGINX_STATIC_PORT = 3301;
const NGINX_PROXY_PORT = 3302;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const TOPICS = ["health", "trade", "climate", "human-rights", "migration", "disarmament", "development", "culture", "education", "science"];
const CLOCK_TICKS = Number(spawnSync("getconf", ["CLK_TCK"]).stdout.toString().trim() || 100);

function sizesFromArgs(): number[] {
  const index = process.argv.indexOf("--releases");
  if (index > 0) return [Number(process.argv[index + 1])];
  return [1_000, 100_000];
}

/** A realistic one-page release body, rendered once: every row gets the same HTML with its own headline. */
function sampleBody() {
  const paragraph = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });
  return {
    type: "doc",
    content: [
      paragraph("The Mission welcomes the adoption today of the resolution on public health preparedness, which the delegations negotiated over several months."),
      { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Key points" }] },
      {
        type: "bulletList",
        content: ["Argentina", "Brazil", "Canada", "Denmark", "Egypt", "Finland"].map((name) => ({
          type: "listItem",
          content: [paragraph(`${name} joined the sponsors of the text.`)],
        })),
      },
      { type: "blockquote", content: [paragraph("We are proud of what the delegations achieved together.")] },
      ...Array.from({ length: 6 }, (_, i) => paragraph(`Paragraph ${i + 1}: delegations discussed the follow-up in detail and agreed on next steps for the coming year, including reporting and financing.`)),
    ],
  };
}

async function seed(url: string, count: number) {
  await migrateDatabase({ url, pgliteDir: "" });
  const handle = await connect({ url, pgliteDir: "" });
  await bootstrap(handle.db, { demo: false });
  await handle.close();
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const body = sampleBody();
  const html = renderBodyHtml(body);
  const text = bodyToPlainText(body);
  for (const slug of TOPICS) await sql`insert into topics (slug, name) values (${slug}, ${slug.replace("-", " ")}) on conflict do nothing`;
  const [admin] = await sql<{ id: string }[]>`select id from users limit 1`;
  const started = Date.now();
  const batch = 10_000;
  for (let from = 0; from < count; from += batch) {
    const to = Math.min(count, from + batch) - 1;
    await sql.begin(async (tx) => {
      await tx`
        insert into releases (slug, status, created_by)
        select 'bench-release-' || i, 'published', ${admin!.id}::uuid from generate_series(${from}::int, ${to}::int) as i`;
      await tx`
        insert into publications (release_id, revision_id, content_hash, slug, type_slug, type_name, language, topics,
          headline, summary, html, plain_text, published_at, updated_at, time_zone)
        select r.id, gen_random_uuid(), 'bench', r.slug, 'press-release', 'Press release',
          case when i % 10 = 0 then 'fr' else 'en' end,
          jsonb_build_array((${TOPICS}::text[])[(i % ${TOPICS.length}) + 1]),
          case when i % 10 = 0 then 'La Mission salue la résolution numéro ' || i else 'Mission welcomes resolution number ' || i || ' on public health' end,
          'Summary of release ' || i || ': the Mission welcomes the resolution.',
          ${html}, ${text} || ' release ' || i,
          now() - make_interval(mins => i * 53), now() - make_interval(mins => i * 53), 'UTC'
        from generate_series(${from}::int, ${to}::int) as i
        join releases r on r.slug = 'bench-release-' || i`;
    });
  }
  await sql`analyze`;
  await sql.end();
  return (Date.now() - started) / 1000;
}

function waitForOutput(child: ChildProcess, text: string, what: string) {
  let output = "";
  return new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(text)) resolve();
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => reject(new Error(`${what} exited with ${code}:\n${output}`)));
  });
}

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS; // utime + stime
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

async function stop(child: ChildProcess | undefined) {
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.on("exit", () => resolve());
    child.kill("SIGTERM");
  });
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

    app = spawn(process.execPath, ["scripts/server.mjs"], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        PORT: String(APP_PORT),
        SITE_URL: `http://localhost:${APP_PORT}`,
        DATABASE_URL: url.toString(),
        AUTH_SECRET: randomBytes(24).toString("base64url"),
        DATA_DIR: path.join(work, "data"),
        SCHEDULER_INTERVAL_MS: "0",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    await waitForOutput(app, "Pressroom is serving", "the app");
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
