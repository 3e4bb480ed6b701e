// Speed where the page cache does not help (issue #13), on both drivers: autosave (10 writers each
// saving a 5 KB release every second), unknown addresses, uncached renders (an unseen query string,
// tracking parameters), the cached release page, and the server's memory idle and after a soak of
// 50,000 requests over 20,000 addresses. Server CPU per request from /proc: the app's process, plus
// on Postgres the database's backend processes serving it. Prints one table with the targets.
//
//   npm run bench:speed                        # Postgres and PGlite
//   npm run bench:speed -- --driver pglite     # one driver
//   BENCH_DATABASE_URL=postgres://… (default postgres://postgres@127.0.0.1:5432/postgres)
//   BENCH_SECONDS=10 (per load measurement), BENCH_AUTOSAVE_SECONDS=20
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { eq } from "drizzle-orm";
import postgres from "postgres";
import { setProcessDatabase } from "@/db/client";
import { connect, type DatabaseHandle } from "@/db/connect";
import { migrateDatabase } from "@/db/migrate";
import { createRelease } from "@/db/releases/create";
import { users } from "@/db/schema";
import { bootstrap } from "@/db/seed/bootstrap";
import { insertStaffMember } from "@/db/staff/insert";
import { buildIfNeeded } from "../scripts/build-fingerprint";
import { cpuBetween, cpuOf, loadAverage, rssMegabytes, startServer, stop } from "./support/process";
import { sampleBody, seedPublished } from "./support/seed";

type Driver = "postgres" | "pglite";

const SERVER_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const PORTS: Record<Driver, number> = { postgres: 3700, pglite: 3701 };
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const AUTOSAVE_S = Number(process.env.BENCH_AUTOSAVE_SECONDS ?? 20);
const CONNECTIONS = 50;
const RELEASES = 1_000;
const WRITERS = 10;
const SOAK_REQUESTS = 50_000;
const SOAK_ADDRESSES = 20_000;
const RELEASE_PATH = "/releases/bench-release-7";

function driversFromArgs(): Driver[] {
  const index = process.argv.indexOf("--driver");
  if (index > 0) return [process.argv[index + 1] as Driver];
  return ["postgres", "pglite"];
}

const token = () => randomBytes(6).toString("hex");

/** The processes doing the server's work: the app, and on Postgres the backends connected to its database. */
type Meter = { pids: () => Promise<number[]> };

async function measuredCpu<T>(meter: Meter, work: () => Promise<T>): Promise<{ result: T; cpuSeconds: number }> {
  const before = cpuOf(await meter.pids());
  const result = await work();
  const after = cpuOf(await meter.pids());
  return { result, cpuSeconds: cpuBetween(before, after) };
}

type LoadRow = { rps: number; p50: number; p99: number; errors: number; cpuMs: number };

/** autocannon against `pathOf()` (called per request, so every request may be a new address). */
async function load(meter: Meter, base: string, pathOf: () => string, expectStatus: number): Promise<LoadRow> {
  const options = (duration: number, connections: number) => ({
    url: base,
    connections,
    duration,
    requests: [{ setupRequest: (request: autocannon.Request) => ({ ...request, path: pathOf() }) }],
  });
  await autocannon(options(2, 10)); // warm-up
  const { result, cpuSeconds } = await measuredCpu(meter, () => autocannon(options(DURATION_S, CONNECTIONS)));
  const requests = result.requests.total;
  const wrongStatus = Object.entries(result.statusCodeStats ?? {})
    .filter(([status]) => Number(status) !== expectStatus)
    .reduce((sum, [, stats]) => sum + (stats as { count: number }).count, 0);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + wrongStatus,
    cpuMs: requests > 0 ? (cpuSeconds * 1000) / requests : NaN,
  };
}

/** A release of about 5 KB as the editor sends it; `n` changes the last paragraph so each save is a change. */
function autosaveContent(headline: string, n: number) {
  const body = sampleBody(22);
  body.content.push({ type: "paragraph", content: [{ type: "text", text: `Typed so far: ${n}.` }] });
  return { headline, body };
}

type AutosaveRow = { saves: number; conflicts: number; errors: number; p50: number; p95: number; bytes: number; requestBytes: number; cpuMs: number };

/** WRITERS people, each with their own release open, each autosaving once a second for AUTOSAVE_S seconds. */
async function autosave(meter: Meter, base: string, site: string, writers: { cookie: string; releaseId: string; headline: string }[]): Promise<AutosaveRow> {
  const latencies: number[] = [];
  let conflicts = 0;
  let errors = 0;
  let bytes = 0;
  let requestBytes = 0;
  const save = async (writer: (typeof writers)[number], version: number, n: number) => {
    const body = JSON.stringify({ expectedVersion: version, content: autosaveContent(writer.headline, n) });
    requestBytes = Math.max(requestBytes, Buffer.byteLength(body));
    const started = performance.now();
    const response = await fetch(`${base}/api/releases/${writer.releaseId}/draft`, {
      method: "PUT",
      headers: { "content-type": "application/json", origin: site, cookie: writer.cookie },
      body,
    });
    const text = await response.text();
    latencies.push(performance.now() - started);
    bytes = Math.max(bytes, Buffer.byteLength(text) + [...response.headers].reduce((sum, [name, value]) => sum + name.length + value.length + 4, 0));
    if (response.status === 409) conflicts += 1;
    else if (response.status !== 200) errors += 1;
    return response.status === 200 ? (JSON.parse(text) as { version: number }).version : version;
  };
  // Warm-up: one save each (and the versions to start from).
  const versions = await Promise.all(writers.map((writer) => save(writer, 1, 0)));
  latencies.length = 0;
  const { cpuSeconds } = await measuredCpu(meter, async () => {
    const until = Date.now() + AUTOSAVE_S * 1000;
    await Promise.all(
      writers.map(async (writer, index) => {
        await new Promise((resolve) => setTimeout(resolve, (index * 1000) / writers.length));
        for (let n = 1; Date.now() < until; n += 1) {
          const due = Date.now() + 1000;
          versions[index] = await save(writer, versions[index]!, n);
          await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
        }
      }),
    );
  });
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? NaN;
  return { saves: latencies.length, conflicts, errors, p50: at(0.5), p95: at(0.95), bytes, requestBytes, cpuMs: (cpuSeconds * 1000) / latencies.length };
}

/** 50,000 requests over 20,000 addresses: every release page, unknown releases and paths, query strings. */
async function soak(base: string) {
  const addresses: string[] = [];
  for (let i = 0; addresses.length < SOAK_ADDRESSES; i += 1) {
    const kind = i % 5;
    if (i < RELEASES) addresses.push(`/releases/bench-release-${i}`);
    else if (kind === 0) addresses.push(`/releases/no-such-release-${i}`);
    else if (kind === 1) addresses.push(`/no/such/page-${i}`);
    else if (kind === 2) addresses.push(`/releases/bench-release-${i % RELEASES}?ref=${i}`);
    else if (kind === 3) addresses.push(`/releases/bench-release-${i % RELEASES}?utm_source=newsletter&utm_campaign=c${i}`);
    else addresses.push(`/releases/bench-release-${i % RELEASES}?fbclid=${i}`);
  }
  let next = 0;
  const result = await autocannon({
    url: base,
    connections: 20,
    amount: SOAK_REQUESTS,
    timeout: 30,
    requests: [{ setupRequest: (request: autocannon.Request) => ({ ...request, path: addresses[next++ % addresses.length]! }) }],
  });
  return { requests: result.requests.total, errors: result.errors + result.timeouts + result["5xx"] };
}

type DriverResult = {
  driver: Driver;
  idleMb: number;
  soakMb: number;
  soakSettledMb: number;
  soakErrors: number;
  autosave: AutosaveRow;
  rows: Record<string, LoadRow>;
};

async function signIn(base: string, site: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${base}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: site },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`sign-in of ${email} failed: ${response.status} ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

/** Seeds the releases, the writers and their drafts. */
async function prepare(handle: DatabaseHandle) {
  await bootstrap(handle.db, { demo: false });
  await seedPublished(handle, RELEASES);
  setProcessDatabase(handle);
  const writers: { email: string; password: string; releaseId: string; headline: string }[] = [];
  for (let i = 0; i < WRITERS; i += 1) {
    const { user, oneTimePassword } = await insertStaffMember(handle.db, { email: `writer${i}.${token()}@bench.example`, name: `Bench Writer ${i}`, role: "writer" });
    await handle.db.update(users).set({ mustChangePassword: false }).where(eq(users.id, user.id));
    const headline = `Autosave benchmark ${i}`;
    const { id } = await createRelease({ id: user.id, email: user.email, name: user.name, role: "writer", mustChangePassword: false }, autosaveContent(headline, 0));
    writers.push({ email: user.email, password: oneTimePassword, releaseId: id, headline });
  }
  return writers;
}

async function runDriver(driver: Driver): Promise<DriverResult> {
  const port = PORTS[driver];
  const base = `http://127.0.0.1:${port}`;
  const site = `http://localhost:${port}`;
  const work = mkdtempSync(path.join(tmpdir(), "pressroom-h5-speed-"));
  const admin = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
  const name = `pressroom_h5_speed_${token()}`;
  let app: ChildProcess | undefined;
  try {
    let url: string | undefined;
    const pgliteDir = path.join(work, "pglite");
    if (driver === "postgres") {
      await admin.unsafe(`create database ${name}`);
      const address = new URL(SERVER_URL);
      address.pathname = `/${name}`;
      url = address.toString();
    }
    await migrateDatabase({ url, pgliteDir });
    const handle = await connect({ url, pgliteDir });
    const writers = await prepare(handle);
    await handle.close(); // the embedded database has one opener: the server

    app = await startServer(port, {
      DATABASE_URL: url ?? "",
      DATA_DIR: path.join(work, "data"),
      PGLITE_DIR: pgliteDir,
      AUTH_SECRET: randomBytes(24).toString("base64url"),
    });
    const appPid = app.pid!;
    const meter: Meter = {
      pids: async () => {
        if (driver === "pglite") return [appPid];
        const backends = await admin<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${name}`;
        return [appPid, ...backends.map((row) => row.pid)];
      },
    };
    const cookies: string[] = [];
    for (const writer of writers) cookies.push(await signIn(base, site, writer.email, writer.password));

    // Idle: started, each kind of page asked for once, then left alone.
    for (const address of [RELEASE_PATH, "/", "/feed.xml", "/releases/no-such-release", "/no-such-page"]) await (await fetch(base + address)).arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const idleMb = rssMegabytes(appPid);

    const rows: Record<string, LoadRow> = {};
    rows.cached = await load(meter, base, () => RELEASE_PATH, 200);
    rows.unknownRelease = await load(meter, base, () => `/releases/unknown-${token()}`, 404);
    rows.unknownPath = await load(meter, base, () => `/${token()}/${token()}`, 404);
    rows.query = await load(meter, base, () => `${RELEASE_PATH}?ref=${token()}`, 200);
    rows.tracking = await load(meter, base, () => `${RELEASE_PATH}?utm_source=${token()}&utm_medium=email&fbclid=${token()}`, 200);
    const saves = await autosave(
      meter,
      base,
      site,
      writers.map((writer, index) => ({ cookie: cookies[index]!, releaseId: writer.releaseId, headline: writer.headline })),
    );

    const soaked = await soak(base);
    const soakMb = rssMegabytes(appPid);
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    const soakSettledMb = rssMegabytes(appPid);
    return { driver, idleMb, soakMb, soakSettledMb, soakErrors: soaked.errors, autosave: saves, rows };
  } finally {
    await stop(app);
    rmSync(work, { recursive: true, force: true });
    if (driver === "postgres") await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

function printTable(results: DriverResult[], loadBefore: string) {
  const by = (driver: Driver) => results.find((result) => result.driver === driver);
  const pg = by("postgres");
  const lite = by("pglite");
  const cell = (result: DriverResult | undefined, show: (result: DriverResult) => string) => (result ? show(result) : "—");
  const f1 = (value: number) => value.toFixed(1);
  const f2 = (value: number) => value.toFixed(2);
  const rps = (value: number) => Math.round(value).toLocaleString("en");
  const loadRow = (key: string) => (result: DriverResult) => {
    const row = result.rows[key]!;
    return `${f2(row.cpuMs)} ms · ${rps(row.rps)} req/s · p99 ${row.p99} ms${row.errors ? ` · ${row.errors} wrong` : ""}`;
  };
  const lines: [string, string, string, string][] = [
    ["autosave: server CPU per save (app + database)", "≤ 10 ms (Postgres), ≤ 20 ms (PGlite)", cell(pg, (r) => `${f1(r.autosave.cpuMs)} ms`), cell(lite, (r) => `${f1(r.autosave.cpuMs)} ms`)],
    [
      "autosave: p50 / p95 (10 writers, 1 save/s each)",
      "p95 < 100 ms (Postgres), < 150 ms (PGlite)",
      cell(pg, (r) => `${f1(r.autosave.p50)} / ${f1(r.autosave.p95)} ms`),
      cell(lite, (r) => `${f1(r.autosave.p50)} / ${f1(r.autosave.p95)} ms`),
    ],
    [
      "autosave: response (body + headers) for a request of",
      "a few hundred bytes",
      cell(pg, (r) => `${r.autosave.bytes} B for ${(r.autosave.requestBytes / 1024).toFixed(1)} KB · ${r.autosave.saves} saves, ${r.autosave.conflicts + r.autosave.errors} refused`),
      cell(lite, (r) => `${r.autosave.bytes} B for ${(r.autosave.requestBytes / 1024).toFixed(1)} KB · ${r.autosave.saves} saves, ${r.autosave.conflicts + r.autosave.errors} refused`),
    ],
    ["/releases/<unknown> (404)", "≤ 3 ms CPU", cell(pg, loadRow("unknownRelease")), cell(lite, loadRow("unknownRelease"))],
    ["other unknown path (404)", "≤ 3 ms CPU", cell(pg, loadRow("unknownPath")), cell(lite, loadRow("unknownPath"))],
    ["release page, unseen query string", "≤ 3 ms CPU", cell(pg, loadRow("query")), cell(lite, loadRow("query"))],
    ["release page, utm_* and fbclid (unseen values)", "cached (≤ 0.15 ms CPU)", cell(pg, loadRow("tracking")), cell(lite, loadRow("tracking"))],
    ["release page, cached", "≤ 0.15 ms CPU", cell(pg, loadRow("cached")), cell(lite, loadRow("cached"))],
    ["RSS idle", "≤ 200 MB (Postgres), ≤ 350 MB (PGlite)", cell(pg, (r) => `${Math.round(r.idleMb)} MB`), cell(lite, (r) => `${Math.round(r.idleMb)} MB`)],
    [
      `RSS after ${SOAK_REQUESTS.toLocaleString("en")} requests over ${SOAK_ADDRESSES.toLocaleString("en")} addresses (10 s later)`,
      "≤ 400 MB",
      cell(pg, (r) => `${Math.round(r.soakMb)} MB (${Math.round(r.soakSettledMb)} MB)${r.soakErrors ? ` · ${r.soakErrors} errors` : ""}`),
      cell(lite, (r) => `${Math.round(r.soakMb)} MB (${Math.round(r.soakSettledMb)} MB)${r.soakErrors ? ` · ${r.soakErrors} errors` : ""}`),
    ],
  ];
  console.log(
    `\n${RELEASES.toLocaleString("en")} releases · ${CONNECTIONS} connections · ${DURATION_S} s per load row, autosave ${AUTOSAVE_S} s · ${process.version} · load average ${loadBefore} before, ${loadAverage()} after\n`,
  );
  console.log("| measure | target | Postgres | PGlite |");
  console.log("| --- | --- | --- | --- |");
  for (const line of lines) console.log(`| ${line.join(" | ")} |`);
}

async function main() {
  if (!buildIfNeeded()) process.exit(1);
  const loadBefore = loadAverage();
  const results: DriverResult[] = [];
  for (const driver of driversFromArgs()) {
    console.log(`${driver}: seeding and measuring…`);
    results.push(await runDriver(driver));
    // After each driver, so a long run that is stopped still leaves its figures.
    printTable(results, loadBefore);
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
