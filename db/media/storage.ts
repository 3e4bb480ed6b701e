import "server-only";
import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, rename, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { env } from "@/env";
import { isMediaKey, type MediaExtension } from "@/lib/media/files";
import { EMPTY_PAYLOAD_SHA256, sha256Hex, signRequest, uriEncode, type SigV4Credentials } from "@/lib/media/sigv4";

/** Where the bytes of uploaded files live. Keys are made by the server (newMediaKey), never by a client. */
export interface MediaStorage {
  put(key: string, bytes: Uint8Array, mimeType: string): Promise<void>;
  /** The stored bytes, or null when there is no such object. */
  get(key: string): Promise<StoredMedia | null>;
  /** Removes the object; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
}

export type StoredMedia = { body: ReadableStream<Uint8Array> | Uint8Array; size: number };

/** 16 random bytes, hex, and the extension of the type the content was sniffed as. */
export function newMediaKey(extension: MediaExtension): string {
  return `${randomBytes(16).toString("hex")}.${extension}`;
}

function checkedKey(key: string): string {
  if (!isMediaKey(key)) throw new Error(`invariant: not a media key: ${JSON.stringify(key)}`);
  return key;
}

function isMissing(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "ENOENT";
}

/** Files in one folder (MEDIA_DIR by default), named by their key. */
export class LocalDiskStorage implements MediaStorage {
  readonly directory: string;

  constructor(directory: string = env.mediaDir) {
    this.directory = path.resolve(/*turbopackIgnore: true*/ directory);
  }

  pathOf(key: string): string {
    return path.join(/*turbopackIgnore: true*/ this.directory, checkedKey(key));
  }

  async put(key: string, bytes: Uint8Array, _mimeType?: string): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(this.directory, { recursive: true });
    // Written aside, then renamed: a reader never sees half a file.
    const temporary = `${target}.${randomBytes(6).toString("hex")}.part`;
    try {
      await writeFile(temporary, bytes, { flag: "wx", mode: 0o640 });
      await rename(temporary, target);
    } catch (error) {
      await unlink(temporary).catch(() => {});
      throw error;
    }
  }

  async get(key: string): Promise<StoredMedia | null> {
    const file = this.pathOf(key);
    try {
      const info = await stat(file);
      if (!info.isFile()) return null;
      const body = Readable.toWeb(createReadStream(file)) as unknown as ReadableStream<Uint8Array>;
      return { body, size: info.size };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await unlink(this.pathOf(key));
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }
}

export type S3Config = SigV4Credentials & { endpoint: string; bucket: string; region: string };

/**
 * An S3-compatible bucket (AWS, MinIO, R2, …) over plain fetch with Signature V4. Path-style URLs:
 * `<endpoint>/<bucket>/<key>`.
 */
export class S3Storage implements MediaStorage {
  constructor(
    private readonly config: S3Config,
    private readonly fetcher: typeof fetch = fetch,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  objectUrl(key: string): URL {
    return new URL(`${this.config.endpoint.replace(/\/+$/, "")}/${uriEncode(this.config.bucket, true)}/${uriEncode(checkedKey(key), false)}`);
  }

  private async send(method: "PUT" | "GET" | "DELETE", key: string, body?: Uint8Array, headers: Record<string, string> = {}) {
    const url = this.objectUrl(key);
    const signed = signRequest(
      {
        method,
        url,
        headers,
        payloadHash: body ? sha256Hex(body) : EMPTY_PAYLOAD_SHA256,
        region: this.config.region,
        now: this.clock(),
      },
      this.config,
    );
    // fetch sets Host itself (from the URL, as signed) and refuses to be given one.
    const { host: _host, ...sent } = signed.headers;
    return this.fetcher(url, { method, headers: sent, body: body as BodyInit | undefined, cache: "no-store" });
  }

  private async failure(operation: string, response: Response): Promise<Error> {
    const text = await response.text().catch(() => "");
    const code = /<Code>([^<]{1,100})<\/Code>/.exec(text)?.[1];
    return new Error(`Object storage ${operation} failed: HTTP ${response.status}${code ? ` (${code})` : ""}`);
  }

  async put(key: string, bytes: Uint8Array, mimeType: string): Promise<void> {
    const response = await this.send("PUT", key, bytes, { "content-type": mimeType });
    if (!response.ok) throw await this.failure("PUT", response);
    await response.body?.cancel();
  }

  async get(key: string): Promise<StoredMedia | null> {
    const response = await this.send("GET", key);
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    if (!response.ok || !response.body) throw await this.failure("GET", response);
    const length = Number(response.headers.get("content-length"));
    if (Number.isSafeInteger(length) && length >= 0) return { body: response.body, size: length };
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { body: bytes, size: bytes.byteLength };
  }

  async delete(key: string): Promise<void> {
    const response = await this.send("DELETE", key);
    if (!response.ok && response.status !== 404) throw await this.failure("DELETE", response);
    await response.body?.cancel();
  }
}

/** The configured backend: S3 when S3_BUCKET is set, else local disk under MEDIA_DIR. */
export function storageFromEnv(): MediaStorage {
  if (!env.S3_BUCKET) return new LocalDiskStorage(env.mediaDir);
  if (!env.S3_ACCESS_KEY_ID || !env.S3_SECRET_ACCESS_KEY) {
    throw new Error("S3_BUCKET is set, so S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set too.");
  }
  return new S3Storage({
    endpoint: env.S3_ENDPOINT ?? `https://s3.${env.S3_REGION}.amazonaws.com`,
    bucket: env.S3_BUCKET,
    region: env.S3_REGION,
    accessKeyId: env.S3_ACCESS_KEY_ID,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY,
  });
}

const globalForMedia = globalThis as unknown as { pressroomMediaStorage?: MediaStorage };

/** The process's one storage backend (kept on globalThis, like the database handle). */
export function mediaStorage(): MediaStorage {
  globalForMedia.pressroomMediaStorage ??= storageFromEnv();
  return globalForMedia.pressroomMediaStorage;
}

/** Tests point the process at their own storage (a temporary folder). */
export function setMediaStorage(storage: MediaStorage) {
  globalForMedia.pressroomMediaStorage = storage;
}
