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
    return replyProblem(new Map([["0", body.toString("utf8")]]));
  }
  const fields = fetchAction ? await busboyFields(body, headers) : await undiciFields(body, contentType);
  if (!fields) return "The server action's form data could not be read.";
  if (fetchAction) {
    if (!fields.some(([name]) => name === "0")) return "The server action's arguments are missing.";
    return replyProblem(new Map(fields.filter(([name]) => /^\d+$/.test(name))));
  }
  // A form posted before hydration: its "$ACTION_n:m" fields are React replies of their own.
  const bound = fields.filter(([name]) => /^\$ACTION_\d+:\d+$/.test(name));
  for (const prefix of new Set(bound.map(([name]) => name.slice(0, name.indexOf(":") + 1)))) {
    const problem = replyProblem(new Map(bound.filter(([name]) => name.startsWith(prefix)).map(([name, value]) => [name.slice(prefix.length), value])));
    if (problem) return problem;
  }
  return null;
}

// React's reply encoding (parseModelString in react-server-dom): "$" strings that stand for a value
// themselves, and the type letters of those that point at another part ("$@1", "$Q2", "$B3"…, or "$1").
const SELF_CONTAINED = /^\$(\$|H|T|K|I|N|u|D|-0$|-Infinity$)/;
const POINTS_AT_PART = /^\$([@hQWiAOoUSsLlGgMmVBRrXx]?)([0-9a-f]+)(:|$)/;

/**
 * Why React could not decode these parts of a reply (null when it can): a part that is not JSON, or a
 * reference to a part that was not sent, which would leave the action waiting and then fail.
 * @param {Map<string, string | null>} parts by number; file parts are null
 */
function replyProblem(parts) {
  for (const [name, text] of parts) {
    if (text === null) continue;
    let value;
    try {
      value = JSON.parse(text);
    } catch {
      return "The server action's arguments are not valid JSON.";
    }
    if (name !== "0" && !/^\d+$/.test(name)) continue;
    const problem = referenceProblem(value, parts, 0);
    if (problem) return problem;
  }
  return null;
}

function referenceProblem(value, parts, depth) {
  if (depth > 512) return "The server action's arguments are nested too deeply.";
  if (typeof value === "string") {
    if (!value.startsWith("$") || SELF_CONTAINED.test(value)) return null;
    if (value.startsWith("$n")) return /^\$n-?\d{1,300}$/.test(value) ? null : "The server action's arguments hold a malformed number.";
    const match = POINTS_AT_PART.exec(value);
    if (!match || !parts.has(String(parseInt(match[2], 16)))) return "The server action's arguments refer to a part that was not sent.";
    return null;
  }
  if (value === null || typeof value !== "object") return null;
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    const problem = referenceProblem(item, parts, depth + 1);
    if (problem) return problem;
  }
  return null;
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
