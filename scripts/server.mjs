// The production server: Next's request handler behind a plain http server, so the client address the
// app sees comes from the socket (or trusted proxies), never from a header a client made up.
import http from "node:http";
import next from "next";
import { resolveClientAddress } from "./client-address.mjs";

const CLIENT_ADDRESS_HEADER = "x-pressroom-client-address";
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || "0.0.0.0";
const trustedHops = Number(process.env.TRUST_PROXY || 0);

const app = next({ dev: false, hostname, port, dir: process.cwd() });
await app.prepare();
const handle = app.getRequestHandler();

const server = http.createServer((req, res) => {
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
