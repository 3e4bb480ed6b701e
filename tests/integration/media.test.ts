import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/db/access";
import { canServeMedia } from "@/db/media/access";
import { LocalDiskStorage, S3Storage, setMediaStorage, type MediaStorage, type StoredMedia } from "@/db/media/storage";
import { uploadMedia } from "@/db/media/upload";
import { createRelease } from "@/db/releases/create";
import { auditLog, media, publications, users } from "@/db/schema";
import { env } from "@/env";
import { AppError, type ErrorCode } from "@/lib/errors";
import { DOCX_MIME_TYPE } from "@/lib/media/files";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { bytesOf, docx, exe, HTML, jpeg, pdf, png, SVG } from "../support/media-fixtures";
import { makeStaff } from "../support/staff";
import { actOnRelease, takeLive } from "../support/workflow";

// The route handlers ask db/viewer.ts who is signed in (Auth.js needs a real request for that);
// here the test says who is.
const session = vi.hoisted(() => ({ viewer: null as null | { id: string; email: string; name: string; role: "writer" | "editor" | "admin"; mustChangePassword: boolean } }));
vi.mock("@/db/viewer", async () => {
  const { AppError: Failure } = await import("@/lib/errors");
  return {
    currentViewer: async () => session.viewer,
    requireViewer: async () => {
      if (!session.viewer) throw new Failure("unauthenticated", "Your session has ended. Sign in again.");
      return session.viewer;
    },
  };
});

let database: TestDatabase;
let mediaDir: string;
let storage: LocalDiskStorage;

beforeAll(async () => {
  database = await createTestDatabase();
  mediaDir = mkdtempSync(path.join(tmpdir(), "pressroom-media-"));
  storage = new LocalDiskStorage(path.join(mediaDir, "files"));
  setMediaStorage(storage);
});

afterAll(async () => {
  await database?.drop();
  if (mediaDir) rmSync(mediaDir, { recursive: true, force: true });
});

beforeEach(() => {
  setMediaStorage(storage);
  session.viewer = null;
});

// ---------------------------------------------------------------------------------------------
// Helpers

function storedFiles(): string[] {
  return existsSync(storage.directory) ? readdirSync(storage.directory).sort() : [];
}

async function mediaRowCount() {
  const [row] = await database.db.select({ rows: count() }).from(media);
  return row!.rows;
}

async function auditRowCount() {
  const [row] = await database.db.select({ rows: count() }).from(auditLog);
  return row!.rows;
}

/** What a refused upload must leave as it was: no new row, no new file, no new audit row. */
async function nothingStored<T>(attempt: () => Promise<T>) {
  const before = { files: storedFiles(), rows: await mediaRowCount(), audit: await auditRowCount() };
  const outcome = await attempt().then(
    (value) => ({ value, error: null as unknown }),
    (error: unknown) => ({ value: null, error }),
  );
  expect({ files: storedFiles(), rows: await mediaRowCount(), audit: await auditRowCount() }).toEqual(before);
  return outcome;
}

async function expectRefused(attempt: () => Promise<unknown>, code: ErrorCode, message?: RegExp | string) {
  const { error } = await nothingStored(attempt);
  expect(error, `expected AppError(${code})`).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (typeof message === "string") expect((error as AppError).message).toBe(message);
  else if (message) expect((error as AppError).message).toMatch(message);
  return error as AppError;
}

async function mediaRow(key: string) {
  const [row] = await database.db.select().from(media).where(eq(media.key, key));
  return row ?? null;
}

/** A release whose body shows `imageKey` and whose related documents attach `documentKey`, published. */
async function publishReleaseUsing(writer: Viewer, editor: Viewer, keys: { imageKey?: string; documentKey?: string }) {
  const body = {
    type: "doc",
    content: [
      { type: "paragraph", content: [{ type: "text", text: "The minister opened the new bridge today." }] },
      ...(keys.imageKey ? [{ type: "figure", attrs: { src: `/media/${keys.imageKey}`, alt: "The new bridge at dawn" } }] : []),
    ],
  };
  const relatedDocuments = keys.documentKey ? [{ title: "Full statement", mediaKey: keys.documentKey }] : [];
  const { id } = await createRelease(writer, { headline: `Bridge opens ${randomBytes(3).toString("hex")}`, body, relatedDocuments });
  await takeLive(writer, editor, id);
  return id;
}

async function responseBytes(response: Response) {
  return new Uint8Array(await response.arrayBuffer());
}

const SITE = new URL(env.siteUrl);

function uploadRequest(file: Blob | null, name = "upload.bin", headers: Record<string, string> = {}) {
  const form = new FormData();
  if (file) form.append("file", file, name);
  return new Request(`${env.siteUrl}/api/media`, {
    method: "POST",
    headers: { origin: SITE.origin, host: SITE.host, ...headers },
    body: form,
  });
}

const MB = 1024 * 1024;

// ---------------------------------------------------------------------------------------------

describe("uploading", () => {
  it("a writer uploads an image: the row, the stored file, its dimensions and an audit row", async () => {
    const writer = await makeStaff(database.db, "writer");
    const bytes = png(640, 427);
    const uploaded = await uploadMedia(writer, { bytes, originalName: "Bridge at dawn.png" });

    expect(uploaded).toEqual({
      key: expect.stringMatching(/^[0-9a-f]{32}\.png$/),
      url: `/media/${uploaded.key}`,
      kind: "image",
      mimeType: "image/png",
      width: 640,
      height: 427,
      bytes: bytes.length,
      originalName: "Bridge at dawn.png",
    });
    expect(await mediaRow(uploaded.key)).toMatchObject({
      key: uploaded.key,
      kind: "image",
      mimeType: "image/png",
      bytes: bytes.length,
      width: 640,
      height: 427,
      originalName: "Bridge at dawn.png",
      createdBy: writer.id,
    });
    // The bytes on disk are exactly what was sent, under the server-made key and nothing else.
    expect(new Uint8Array(readFileSync(path.join(storage.directory, uploaded.key)))).toEqual(bytes);
    expect(storedFiles().filter((name) => !/^[0-9a-f]{32}\.(png|jpg|gif|webp|pdf|docx)$/.test(name))).toEqual([]);

    const audit = await database.db.select().from(auditLog).where(eq(auditLog.action, "media_uploaded"));
    expect(audit.find((row) => row.detail.key === uploaded.key)).toMatchObject({
      actorId: writer.id,
      actorEmail: writer.email,
      detail: { key: uploaded.key, kind: "image", mimeType: "image/png", bytes: bytes.length, originalName: "Bridge at dawn.png" },
    });
  });

  it("documents: a PDF and a Word file, with their original names (folders dropped)", async () => {
    const editor = await makeStaff(database.db, "editor");
    const statement = await uploadMedia(editor, { bytes: pdf(), originalName: "C:\\Users\\press\\Statement.pdf" });
    expect(statement).toMatchObject({ kind: "document", mimeType: "application/pdf", width: null, height: null, originalName: "Statement.pdf" });
    expect(statement.key).toMatch(/\.pdf$/);
    const word = await uploadMedia(editor, { bytes: docx(), originalName: "Q&A.docx" });
    expect(word).toMatchObject({ kind: "document", mimeType: DOCX_MIME_TYPE, originalName: "Q&A.docx" });
    expect(word.key).toMatch(/\.docx$/);
  });

  it("types a file by its content when its extension lies", async () => {
    const writer = await makeStaff(database.db, "writer");
    const uploaded = await uploadMedia(writer, { bytes: jpeg(1200, 800), originalName: "portrait.png" });
    expect(uploaded).toMatchObject({ kind: "image", mimeType: "image/jpeg", width: 1200, height: 800, originalName: "portrait.png" });
    expect(uploaded.key).toMatch(/^[0-9a-f]{32}\.jpg$/);
    expect((await mediaRow(uploaded.key))?.mimeType).toBe("image/jpeg");

    const pdfNamedDocx = await uploadMedia(writer, { bytes: pdf(), originalName: "statement.docx" });
    expect(pdfNamedDocx).toMatchObject({ mimeType: "application/pdf" });
    expect(pdfNamedDocx.key).toMatch(/\.pdf$/);
  });

  it("refuses an HTML page renamed .png, and a program, storing nothing", async () => {
    const writer = await makeStaff(database.db, "writer");
    await expectRefused(() => uploadMedia(writer, { bytes: bytesOf(HTML), originalName: "photo.png" }), "invalid", /^This file type is not accepted: an HTML page\./);
    await expectRefused(() => uploadMedia(writer, { bytes: exe(), originalName: "report.pdf" }), "invalid", /^This file type is not accepted: a Windows program\./);
  });

  it("refuses SVG with a clear message, storing nothing", async () => {
    const writer = await makeStaff(database.db, "writer");
    await expectRefused(
      () => uploadMedia(writer, { bytes: bytesOf(SVG), originalName: "logo.svg" }),
      "invalid",
      "SVG images are not accepted; export the image as PNG or JPEG.",
    );
    await expectRefused(() => uploadMedia(writer, { bytes: bytesOf(SVG), originalName: "logo.png" }), "invalid", /^SVG images are not accepted/);
  });

  it("refuses a file over the size limit, storing nothing", async () => {
    const writer = await makeStaff(database.db, "writer");
    const header = png(10, 10);
    const big = new Uint8Array(env.MEDIA_MAX_BYTES + 1);
    big.set(header);
    const error = await expectRefused(() => uploadMedia(writer, { bytes: big, originalName: "huge.png" }), "invalid", /^The file is too large: [\d.]+ MB; the limit is [\d.]+ MB\.$/);
    if (env.MEDIA_MAX_BYTES === 20 * MB) expect(error.message).toBe("The file is too large: 20.1 MB; the limit is 20 MB.");
    // Exactly at the limit is fine.
    const atLimit = await uploadMedia(writer, { bytes: big.subarray(0, env.MEDIA_MAX_BYTES), originalName: "big.png" });
    expect(atLimit.bytes).toBe(env.MEDIA_MAX_BYTES);
    await storage.delete(atLimit.key);
  });

  it("refuses an empty file", async () => {
    const writer = await makeStaff(database.db, "writer");
    await expectRefused(() => uploadMedia(writer, { bytes: new Uint8Array(), originalName: "empty.png" }), "invalid", "The file is empty.");
  });

  it("refuses anonymous and deactivated uploaders, re-reading the account from the database", async () => {
    await expectRefused(() => uploadMedia(null, { bytes: png(), originalName: "a.png" }), "unauthenticated");

    const writer = await makeStaff(database.db, "writer", "leaver writer");
    await database.db.update(users).set({ active: false }).where(eq(users.id, writer.id));
    // The viewer object still says "writer": the database is what counts.
    await expectRefused(() => uploadMedia(writer, { bytes: png(), originalName: "a.png" }), "unauthenticated", /session has ended/);

    const ghost: Viewer = { ...writer, id: "00000000-0000-4000-8000-000000000000" };
    await expectRefused(() => uploadMedia(ghost, { bytes: png(), originalName: "a.png" }), "unauthenticated");
  });

  it("leaves no row when the storage fails", async () => {
    const writer = await makeStaff(database.db, "writer");
    const failing: MediaStorage = {
      put: async () => {
        throw new Error("disk full");
      },
      get: async () => null,
      delete: async () => {},
    };
    setMediaStorage(failing);
    const { error } = await nothingStored(() => uploadMedia(writer, { bytes: png(), originalName: "a.png" }));
    expect((error as Error).message).toBe("disk full");
  });
});

describe("who may see a file", () => {
  it("unpublished: staff only; published: everyone; retracted: staff only again", async () => {
    const writer = await makeStaff(database.db, "writer");
    const editor = await makeStaff(database.db, "editor");
    const image = await uploadMedia(writer, { bytes: png(2, 2), originalName: "bridge.png" });
    const document = await uploadMedia(writer, { bytes: pdf(), originalName: "statement.pdf" });
    const unused = await uploadMedia(writer, { bytes: png(3, 3), originalName: "unused.png" });

    for (const key of [image.key, document.key]) {
      expect(await canServeMedia(key, null), `${key} before publishing`).toBeNull();
      expect(await canServeMedia(key, writer)).toMatchObject({ audience: "staff", file: { key } });
    }

    const releaseId = await publishReleaseUsing(writer, editor, { imageKey: image.key, documentKey: document.key });
    const [publication] = await database.db.select().from(publications).where(eq(publications.releaseId, releaseId));
    expect(publication!.mediaKeys).toEqual([image.key, document.key].sort());

    for (const key of [image.key, document.key]) {
      expect(await canServeMedia(key, null), `${key} once published`).toMatchObject({ audience: "public", file: { key } });
      expect(await canServeMedia(key, writer)).toMatchObject({ audience: "public" });
    }
    expect(await canServeMedia(unused.key, null)).toBeNull();

    await actOnRelease(editor, releaseId, "retract", "Published in error.");
    for (const key of [image.key, document.key]) {
      expect(await canServeMedia(key, null), `${key} once retracted`).toBeNull();
      expect(await canServeMedia(key, editor)).toMatchObject({ audience: "staff" });
    }
  });

  it("a file stays public while any live publication still uses it", async () => {
    const writer = await makeStaff(database.db, "writer");
    const editor = await makeStaff(database.db, "editor");
    const image = await uploadMedia(writer, { bytes: png(), originalName: "shared.png" });
    const first = await publishReleaseUsing(writer, editor, { imageKey: image.key });
    await publishReleaseUsing(writer, editor, { imageKey: image.key });
    await actOnRelease(editor, first, "retract", "Superseded.");
    expect(await canServeMedia(image.key, null)).toMatchObject({ audience: "public" });
  });

  it("unknown and malformed keys are not servable to anyone", async () => {
    const editor = await makeStaff(database.db, "editor");
    for (const key of [`${"0".repeat(32)}.png`, "../../etc/passwd", "x.png", `${"a".repeat(32)}.svg`]) {
      expect(await canServeMedia(key, editor)).toBeNull();
    }
  });
});

describe("POST /api/media", () => {
  it("answers 201 with the stored file as JSON", async () => {
    const { POST } = await import("@/app/api/media/route");
    session.viewer = await makeStaff(database.db, "writer");
    const response = await POST(uploadRequest(new Blob([png(16, 9)], { type: "text/html" }), "hero.png"));
    expect(response.status).toBe(201);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      key: expect.stringMatching(/^[0-9a-f]{32}\.png$/),
      url: `/media/${body.key as string}`,
      kind: "image",
      mimeType: "image/png",
      width: 16,
      height: 9,
      bytes: png(16, 9).length,
      originalName: "hero.png",
    });
    expect(await mediaRow(body.key as string)).not.toBeNull();
  });

  it("refuses a cross-site request, a signed-out one and a missing file, storing nothing", async () => {
    const { POST } = await import("@/app/api/media/route");
    session.viewer = await makeStaff(database.db, "writer");
    const crossSite = await nothingStored(() => POST(uploadRequest(new Blob([png()]), "a.png", { origin: "https://evil.example" })));
    expect(crossSite.value!.status).toBe(403);

    const noFile = await nothingStored(() => POST(uploadRequest(null)));
    expect(noFile.value!.status).toBe(422);
    expect(await noFile.value!.json()).toEqual({ error: "Choose a file to upload.", code: "invalid" });

    session.viewer = null;
    const signedOut = await nothingStored(() => POST(uploadRequest(new Blob([png()]), "a.png")));
    expect(signedOut.value!.status).toBe(401);
  });

  it("answers the refusal message with its status (SVG: 422)", async () => {
    const { POST } = await import("@/app/api/media/route");
    session.viewer = await makeStaff(database.db, "writer");
    const { value } = await nothingStored(() => POST(uploadRequest(new Blob([SVG], { type: "image/png" }), "logo.png")));
    expect(value!.status).toBe(422);
    expect(await value!.json()).toEqual({ error: "SVG images are not accepted; export the image as PNG or JPEG.", code: "invalid" });
  });

  it("refuses a body whose declared length is over the limit before reading it (413)", async () => {
    const { POST } = await import("@/app/api/media/route");
    session.viewer = await makeStaff(database.db, "writer");
    const request = uploadRequest(new Blob([png()]), "a.png", { "content-length": String(env.MEDIA_MAX_BYTES * 2) });
    const { value } = await nothingStored(() => POST(request));
    expect(value!.status).toBe(413);
    expect(((await value!.json()) as { error: string }).error).toMatch(/^The file is too large: [\d.]+ MB; the limit is [\d.]+ MB\.$/);
  });

  it("cuts off a body that grows past the limit without declaring its length (413)", async () => {
    const { POST } = await import("@/app/api/media/route");
    session.viewer = await makeStaff(database.db, "writer");
    const chunk = new Uint8Array(MB);
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const request = new Request(`${env.siteUrl}/api/media`, {
      method: "POST",
      headers: { origin: SITE.origin, host: SITE.host, "content-type": "multipart/form-data; boundary=x" },
      body: endless,
      duplex: "half",
    } as RequestInit);
    const { value } = await nothingStored(() => POST(request));
    expect(value!.status).toBe(413);
    expect(sent).toBeLessThan(env.MEDIA_MAX_BYTES + 4 * MB);
  });
});

describe("GET /media/[key]", () => {
  async function get(key: string) {
    const { GET } = await import("@/app/media/[key]/route");
    return GET(new Request(`${env.siteUrl}/media/${key}`), { params: Promise.resolve({ key }) });
  }

  it("serves a published file to anyone, cacheable, with the safe headers", async () => {
    const writer = await makeStaff(database.db, "writer");
    const editor = await makeStaff(database.db, "editor");
    const bytes = png(5, 4);
    const image = await uploadMedia(writer, { bytes, originalName: "bridge.png" });
    const document = await uploadMedia(writer, { bytes: pdf(), originalName: "Full statement.pdf" });
    await publishReleaseUsing(writer, editor, { imageKey: image.key, documentKey: document.key });

    const response = await get(image.key);
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "content-type": "image/png",
      "content-length": String(bytes.length),
      "x-content-type-options": "nosniff",
      "content-disposition": "inline",
      "cache-control": "public, max-age=300",
      "content-security-policy": "default-src 'none'; sandbox",
    });
    expect(await responseBytes(response)).toEqual(bytes);

    const pdfResponse = await get(document.key);
    expect(pdfResponse.status).toBe(200);
    expect(pdfResponse.headers.get("content-type")).toBe("application/pdf");
    expect(pdfResponse.headers.get("content-disposition")).toBe("attachment; filename=\"Full statement.pdf\"; filename*=UTF-8''Full%20statement.pdf");
    expect(await responseBytes(pdfResponse)).toEqual(pdf());
  });

  it("an unpublished file: 404 for the public (as for a missing one), private to staff", async () => {
    const writer = await makeStaff(database.db, "writer");
    const image = await uploadMedia(writer, { bytes: png(), originalName: "draft.png" });

    const anonymous = await get(image.key);
    const missing = await get(`${"f".repeat(32)}.png`);
    expect(anonymous.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(await anonymous.text()).toBe(await missing.text());
    expect(anonymous.headers.get("cache-control")).toBe("no-store");

    session.viewer = writer;
    const staff = await get(image.key);
    expect(staff.status).toBe(200);
    expect(staff.headers.get("cache-control")).toBe("private, no-store");
    expect(await responseBytes(staff)).toEqual(png());
  });

  it("a key with a row but no stored bytes is a 404, and a malformed key never reaches storage", async () => {
    const writer = await makeStaff(database.db, "writer");
    const image = await uploadMedia(writer, { bytes: png(), originalName: "lost.png" });
    await storage.delete(image.key);
    session.viewer = writer;
    expect((await get(image.key)).status).toBe(404);
    expect((await get("..%2F..%2Fetc%2Fpasswd")).status).toBe(404);
  });
});

describe("storage backends", () => {
  it("LocalDiskStorage: put, get, delete in a folder it creates", async () => {
    const folder = path.join(mediaDir, "round-trip", "nested");
    const local = new LocalDiskStorage(folder);
    const key = `${randomBytes(16).toString("hex")}.pdf`;
    expect(await local.get(key)).toBeNull();
    await local.put(key, pdf(), "application/pdf");
    expect(readdirSync(folder)).toEqual([key]);
    const stored = (await local.get(key)) as StoredMedia;
    expect(stored.size).toBe(pdf().length);
    expect(await responseBytes(new Response(stored.body as BodyInit))).toEqual(pdf());
    await local.delete(key);
    await local.delete(key);
    expect(await local.get(key)).toBeNull();
    expect(readdirSync(folder)).toEqual([]);
  });

  it("LocalDiskStorage: refuses any name that is not a server-made key", async () => {
    const local = new LocalDiskStorage(path.join(mediaDir, "strict"));
    for (const key of ["../escape.png", "/etc/passwd", "photo.png", `${"a".repeat(32)}.png/..`]) {
      await expect(local.put(key, png(), "image/png")).rejects.toThrow(/not a media key/);
    }
  });

  it("S3Storage: path-style signed PUT, GET and DELETE through fetch", async () => {
    const calls: { url: string; method: string; headers: Record<string, string>; body: Uint8Array | null }[] = [];
    const objects = new Map<string, Uint8Array>();
    const fakeFetch = (async (input: URL | RequestInfo, init?: RequestInit) => {
      const url = String(input);
      const method = init?.method ?? "GET";
      const headers = Object.fromEntries(new Headers(init?.headers));
      const body = init?.body ? new Uint8Array(init.body as Uint8Array) : null;
      calls.push({ url, method, headers, body });
      if (method === "PUT") {
        objects.set(url, body!);
        return new Response(null, { status: 200 });
      }
      if (method === "DELETE") {
        objects.delete(url);
        return new Response(null, { status: 204 });
      }
      const stored = objects.get(url);
      return stored
        ? new Response(stored as BodyInit, { status: 200, headers: { "content-length": String(stored.length) } })
        : new Response("<Error><Code>NoSuchKey</Code></Error>", { status: 404 });
    }) as typeof fetch;
    const s3 = new S3Storage(
      { endpoint: "http://127.0.0.1:9000/", bucket: "press-media", region: "eu-west-1", accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
      fakeFetch,
      () => new Date("2026-01-02T03:04:05Z"),
    );
    const key = `${"ab".repeat(16)}.png`;
    await s3.put(key, png(), "image/png");
    const stored = (await s3.get(key)) as StoredMedia;
    expect(stored.size).toBe(png().length);
    expect(await responseBytes(new Response(stored.body as BodyInit))).toEqual(png());
    await s3.delete(key);
    expect(await s3.get(key)).toBeNull();

    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual([
      `PUT http://127.0.0.1:9000/press-media/${key}`,
      `GET http://127.0.0.1:9000/press-media/${key}`,
      `DELETE http://127.0.0.1:9000/press-media/${key}`,
      `GET http://127.0.0.1:9000/press-media/${key}`,
    ]);
    const put = calls[0]!;
    expect(put.headers).toMatchObject({
      "content-type": "image/png",
      "x-amz-date": "20260102T030405Z",
      "x-amz-content-sha256": expect.stringMatching(/^[0-9a-f]{64}$/),
      authorization: expect.stringMatching(
        /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20260102\/eu-west-1\/s3\/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
      ),
    });
    expect(put.headers.host).toBeUndefined();
    expect(put.body).toEqual(png());
  });

  it("S3Storage: a failed request is an error naming the status, never the secret", async () => {
    const s3 = new S3Storage(
      { endpoint: "http://127.0.0.1:9000", bucket: "b", region: "us-east-1", accessKeyId: "AKID", secretAccessKey: "very-secret" },
      (async () => new Response("<Error><Code>AccessDenied</Code></Error>", { status: 403 })) as typeof fetch,
    );
    await expect(s3.put(`${"c".repeat(32)}.png`, png(), "image/png")).rejects.toThrow(/^Object storage PUT failed: HTTP 403 \(AccessDenied\)$/);
  });
});
