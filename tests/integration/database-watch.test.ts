import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { database } from "@/db/client";
import { connect, DatabaseUnavailableError, type DatabaseHandle } from "@/db/connect";
import { closeBreaker, databaseBreaker, databaseIsDown } from "@/scripts/circuit-breaker.mjs";
import { createTestDatabase, describeOnServer, type TestDatabase } from "../support/database";
import { TcpProxy } from "../support/tcp-proxy";

const PROXY_PORT = 5441;

async function until(condition: () => boolean, timeoutMs: number) {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Date.now() - started;
}

/** How long a statement takes to fail, in ms (it must fail). */
async function failsWithin(statement: Promise<unknown>) {
  const started = Date.now();
  await expect(statement).rejects.toThrow();
  return Date.now() - started;
}

describeOnServer("the app's database client gives up fast on a database that is gone, and comes back with it", () => {
  let owned: TestDatabase;
  let proxy: TcpProxy;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    owned = await createTestDatabase({ server: true });
    const url = new URL(owned.url!);
    proxy = new TcpProxy(PROXY_PORT, { host: url.hostname, port: Number(url.port || 5432) });
    await proxy.start();
    url.hostname = "127.0.0.1";
    url.port = String(PROXY_PORT);
    handle = await connect({ url: url.toString(), pgliteDir: "", failFast: true });
  });
  afterAll(async () => {
    await handle?.close();
    await proxy?.stop();
    await owned?.drop();
    closeBreaker();
  });

  it("leaves a slow statement on a live server alone", async () => {
    await handle.rows(sql`select pg_sleep(1.6)`);
    expect(databaseIsDown()).toBe(false);
    expect(databaseBreaker().failures).toBe(0);
  });

  it("probes a statement that is merely slow about once a second, not on every check (each probe is a new connection)", async () => {
    await handle.rows(sql`select 1`);
    const before = proxy.accepted;
    await handle.rows(sql`select pg_sleep(3)`);
    // Silent from 0.5 s on: a probe on every 250 ms check would open about ten.
    expect(proxy.accepted - before).toBeLessThanOrEqual(4);
    expect(databaseIsDown()).toBe(false);
  });

  it("fails a statement within about two seconds when the connection hangs, then fails at once until a probe is answered", async () => {
    await handle.rows(sql`select 1`);
    proxy.hang();
    const waited = await failsWithin(handle.rows(sql`select 1`));
    expect(waited).toBeLessThan(2_600);
    expect(databaseIsDown()).toBe(true);
    // The process's database() stops every later request from waiting.
    const started = Date.now();
    await expect(database()).rejects.toBeInstanceOf(DatabaseUnavailableError);
    expect(Date.now() - started).toBeLessThan(50);
    // New connections to a server that accepts but never answers give up too.
    expect(await failsWithin(handle.rows(sql`select 2`))).toBeLessThan(2_600);

    proxy.forward();
    await until(() => !databaseIsDown(), 5_000);
    expect(await handle.rows<{ answer: number }>(sql`select 42 as answer`)).toEqual([{ answer: 42 }]);
  });

  it("opens at once when the server refuses, and closes when it is back", async () => {
    await handle.rows(sql`select 1`);
    proxy.refuse();
    expect(await failsWithin(handle.rows(sql`select 1`))).toBeLessThan(1_000);
    expect(databaseIsDown()).toBe(true);
    proxy.forward();
    await until(() => !databaseIsDown(), 5_000);
    expect(await handle.rows<{ answer: number }>(sql`select 7 as answer`)).toEqual([{ answer: 7 }]);
  });

  it("is used again at once when the server returns, however many reconnects failed in the outage", async () => {
    await handle.rows(sql`select 1`);
    await proxy.stop(); // nothing listens now: every connection is refused, as by a stopped server
    // Each of the pool's ten connections fails once; postgres.js's own backoff, shared by the pool, would
    // then make the last of them wait 10–20 s before connecting again (a worker that kept trying
    // through a long outage ends there too).
    await Promise.allSettled(Array.from({ length: 10 }, () => handle.rows(sql`select 1`)));
    expect(databaseIsDown()).toBe(true);
    await proxy.start();
    await until(() => !databaseIsDown(), 5_000);
    const started = Date.now();
    // Ten at once: every connection of the pool connects again.
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => handle.rows<{ answer: number }>(sql`select ${i}::int as answer, pg_sleep(0.1)`)));
    expect(answers.map((rows) => rows[0]!.answer)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // Capped, each waits at most 0.5 s; uncapped, the last connection waits at least 10 s. The bound
    // between them leaves room for a busy machine.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("closes again when the database answers, even after a handle's first connection failed in the outage", async () => {
    proxy.refuse();
    const url = new URL(owned.url!);
    url.hostname = "127.0.0.1";
    url.port = String(PROXY_PORT);
    await expect(connect({ url: url.toString(), pgliteDir: "", failFast: true })).rejects.toThrow(/Cannot reach the Postgres server/);
    expect(databaseIsDown()).toBe(true);
    proxy.forward();
    await until(() => !databaseIsDown(), 5_000);
    const second = await connect({ url: url.toString(), pgliteDir: "", failFast: true });
    expect(await second.rows<{ answer: number }>(sql`select 3 as answer`)).toEqual([{ answer: 3 }]);
    await second.close();
  });
});
