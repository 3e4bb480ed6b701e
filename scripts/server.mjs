// The production server: Next's request handler behind a plain http server, so the client address the
// app sees comes from the socket (or trusted proxies), never from a header a client made up. It also
// answers repeats of shareable public responses from memory (response-cache.mjs), sends 410 for
// retracted releases and 301 for moved ones.
import http from "node:http";
import next from "next";
import { resolveClientAddress } from "./client-address.mjs";
import { answerFromCache, cacheKeyOf, keepWhenShareable } from "./response-cache.mjs";

const CLIENT_ADDRESS_HEADER = "x-pressroom-client-address";
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || "0.0.0.0";
const trustedHops = Number(process.env.TRUST_PROXY || 0);

const app = next({ dev: false, hostname, port, dir: process.cwd() });
await app.prepare();
const handle = app.getRequestHandler();

/**
 * Next answers permanentRedirect() with 308. For the GET of an old release address that means the same
 * as 301, which is what feed readers, crawlers and older clients expect, so say 301.
 */
function answerMovedReleasesWith301(req, res) {
  if ((req.method !== "GET" && req.method !== "HEAD") || !req.url?.startsWith("/releases/")) return;
  const writeHead = res.writeHead;
  res.writeHead = function (statusCode, ...rest) {
    if (statusCode !== 308) return writeHead.call(this, statusCode, ...rest);
    // Next adds the Location header twice (same value); send it once.
    const location = this.getHeader("location");
    if (Array.isArray(location)) this.setHeader("location", location[0]);
    return writeHead.call(this, 301, ...rest);
  };
}

const GONE_PATHS = Symbol.for("pressroom.gone-paths");

/**
 * A retracted release's page renders a tombstone and marks its path (lib/http/gone.ts); Next's page
 * cache can only store 200 or 404, so the status of a marked path becomes 410 Gone here.
 */
function answerRetractedReleasesWith410(req, res) {
  if ((req.method !== "GET" && req.method !== "HEAD") || !req.url?.startsWith("/releases/")) return;
  const path = req.url.split("?")[0].replace(/\/+$/, "");
  const writeHead = res.writeHead;
  res.writeHead = function (statusCode, ...rest) {
    const gone = globalThis[GONE_PATHS];
    if (statusCode === 200 && gone?.has(path)) return writeHead.call(this, 410, ...rest);
    return writeHead.call(this, statusCode, ...rest);
  };
}

const server = http.createServer((req, res) => {
  const cacheKey = cacheKeyOf(req);
  if (cacheKey && answerFromCache(cacheKey, req, res)) return;
  answerMovedReleasesWith301(req, res);
  answerRetractedReleasesWith410(req, res);
  if (cacheKey) keepWhenShareable(cacheKey, req, res);
  const address = resolveClientAddress(req.headers["x-forwarded-for"], req.socket.remoteAddress ?? "unknown", trustedHops);
  req.headers[CLIENT_ADDRESS_HEADER] = address;
  if (trustedHops <= 0) req.headers["x-forwarded-for"] = address;
  handle(req, res).catch((error) => {
    console.error(error);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
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
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
