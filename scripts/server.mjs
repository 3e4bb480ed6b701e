// The production server: Next's request handler behind a plain http server, so the client address the
// app sees comes from the socket (or trusted proxies), never from a header a client made up; so do the
// forwarded host and scheme. It refuses, before Next, what Next would answer with a 500 (addresses that
// do not decode, server actions from another origin or with an unreadable body: request-guard.mjs). It
// also answers repeats of shareable public responses from memory, and sends 410 for retracted releases
// and 301 for moved ones (public-responses.mjs). While the database is known to be down
// (circuit-breaker.mjs) public pages come from their last good copy and what needs the database — staff
// pages, sign-in, search, server actions — answers 503 with Retry-After at once. Public HTML goes out
// without scripts, and bodies are compressed here by Accept-Encoding rather than by Next
// (compression.mjs, public-html.mjs). Public pages are rendered a few at a time (render-slots.mjs), an
// unknown release address costs a look-up rather than a render, and a page that found nothing at its
// address goes out as 404 (public-responses.mjs).
import { randomUUID } from "node:crypto";
import http from "node:http";
import { Readable } from "node:stream";
import next from "next";
import { resolveClientAddress } from "./client-address.mjs";
import {
  badPathReason,
  dropUntrustedForwardedHeaders,
  isServerActionRequest,
  isSiteOrigin,
  malformedActionBody,
  MAX_ACTION_BODY_BYTES,
  requestScheme,
  siteOriginOf,
} from "./request-guard.mjs";
import { shapeResponse } from "./compression.mjs";
import { answerFromCopies, answerUnknownRelease, cacheKeyOf, RENDER_ID_HEADER, watchResponse } from "./public-responses.mjs";
import { renderSlots } from "./render-slots.mjs";
import { databaseIsDown, RETRY_AFTER_SECONDS } from "./circuit-breaker.mjs";

const CLIENT_ADDRESS_HEADER = "x-pressroom-client-address";
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || "0.0.0.0";
const trustedHops = Number(process.env.TRUST_PROXY || 0);
const siteOrigin = siteOriginOf(process.env.SITE_URL, port);
/** Enough to keep the processor busy while some renders wait on the database, few enough to finish in order. */
const RENDERS_AT_ONCE = 4;
/** What cannot be answered without the database, and has no copy to fall back on. */
const NEEDS_DATABASE = /^\/(desk|login|search|api\/session|api\/auth|api\/releases)(\/|\?|$)/;

const app = next({ dev: false, hostname, port, dir: process.cwd() });
await app.prepare();
const handle = app.getRequestHandler();

/** A refusal made here, before Next: plain text, never cached. */
function refuse(res, status, message, headers = {}) {
  res.writeHead(status, {
    "Content-Type": "text/plain; charset=utf-8",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    ...headers,
  });
  res.end(`${message}\n`);
}

/** The whole body, or null as soon as it exceeds `limit` bytes (the rest is then read and discarded). */
function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    if (Number(req.headers["content-length"] ?? 0) > limit) {
      req.resume();
      return resolve(null);
    }
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else resolve(null); // once settled, later calls do nothing
    });
    req.on("end", () => resolve(size <= limit ? Buffer.concat(chunks) : null));
    req.on("error", reject);
  });
}

/** Lets Next read a body this server has already read, the way Next itself replays one (body-streams.js). */
function replayBody(req, body) {
  const replay = new Readable({ read() {} });
  replay.push(body);
  replay.push(null);
  for (const key in replay) {
    const value = replay[key];
    req[key] = typeof value === "function" ? value.bind(req) : value;
  }
}

/**
 * A server action from another origin (Next would answer 500; its own check also believed a client's
 * X-Forwarded-Host), or with a body React cannot decode (500 again), is refused here. True when the
 * request may go on to Next.
 */
async function admitServerAction(req, res) {
  if (!isSiteOrigin(req.headers.origin, siteOrigin)) {
    refuse(res, 403, "This request did not come from this site.");
    return false;
  }
  const body = await readBody(req, MAX_ACTION_BODY_BYTES);
  if (body === null) {
    refuse(res, 413, "The request is too large.", { Connection: "close" });
    return false;
  }
  const problem = await malformedActionBody(body, req.headers);
  if (problem) {
    refuse(res, 400, problem);
    return false;
  }
  replayBody(req, body);
  return true;
}

/** Public pages rendered at once (scripts/render-slots.mjs); staff pages, actions and the API never wait. */
const publicRenders = renderSlots(RENDERS_AT_ONCE);

async function serve(req, res) {
  const scheme = requestScheme(req.headers, trustedHops);
  delete req.headers[RENDER_ID_HEADER];
  if (answerFromCopies(req, res, scheme) || (await answerUnknownRelease(req, res, scheme))) return;
  const key = cacheKeyOf(req, scheme);
  if (key !== null) {
    req.headers[RENDER_ID_HEADER] = randomUUID();
    const release = await publicRenders.take();
    res.once("close", release);
    // Meanwhile the page may have been rendered for another reader, or the reader may have gone.
    if (res.destroyed || answerFromCopies(req, res, scheme)) return release();
  }
  watchResponse(req, res, key);
  // Wrapped after the copy-taker, so the copy is of what goes out: public HTML without scripts, compressed.
  shapeResponse(req, res);
  handle(req, res).catch((error) => {
    console.error(error);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
}

const server = http.createServer((req, res) => {
  const address = resolveClientAddress(req.headers["x-forwarded-for"], req.socket.remoteAddress ?? "unknown", trustedHops);
  req.headers[CLIENT_ADDRESS_HEADER] = address;
  if (trustedHops <= 0) req.headers["x-forwarded-for"] = address;
  dropUntrustedForwardedHeaders(req.headers, trustedHops);

  const badPath = badPathReason(req.url ?? "/");
  if (badPath) return refuse(res, 400, badPath);
  if (databaseIsDown() && (NEEDS_DATABASE.test(req.url ?? "/") || isServerActionRequest(req))) {
    req.resume();
    return refuse(res, 503, "The newsroom's database is not answering. Please try again in a minute.", { "Retry-After": String(RETRY_AFTER_SECONDS) });
  }
  if (!isServerActionRequest(req)) return void serve(req, res);
  admitServerAction(req, res).then(
    (admitted) => admitted && serve(req, res),
    (error) => {
      console.error(error);
      if (!res.headersSent) refuse(res, 400, "The request could not be read.");
    },
  );
});

server.on("error", (error) => {
  console.error(`error: cannot serve on ${hostname}:${port}: ${error.message}`);
  process.exit(1);
});

server.listen(port, hostname, () => {
  console.log(`Pressroom is serving on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`);
});

let closing = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    // The app's own shutdown runs beside the connections' closing (the job workers finish or give back
    // their jobs: db/jobs/worker-loop.ts); the process ends when both are done, or after 5 s regardless.
    const appStopped = Promise.allSettled((globalThis.pressroomShutdownHooks ?? []).map((hook) => hook()));
    server.close(() => void appStopped.then(() => process.exit(0)));
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
