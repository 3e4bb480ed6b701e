// The public site through a database outage (issue #11): three production instances (the built app,
// node scripts/server.mjs) on a PostgreSQL cluster this spec owns (port 5433), reached through a TCP
// proxy it owns (port 5440), so that it can both stop the server (which then refuses at once) and make
// the network hang (which a stopped server does not reproduce). Changes are made by another "instance":
// tests/support/newsroom-actions.ts, talking to the server directly, so its notices reach the three
// through Postgres as a colleague's publish would.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import postgres from "postgres";
import { expect, test } from "@playwright/test";
import { outageServerUnavailable, outageServerUrl, startOutageServer, stopOutageServer } from "../tests/support/outage-server";
import { TcpProxy } from "../tests/support/tcp-proxy";

const PORTS = [3410, 3411, 3412];
const PROXY_PORT = 5440;
const DATABASE = "pressroom_e2e_outage";
/** The stopped-server outage runs the two minutes; the hang, shorter. */
const STOPPED_SECONDS = Number(process.env.OUTAGE_SECONDS ?? 120);
const HANG_SECONDS = 20;
/** A request gives up on the database within 2 s; the margin is for a busy machine. */
const FAST_MS = 3_500;

const unavailable = outageServerUnavailable();
const direct = outageServerUrl(DATABASE);
const proxied = `postgres://postgres@127.0.0.1:${PROXY_PORT}/${DATABASE}`;
const proxy = new TcpProxy(PROXY_PORT, { host: "127.0.0.1", port: 5433 });
const instances: ChildProcess[] = [];
const headlines: Record<string, string> = {};
const slugs: Record<string, string> = {};

function node(args: string[], env: Record<string, string>) {
  return spawn(process.execPath, args, {
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", SEED_DEMO: "false", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Runs a child to completion; its stdout, or a failure with everything it printed. */
function finish(child: ChildProcess): Promise<string> {
  let output = "";
  let stdout = "";
  child.stdout!.on("data", (chunk: Buffer) => ((stdout += chunk), (output += chunk)));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk));
  return new Promise((resolve, reject) =>
    child.on("exit", (code) => (code === 0 ? resolve(stdout) : reject(new Error(`exited with ${code}:\n${output}`)))),
  );
}

/** A colleague publishes (or retracts) on another instance. */
async function act(...args: string[]) {
  const out = await finish(node(["--conditions=react-server", "--import", "tsx", "tests/support/newsroom-actions.ts", ...args], { DATABASE_URL: direct }));
  return JSON.parse(out.trim().split("\n").at(-1)!) as { slug?: string };
}

/** A step of the test, on the clock the instances' logs are stamped with. */
function note(step: string) {
  console.log(`[${new Date().toISOString()}] ${step}`);
}

async function publish(key: string) {
  note(`publishing ${key}`);
  headlines[key] = `Outage ${key} ${Date.now().toString(36)}`;
  slugs[key] = (await act("publish", headlines[key]!)).slug!;
  note(`published ${key}`);
}

function startInstance(port: number) {
  const child = node(["scripts/server.mjs"], {
    PORT: String(port),
    SITE_URL: `http://localhost:${port}`,
    AUTH_SECRET: "e2e-only-secret-e2e-only-secret-e2e-only",
    DATA_DIR: `.test-data/outage-${port}`,
    DATABASE_URL: proxied,
    SCHEDULER_INTERVAL_MS: "1000",
  });
  instances.push(child);
  // Each instance's output, for reading after a failure.
  mkdirSync("test-results", { recursive: true });
  const log = createWriteStream(`test-results/outage-instance-${port}.log`);
  // Each chunk stamped with the time, to set beside the test's own steps (logged with the same clock).
  const stamp = (chunk: Buffer) => log.write(`[${new Date().toISOString()}] ${chunk.toString()}`);
  child.stdout!.on("data", stamp);
  child.stderr!.on("data", stamp);
  let output = "";
  return new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Pressroom is serving")) resolve();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`instance :${port} exited with ${code}:\n${output}`)));
  });
}

type Answer = { status: number; text: string; ms: number; headers: Headers };

async function ask(port: number, path: string, init: RequestInit = {}): Promise<Answer> {
  const started = Date.now();
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { redirect: "manual", signal: AbortSignal.timeout(30_000), ...init });
  const text = await response.text();
  return { status: response.status, text, ms: Date.now() - started, headers: response.headers };
}

async function onEveryInstance(check: (port: number) => Promise<void>) {
  await Promise.all(PORTS.map((port) => check(port)));
}

/** Polls until `condition` holds on every instance (a change reaches them through Postgres). */
async function everywhere(path: string, condition: (answer: Answer) => boolean, timeout = 10_000) {
  await onEveryInstance(async (port) => {
    const deadline = Date.now() + timeout;
    const tried: string[] = [];
    let last: Answer | null = null;
    while (Date.now() < deadline) {
      const at = new Date().toISOString();
      last = await ask(port, path);
      if (condition(last)) return;
      tried.push(`${at} ${last.status} in ${last.ms} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const seen = last ? `${last.status} after ${last.ms} ms: ${last.text.slice(0, 200)}` : "no answer";
    throw new Error(
      `:${port}${path} did not get there within ${timeout} ms (last: ${seen}); tried ${tried.slice(-8).join(", ")}; see test-results/outage-instance-${port}.log`,
    );
  });
}

const LISTS = ["/", "/feed.xml", "/atom.xml", "/feed.json", "/sitemap.xml"];

/** What must hold on every instance while the database is out, every few seconds. */
async function checkDuringOutage(live: string[], published: string[]) {
  await onEveryInstance(async (port) => {
    for (const key of live) {
      const page = await ask(port, `/releases/${slugs[key]}`);
      expect(page.status, `:${port} release ${key}`).toBe(200);
      expect(page.text).toContain(headlines[key]);
      expect(page.ms, `:${port} release ${key} answered fast`).toBeLessThan(FAST_MS);
    }
    for (const path of LISTS) {
      const list = await ask(port, path);
      expect(list.status, `:${port}${path}`).toBe(200);
      expect(list.text, `:${port}${path} lists no withdrawn release`).not.toContain(slugs.retracted);
      expect(list.text, `:${port}${path} lists no withdrawn release`).not.toContain(headlines.retracted);
      expect(list.ms, `:${port}${path} answered fast`).toBeLessThan(FAST_MS);
    }
    const gone = await ask(port, `/releases/${slugs.retracted}`);
    expect(gone.status, `:${port} the retracted release`).toBe(410);
    expect(gone.text).not.toContain("the full text of the release");
    for (const key of published) {
      const page = await ask(port, `/releases/${slugs[key]}`);
      expect([200, 503], `:${port} a release published just before: its page or 503, never 500`).toContain(page.status);
    }
    for (const [path, init] of [
      ["/desk", {}],
      ["/login", {}],
      ["/search?q=outage", {}],
      ["/api/session", { method: "POST", headers: { "content-type": "application/json", origin: `http://localhost:${port}` }, body: "{}" }],
    ] as const) {
      const staff = await ask(port, path, init);
      expect(staff.status, `:${port}${path}`).toBe(503);
      expect(staff.headers.get("retry-after"), `:${port}${path}`).toBeTruthy();
      expect(staff.ms, `:${port}${path} answered fast`).toBeLessThan(FAST_MS);
    }
  });
}

async function outageFor(seconds: number, check: () => Promise<void>) {
  const ends = Date.now() + seconds * 1000;
  // Every instance finds out within about two seconds (its scheduler alone asks every second).
  await everywhere("/api/health", (answer) => answer.status === 503 && answer.ms < FAST_MS, 15_000);
  let rounds = 0;
  while (Date.now() < ends) {
    const started = Date.now();
    await check();
    rounds += 1;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 3_000 - (Date.now() - started))));
  }
  return rounds;
}

/** After the database is back: fresh pages, staff pages again, and a new publication everywhere. */
async function recovers(expectVisible: string[], next: string) {
  for (const key of expectVisible) await everywhere("/", (answer) => answer.status === 200 && answer.text.includes(headlines[key]!), 20_000);
  await everywhere("/desk", (answer) => answer.status !== 503 && answer.status < 500, 20_000);
  await publish(next);
  for (const path of ["/", "/feed.xml"]) await everywhere(path, (answer) => answer.text.includes(headlines[next]!), 5_000);
  await everywhere(`/releases/${slugs[next]}`, (answer) => answer.status === 200, 5_000);
}

test.describe.serial("the public site through a database outage", () => {
  test.skip(Boolean(unavailable), `needs a PostgreSQL server this test can own and stop: ${unavailable}`);

  test.beforeAll(async () => {
    test.setTimeout(300_000);
    startOutageServer();
    const admin = postgres(outageServerUrl("postgres"), { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${DATABASE} with (force)`);
    await admin.unsafe(`create database ${DATABASE}`);
    await admin.end();
    await finish(node(["--conditions=react-server", "--import", "tsx", "scripts/e2e-prepare.ts"], { DATABASE_URL: direct, DATA_DIR: ".test-data/outage-prepare" }));
    await proxy.start();
    for (const key of ["first", "second", "retracted"]) await publish(key);
    await Promise.all(PORTS.map(startInstance));
  });

  test.afterAll(async () => {
    const exited = instances.map((child) => {
      if (child.exitCode !== null) return undefined;
      const done = new Promise<void>((resolve) => child.on("exit", () => resolve()));
      child.kill("SIGTERM");
      return done;
    });
    await Promise.all(exited);
    await proxy.stop();
    if (!unavailable) stopOutageServer(); // left stopped; the next run starts it again
  });

  test("a network that stops answering: warmed pages and feeds stay 200, a retraction made just before answers 410 and is listed nowhere, staff pages 503, and all recovers", async () => {
    test.setTimeout(180_000);
    // First renders on a busy machine take their time.
    for (const key of ["first", "second", "retracted"]) await everywhere(`/releases/${slugs[key]}`, (answer) => answer.status === 200, 60_000);
    for (const path of LISTS) await everywhere(path, (answer) => answer.status === 200 && answer.text.includes(slugs.retracted!), 60_000);

    await act("retract", slugs.retracted!, "Issued in error before the outage.");
    // Every instance holds the notice (it answers 410), and renders its lists without the release again.
    await everywhere(`/releases/${slugs.retracted}`, (answer) => answer.status === 410);
    for (const path of LISTS) await everywhere(path, (answer) => answer.status === 200 && !answer.text.includes(slugs.retracted!));

    await publish("justBeforeHang");
    await new Promise((resolve) => setTimeout(resolve, 300));
    proxy.hang();
    const rounds = await outageFor(HANG_SECONDS, () => checkDuringOutage(["first", "second"], ["justBeforeHang"]));
    expect(rounds).toBeGreaterThan(2);

    proxy.forward();
    await recovers(["justBeforeHang"], "afterHang");
  });

  test(`a stopped server for ${STOPPED_SECONDS} s, with a publish 300 ms before it stops: the same, and back when it starts again`, async () => {
    test.setTimeout((STOPPED_SECONDS + 120) * 1000);
    await publish("beforeStop");
    for (const path of ["/", "/feed.xml"]) await everywhere(path, (answer) => answer.text.includes(headlines.beforeStop!));
    await everywhere(`/releases/${slugs.beforeStop}`, (answer) => answer.status === 200);

    await publish("justBeforeStop");
    await new Promise((resolve) => setTimeout(resolve, 300));
    stopOutageServer();
    note("the database server is stopped");
    const rounds = await outageFor(STOPPED_SECONDS, () => checkDuringOutage(["first", "beforeStop"], ["justBeforeStop"]));
    expect(rounds).toBeGreaterThan(2);
    // Copies answered in the outage say what they are.
    const stale = await ask(PORTS[0]!, "/feed.xml");
    expect(stale.headers.get("warning")).toBe('110 - "Response is stale"');
    expect(Number(stale.headers.get("age"))).toBeGreaterThan(0);

    startOutageServer();
    note("the database server is running again");
    await recovers(["justBeforeStop"], "afterStop");
  });
});
