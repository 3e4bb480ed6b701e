import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/db/access";
import { WEBSUB_PING_JOB, enqueueWebSubPings, feedUrlsFor } from "@/db/publishing/websub";
import { createRelease } from "@/db/releases/create";
import { transitionRelease } from "@/db/releases/transition";
import { jobs, releases } from "@/db/schema";
import { bootstrap } from "@/db/seed/bootstrap";
import { env } from "@/env";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { runQueuedJobs } from "../support/jobs";
import { makeStaff } from "../support/staff";

// The hub is read from the environment when env.ts loads: set before any import runs.
const HUB_PORT = 3611;
vi.hoisted(() => {
  process.env.WEBSUB_HUB = "http://127.0.0.1:3611/hub";
});

type Ping = { method: string; contentType: string | undefined; mode: string | null; feed: string | null; key: string | undefined };
let database: TestDatabase;
let hub: Server;
let writer: Viewer;
let editor: Viewer;
const pings: Ping[] = [];
let answer = 204;

beforeAll(async () => {
  database = await createTestDatabase();
  await bootstrap(database.db, { demo: false });
  writer = await makeStaff(database.db, "writer");
  editor = await makeStaff(database.db, "editor");
  hub = createServer((request, response) => {
    let data = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (data += chunk));
    request.on("end", () => {
      const form = new URLSearchParams(data);
      pings.push({
        method: request.method ?? "",
        contentType: request.headers["content-type"],
        mode: form.get("hub.mode"),
        feed: form.get("hub.url"),
        key: request.headers["idempotency-key"] as string | undefined,
      });
      response.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => hub.listen(HUB_PORT, "127.0.0.1", resolve));
});

afterAll(async () => {
  await new Promise((resolve) => hub?.close(resolve));
  await database?.drop();
});

beforeEach(() => {
  pings.length = 0;
  answer = 204;
});

const body = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Pinged through the queue." }] }] };

async function act(viewer: Viewer, releaseId: string, action: string, extra: Record<string, unknown> = {}) {
  const [row] = await database.db.select({ version: releases.version }).from(releases).where(eq(releases.id, releaseId));
  return transitionRelease(viewer, { releaseId, action, expectedVersion: row!.version, ...extra });
}

async function approved() {
  const { id } = await createRelease(writer, { headline: `Pinged ${randomBytes(3).toString("hex")}`, body });
  await act(writer, id, "submit");
  await act(editor, id, "approve");
  return id;
}

const pingJobs = () => database.db.select().from(jobs).where(eq(jobs.kind, WEBSUB_PING_JOB));

describe("WebSub pings through the queue", () => {
  it("publishing queues one ping per changed feed in its transaction; the workers send each with its own stable Idempotency-Key", async () => {
    expect(env.WEBSUB_HUB).toBe(`http://127.0.0.1:${HUB_PORT}/hub`);
    const id = await approved();
    await database.db.delete(jobs);
    const published = await act(editor, id, "publish");
    const urls = feedUrlsFor(...published.changedFeeds);
    const queued = await pingJobs();
    expect(queued.map((job) => job.payload.feedUrl).sort()).toEqual([...new Set(urls)].sort());
    expect(queued.every((job) => job.state === "queued" && job.payload.hubUrl === env.WEBSUB_HUB)).toBe(true);
    expect(pings).toEqual([]);

    await runQueuedJobs(database);
    expect(pings.map((ping) => ping.feed).sort()).toEqual([...new Set(urls)].sort());
    const keyOf = new Map(queued.map((job) => [job.payload.feedUrl as string, job.id]));
    for (const ping of pings) {
      expect(ping).toMatchObject({ method: "POST", contentType: "application/x-www-form-urlencoded", mode: "publish" });
      expect(ping.key).toBe(keyOf.get(ping.feed!));
    }
    expect((await pingJobs()).every((job) => job.state === "done")).toBe(true);
  });

  it("a transition that fails queues no ping", async () => {
    const id = await approved();
    await database.db.delete(jobs);
    const [row] = await database.db.select({ version: releases.version }).from(releases).where(eq(releases.id, id));
    await expect(transitionRelease(editor, { releaseId: id, action: "publish", expectedVersion: row!.version - 1 })).rejects.toThrow();
    expect(await pingJobs()).toEqual([]);
  });

  it("a hub that refuses leaves the ping queued for a retry, which carries the same key", async () => {
    const id = await approved();
    await database.db.delete(jobs);
    await act(editor, id, "publish");
    answer = 503;
    await runQueuedJobs(database);
    const failed = await pingJobs();
    expect(failed.length).toBeGreaterThan(0);
    for (const job of failed) {
      expect(job).toMatchObject({ state: "failed", attempts: 1 });
      expect(job.lastError).toBe(`HubRefusedError: The hub answered 503 for ${job.payload.feedUrl as string}`);
    }
    const [first] = failed;
    answer = 204;
    await database.db.update(jobs).set({ runAt: new Date() }).where(and(eq(jobs.kind, WEBSUB_PING_JOB), eq(jobs.id, first!.id)));
    await runQueuedJobs(database);
    const forFirst = pings.filter((ping) => ping.feed === first!.payload.feedUrl);
    expect(forFirst.map((ping) => ping.key)).toEqual([first!.id, first!.id]);
    expect((await database.db.select({ state: jobs.state }).from(jobs).where(eq(jobs.id, first!.id)))[0]!.state).toBe("done");
  });

  it("a hub that cannot be reached leaves the ping waiting for a retry, with the reason", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const deadHub = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/hub`;
    await new Promise((resolve) => closed.close(resolve));
    await database.db.delete(jobs);
    const [id] = await database.db.transaction((tx) => enqueueWebSubPings(tx, [{ topics: [], typeSlug: null, language: "en" }], deadHub));
    await runQueuedJobs(database);
    const [job] = await database.db.select().from(jobs).where(eq(jobs.id, id!));
    expect(job).toMatchObject({ state: "failed", attempts: 1 });
    expect(job!.lastError).toMatch(/fetch failed|ECONNREFUSED/);
    expect(job!.runAt.getTime()).toBeGreaterThan(Date.now() + 10_000);
    expect(pings).toEqual([]);
  });
});
