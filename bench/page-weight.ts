// Page weight. Seeds a small newsroom (a release of about 1,000 words among a few others, one retracted)
// into a database of its own on the Postgres server, starts the production server on it and prints,
// per public page, the JavaScript it makes a browser fetch or run (target 0 bytes), and its HTML raw
// and as the server sends it compressed (gzip and brotli); the release page of about 1,000 words must
// stay within 25 KB raw. Then the JavaScript of the desk's release editor, read from the build's
// manifests (what the route's HTML loads before it runs: Next's runtime, the layouts and the page),
// raw, gzip and brotli (target ≤ 300 KB gzip).
//
//   npm run bench:weight
//   BENCH_DATABASE_URL=postgres://… (default postgres://postgres@127.0.0.1:5432/postgres)
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runInNewContext } from "node:vm";
import zlib from "node:zlib";
import type { JSONContent } from "@tiptap/core";
import postgres from "postgres";
import { connect } from "@/db/connect";
import { migrateDatabase } from "@/db/migrate";
import { bootstrap } from "@/db/seed/bootstrap";
import { bodyToPlainText, renderBodyHtml } from "@/lib/content/render";
import { buildIfNeeded } from "../scripts/build-fingerprint";
import { waitForOutput } from "./support/process";

const SERVER_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const APP_PORT = Number(process.env.BENCH_PORT ?? 3310);
const RELEASE_TARGET_BYTES = 25 * 1024;
const EDITOR_TARGET_GZIP = 300 * 1024;
const EDITOR_ROUTE = "/desk/releases/[id]/page";

const SENTENCES = [
  "The Mission welcomes the adoption today of the resolution on public health preparedness.",
  "Delegations negotiated the text over several months and agreed on reporting and financing.",
  "The resolution asks every region to publish its plans for coastal repairs and rural broadband.",
  "Ministers will meet again in the spring to review what has been achieved and what remains.",
  "The Office thanks the sponsors and the secretariat for their work throughout the session.",
];

/** A release body of about 1,000 words: paragraphs, two subheadings, a list and a quotation. */
function longBody(): JSONContent {
  const paragraph = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });
  const content: JSONContent[] = [];
  for (let i = 0; i < 14; i += 1) {
    if (i === 4 || i === 10) content.push({ type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: i === 4 ? "Key points" : "Next steps" }] });
    content.push(paragraph(Array.from({ length: 5 }, (_, j) => SENTENCES[(i + j) % SENTENCES.length]).join(" ")));
    if (i === 6) {
      content.push({
        type: "bulletList",
        content: ["Argentina", "Brazil", "Canada", "Denmark", "Egypt", "Finland"].map((name) => ({ type: "listItem", content: [paragraph(`${name} joined the sponsors of the text.`)] })),
      });
    }
  }
  content.push({ type: "blockquote", content: [paragraph("We are proud of what the delegations achieved together.")] });
  return { type: "doc", content };
}

async function seed(url: string): Promise<{ words: number }> {
  await migrateDatabase({ url, pgliteDir: "" });
  const handle = await connect({ url, pgliteDir: "" });
  await bootstrap(handle.db, { demo: false });
  await handle.close();
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const body = longBody();
  const html = renderBodyHtml(body);
  const text = bodyToPlainText(body);
  for (const slug of ["health", "trade"]) await sql`insert into topics (slug, name) values (${slug}, ${slug}) on conflict do nothing`;
  const [admin] = await sql<{ id: string }[]>`select id from users limit 1`;
  const rows = [
    { slug: "weight-long-release", type: "press-release", typeName: "Press release", topic: "health", headline: "Mission welcomes the resolution on public health preparedness", retracted: false },
    { slug: "weight-statement", type: "statement", typeName: "Statement", topic: "trade", headline: "Statement on the trade talks", retracted: false },
    { slug: "weight-advisory", type: "press-release", typeName: "Press release", topic: "health", headline: "Briefing on the annual programme", retracted: false },
    { slug: "weight-retracted", type: "statement", typeName: "Statement", topic: "trade", headline: "Withdrawn statement", retracted: true },
  ];
  for (const [index, row] of rows.entries()) {
    const [release] = await sql<{ id: string }[]>`insert into releases (slug, status, created_by) values (${row.slug}, ${row.retracted ? "retracted" : "published"}, ${admin!.id}::uuid) returning id`;
    await sql`
      insert into publications (release_id, revision_id, content_hash, slug, type_slug, type_name, language, topics,
        headline, summary, html, plain_text, published_at, updated_at, time_zone, retracted_at, retraction_reason)
      values (${release!.id}::uuid, gen_random_uuid(), ${`weight-${index}`}, ${row.slug}, ${row.type}, ${row.typeName}, 'en', ${sql.json([row.topic])},
        ${row.headline}, 'The Mission welcomes the resolution.', ${html}, ${text}, now() - make_interval(hours => ${index}),
        now() - make_interval(hours => ${index}), 'UTC', ${row.retracted ? sql`now()` : null}, ${row.retracted ? "Issued in error." : null})`;
  }
  await sql.end();
  return { words: text.split(/\s+/).filter(Boolean).length };
}


async function stop(child: ChildProcess | undefined) {
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.on("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** A page as sent uncompressed (Accept-Encoding: identity): its HTML byte for byte. */
async function identityPage(url: string): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
  const response = await fetch(url, { headers: { "accept-encoding": "identity" }, redirect: "manual" });
  if (response.headers.get("content-encoding")) throw new Error(`${url} came compressed although identity was asked for`);
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()), headers: response.headers };
}

/** The JavaScript a public page makes a browser fetch or run: external scripts, inline scripts and script preloads. */
async function pageJavaScript(base: string, html: string, linkHeader: string | null): Promise<{ count: number; bytes: number }> {
  let count = 0;
  let bytes = 0;
  const sources = new Set<string>();
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attributes = match[1] ?? "";
    if (/type\s*=\s*["']?application\/ld\+json/i.test(attributes)) continue;
    const src = /\bsrc\s*=\s*["']([^"']+)/i.exec(attributes)?.[1];
    count += 1;
    if (src) sources.add(src);
    else bytes += Buffer.byteLength(match[2] ?? "");
  }
  for (const match of html.matchAll(/<link\b[^>]*>/gi)) {
    if (!/modulepreload|as\s*=\s*["']?script/i.test(match[0])) continue;
    const href = /\bhref\s*=\s*["']([^"']+)/i.exec(match[0])?.[1];
    count += 1;
    if (href) sources.add(href);
  }
  for (const entry of (linkHeader ?? "").split(/,(?=\s*<)/)) {
    if (!/rel=("?)(modulepreload|preload)\1/i.test(entry) || (!/modulepreload/i.test(entry) && !/as=("?)script\1/i.test(entry))) continue;
    count += 1;
    const href = /<([^>]+)>/.exec(entry)?.[1];
    if (href) sources.add(href);
  }
  for (const src of sources) bytes += (await (await fetch(new URL(src, base))).arrayBuffer()).byteLength;
  return { count, bytes };
}

/** Raw bytes of a compressed answer: node:http, which does not decode. */
async function compressedBytes(url: string, encoding: "gzip" | "br"): Promise<number> {
  const http = await import("node:http");
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "accept-encoding": encoding } }, (response) => {
        if (response.headers["content-encoding"] !== encoding) {
          response.resume();
          return reject(new Error(`${url} was not sent with ${encoding} (content-encoding: ${response.headers["content-encoding"] ?? "none"})`));
        }
        let size = 0;
        response.on("data", (chunk: Buffer) => (size += chunk.length));
        response.on("end", () => resolve(size));
      })
      .on("error", reject);
  });
}

type PageRow = { page: string; status: number; scripts: number; jsBytes: number; html: number; gzip: number; br: number };

async function measurePages(base: string): Promise<PageRow[]> {
  const year = String(new Date().getUTCFullYear());
  const month = String(new Date().getUTCMonth() + 1).padStart(2, "0");
  const pages = [
    "/",
    "/?type=statement",
    "/?topic=health&type=press-release",
    "/archive",
    `/archive/${year}`,
    `/archive/${year}/${month}`,
    "/topics",
    "/topics/health",
    "/search?q=resolution",
    "/search?q=nothingmatches",
    "/about",
    "/releases/weight-long-release",
    "/releases/weight-retracted",
    "/releases/no-such-release",
  ];
  const rows: PageRow[] = [];
  for (const page of pages) {
    const url = base + page;
    const identity = await identityPage(url);
    const html = identity.bytes.toString("utf8");
    const javascript = await pageJavaScript(base, html, identity.headers.get("link"));
    rows.push({
      page,
      status: identity.status,
      scripts: javascript.count,
      jsBytes: javascript.bytes,
      html: identity.bytes.length,
      gzip: await compressedBytes(url, "gzip"),
      br: await compressedBytes(url, "br"),
    });
  }
  return rows;
}

/** The editor route's JavaScript, from the build: Next's root files plus the layouts' and the page's chunks. */
function editorJavaScript(): { files: number; raw: number; gzip: number; br: number } {
  const root = ".next";
  const routeDir = path.join(root, "server", "app", ...EDITOR_ROUTE.slice(1).split("/"));
  const buildManifest = JSON.parse(readFileSync(path.join(routeDir, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const sandbox: { globalThis?: unknown; __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }> } = {};
  sandbox.globalThis = sandbox;
  runInNewContext(readFileSync(`${routeDir}_client-reference-manifest.js`, "utf8"), sandbox);
  const entries = sandbox.__RSC_MANIFEST?.[EDITOR_ROUTE]?.entryJSFiles ?? {};
  const files = new Set(buildManifest.rootMainFiles);
  for (const segment of ["[project]/app/layout", "[project]/app/desk/layout", `[project]/app${EDITOR_ROUTE.slice(0, -"/page".length)}/page`]) {
    const chunks = entries[segment];
    if (!chunks) throw new Error(`the build has no client entry for ${segment}`);
    for (const file of chunks) files.add(file);
  }
  let raw = 0;
  let gzip = 0;
  let br = 0;
  for (const file of files) {
    const bytes = readFileSync(path.join(root, file));
    raw += bytes.length;
    gzip += zlib.gzipSync(bytes, { level: 6 }).length;
    br += zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } }).length;
  }
  return { files: files.size, raw, gzip, br };
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

async function main() {
  if (!buildIfNeeded()) process.exit(1);
  const admin = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
  const name = `pressroom_weight_${randomBytes(4).toString("hex")}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const work = mkdtempSync(path.join(tmpdir(), "pressroom-weight-"));
  let app: ChildProcess | undefined;
  let failed = false;
  try {
    const { words } = await seed(url.toString());
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
    const rows = await measurePages(`http://127.0.0.1:${APP_PORT}`);

    console.log(`\nPublic pages · release page of ${words.toLocaleString("en")} words · ${process.version}\n`);
    console.log("| page | status | scripts | JavaScript bytes | HTML KB | gzip KB | brotli KB |");
    console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const row of rows) console.log(`| ${row.page} | ${row.status} | ${row.scripts} | ${row.jsBytes} | ${kb(row.html)} | ${kb(row.gzip)} | ${kb(row.br)} |`);
    const release = rows.find((row) => row.page === "/releases/weight-long-release")!;
    const javascript = rows.reduce((sum, row) => sum + row.jsBytes + row.scripts, 0);
    console.log(`\nJavaScript on public pages: ${javascript === 0 ? "none (target met)" : `${javascript} bytes/scripts (target 0: NOT met)`}`);
    console.log(`Release page: ${kb(release.html)} KB raw (target ≤ ${kb(RELEASE_TARGET_BYTES)} KB: ${release.html <= RELEASE_TARGET_BYTES ? "met" : "NOT met"})`);
    failed ||= javascript !== 0 || release.html > RELEASE_TARGET_BYTES;

    const editor = editorJavaScript();
    console.log(`\nRelease editor (${EDITOR_ROUTE}) · ${editor.files} files\n`);
    console.log("| JavaScript | raw KB | gzip KB | brotli KB |");
    console.log("| --- | ---: | ---: | ---: |");
    console.log(`| loaded by the route | ${kb(editor.raw)} | ${kb(editor.gzip)} | ${kb(editor.br)} |`);
    console.log(`\nEditor JavaScript: ${kb(editor.gzip)} KB gzip (target ≤ ${kb(EDITOR_TARGET_GZIP)} KB: ${editor.gzip <= EDITOR_TARGET_GZIP ? "met" : "NOT met"})`);
    failed ||= editor.gzip > EDITOR_TARGET_GZIP;
  } finally {
    await stop(app);
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
    if (existsSync(work)) rmSync(work, { recursive: true, force: true });
  }
  if (failed) process.exitCode = 1;
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
