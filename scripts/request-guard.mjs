// Checks the production server (server.mjs) makes before a request reaches Next's handler, for the
// requests Next itself would answer with a 500: addresses that do not decode, server actions from
// another origin or with a body React cannot decode; and the forwarded headers a client may not choose.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** next.config.ts `serverActions.bodySizeLimit`: larger action bodies are refused, not buffered. */
export const MAX_ACTION_BODY_BYTES = 12 * 1024 * 1024;

const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Why a request path cannot be served (null when it can): it does not decode as UTF-8 (`%ff`,
 * overlong `%c0%80`), or decodes to control characters (`%00`), which no address of the site has
 * and which Next would hand on to the database.
 * @param {string} url the request target, e.g. "/releases/a?b=c"
 */
export function badPathReason(url) {
  const path = url.split(/[?#]/, 1)[0] ?? "";
  let decoded;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return "This address is not valid: it contains an escape that is not UTF-8.";
  }
  return CONTROL.test(decoded) ? "This address is not valid: it contains a control character." : null;
}

/**
 * A request Next treats as a possible server action (its getServerActionRequestMetadata): a POST with a
 * Next-Action header, or a multipart form posted before hydration. Route handlers (/api/) are not.
 * @param {{ method?: string, url?: string, headers: Record<string, string | string[] | undefined> }} req
 */
export function isServerActionRequest(req) {
  if (req.method !== "POST" || (req.url ?? "").startsWith("/api/")) return false;
  return req.headers["next-action"] !== undefined || String(req.headers["content-type"] ?? "").startsWith("multipart/form-data");
}

/**
 * The origin the site is served from: SITE_URL's, or the default address env.ts gives it
 * (http://localhost:PORT). The same rule as lib/security/origin.ts: the client's Host and forwarded
 * headers never decide it.
 * @param {string | undefined} siteUrl
 * @param {number} port
 */
export function siteOriginOf(siteUrl, port) {
  try {
    return new URL(siteUrl || `http://localhost:${port}`).origin;
  } catch {
    return null;
  }
}

/** True when the request's Origin header is the site's own origin (a missing or "null" Origin is not). */
export function isSiteOrigin(origin, siteOrigin) {
  return typeof origin === "string" && origin !== "null" && siteOrigin !== null && origin === siteOrigin;
}

/**
 * Removes X-Forwarded-Host and X-Forwarded-Proto unless proxies are trusted (TRUST_PROXY > 0): with
 * none, whatever they say came from the client, and Next's own server-action check, its idea of the
 * request's URL and the HSTS header would believe it.
 */
export function dropUntrustedForwardedHeaders(headers, trustedHops) {
  if (trustedHops > 0) return;
  delete headers["x-forwarded-host"];
  delete headers["x-forwarded-proto"];
}

/** The scheme the client used, as far as the server knows: https only when a trusted proxy says so. */
export function requestScheme(headers, trustedHops) {
  if (trustedHops <= 0) return "http";
  const value = headers["x-forwarded-proto"];
  const first = String(Array.isArray(value) ? value[0] : (value ?? "")).split(",")[0].trim().toLowerCase();
  return first === "https" ? "https" : "http";
}

/**
 * Why React could not decode this server-action body (null when it can be read): the checks that
 * make decodeReply / decodeAction throw, made first so the client gets 400 instead of Next's 500.
 * @param {Buffer} body
 * @param {Record<string, string | string[] | undefined>} headers
 * @returns {Promise<string | null>}
 */
export async function malformedActionBody(body, headers) {
  const contentType = String(headers["content-type"] ?? "");
  const fetchAction = headers["next-action"] !== undefined;
  if (!contentType.startsWith("multipart/form-data")) {
    // A fetch action's arguments as one JSON text (React's encodeReply for simple values). Next answers
    // a URL-encoded one with 404 itself.
    if (!fetchAction || contentType === "application/x-www-form-urlencoded") return null;
    return isJson(body.toString("utf8")) ? null : "The server action's arguments are not valid JSON.";
  }
  const fields = fetchAction ? await busboyFields(body, headers) : await undiciFields(body, contentType);
  if (!fields) return "The server action's form data could not be read.";
  for (const [name, value] of fields) {
    // React's encoding: numbered fields ("0" the root, "1"… outlined values) and a before-hydration
    // form's "$ACTION_n:m" bound arguments are JSON text.
    if ((/^\d+$/.test(name) || /^\$ACTION_\d+:\d+$/.test(name)) && typeof value === "string" && !isJson(value)) {
      return "The server action's arguments are not valid JSON.";
    }
  }
  if (fetchAction && !fields.some(([name]) => name === "0")) return "The server action's arguments are missing.";
  return null;
}

function isJson(text) {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Fields as Next reads a fetch action's multipart body: with its bundled busboy. */
function busboyFields(body, headers) {
  return new Promise((resolve) => {
    let busboy;
    try {
      busboy = require("next/dist/compiled/busboy")({ defParamCharset: "utf8", headers, limits: { fieldSize: MAX_ACTION_BODY_BYTES } });
    } catch {
      resolve(null);
      return;
    }
    const fields = [];
    busboy.on("field", (name, value) => fields.push([name, value]));
    busboy.on("file", (name, stream) => {
      fields.push([name, null]);
      stream.resume();
    });
    busboy.on("error", () => resolve(null));
    busboy.on("close", () => resolve(fields));
    busboy.end(body);
  });
}

/** Fields as Next reads a form posted before hydration: with the platform's Request.formData(). */
async function undiciFields(body, contentType) {
  try {
    const form = await new Request("http://localhost/", { method: "POST", headers: { "content-type": contentType }, body }).formData();
    return [...form.entries()].map(([name, value]) => [name, typeof value === "string" ? value : null]);
  } catch {
    return null;
  }
}
