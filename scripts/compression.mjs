// @ts-check
// What the production server does to a response body on its way out, after Next (which runs with
// `compress: false`): public HTML loses its scripts (public-html.mjs), then the body is compressed by
// the client's Accept-Encoding — brotli or gzip, with node:zlib — and `Vary: Accept-Encoding` says so.
// It sits between Next and public-responses.mjs, so the copies that module keeps are already filtered
// and compressed: a cached page is answered without filtering or compressing again (the cache key
// carries the negotiated encoding, negotiateEncoding below).

/** @import { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http" */

import zlib from "node:zlib";
import { adoptHeaders, chunkBytes } from "./adopt-headers.mjs";
import { isPublicHtml, ScriptStripper, withoutScriptLinks } from "./public-html.mjs";

/** @typedef {"br" | "gzip" | "identity"} Encoding */

/** Bodies known to be smaller than this are sent as they are: the framing would eat the saving. */
const MIN_COMPRESS_BYTES = 1024;
/**
 * Brotli quality 5: for streamed pages about 20 % smaller than gzip at a similar cost (11, the
 * default, costs tens of milliseconds a page). Cached copies are compressed once, so this is paid once.
 */
const BROTLI_QUALITY = 5;
const GZIP_LEVEL = 6;
/** Accept-Encoding values already weighed (short ones); emptied when clients send too many distinct ones. */
const NEGOTIATED = /** @type {Map<string, Encoding>} */ (new Map());
const MAX_NEGOTIATED = 256;
const MAX_NEGOTIATED_LENGTH = 200;
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml|x-javascript|manifest\+json|[a-z.+-]+\+(json|xml))|image\/svg\+xml)/i;

/**
 * The encoding to answer with (RFC 9110 §12.5.3): the acceptable coding with the highest weight,
 * brotli before gzip when equal; `*` stands for any coding not named; identity otherwise.
 * @param {string | string[] | undefined} acceptEncoding
 * @returns {Encoding}
 */
export function negotiateEncoding(acceptEncoding) {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(",") : acceptEncoding;
  if (!header) return "identity";
  // Every cached hit asks (the copies' key carries it), and browsers send a handful of distinct values.
  const known = NEGOTIATED.get(header);
  if (known) return known;
  const encoding = weighEncodings(header);
  if (header.length > MAX_NEGOTIATED_LENGTH) return encoding;
  if (NEGOTIATED.size >= MAX_NEGOTIATED) NEGOTIATED.clear();
  NEGOTIATED.set(header, encoding);
  return encoding;
}

/**
 * @param {string} header
 * @returns {Encoding}
 */
function weighEncodings(header) {
  /** @type {Map<string, number>} */
  const weights = new Map();
  for (const part of header.split(",")) {
    const [name = "", ...parameters] = part.split(";").map((piece) => piece.trim());
    if (!name) continue;
    let weight = 1;
    for (const parameter of parameters) {
      if (!/^q\s*=/i.test(parameter)) continue;
      // A weight that is not a number makes the coding unacceptable rather than preferred.
      const match = /^q\s*=\s*([01](?:\.[0-9]{0,3})?)$/i.exec(parameter);
      weight = match ? Number(match[1]) : 0;
    }
    if (Number.isFinite(weight)) weights.set(name.toLowerCase(), Math.min(1, Math.max(0, weight)));
  }
  const any = weights.get("*");
  /** @param {string} coding */
  const weightOf = (coding) => weights.get(coding) ?? (coding === "x-gzip" ? undefined : any) ?? 0;
  const br = weightOf("br");
  const gzip = Math.max(weightOf("gzip"), weights.get("x-gzip") ?? 0);
  if (br > 0 && br >= gzip) return "br";
  if (gzip > 0) return "gzip";
  return "identity";
}

/**
 * Whether a response with these headers may be compressed: a compressible type, not already encoded,
 * not a range, not marked no-transform, not known to be tiny.
 * @param {number} status
 * @param {OutgoingHttpHeaders} headers
 */
export function isCompressible(status, headers) {
  if (status < 200 || status === 204 || status === 206 || status === 304) return false;
  if (headers["content-encoding"] || headers["content-range"]) return false;
  if (/\bno-transform\b/i.test(String(headers["cache-control"] ?? ""))) return false;
  if (!COMPRESSIBLE.test(String(headers["content-type"] ?? ""))) return false;
  const length = Number(headers["content-length"]);
  return !(headers["content-length"] !== undefined && Number.isFinite(length) && length < MIN_COMPRESS_BYTES);
}

/**
 * A compressor for one response body.
 * @param {"br" | "gzip"} encoding
 * @param {number} [sizeHint] the body's length when known
 */
function createCompressor(encoding, sizeHint) {
  if (encoding === "gzip") return zlib.createGzip({ level: GZIP_LEVEL });
  /** @type {Record<number, number>} */
  const params = { [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT };
  if (sizeHint && sizeHint > 0) params[zlib.constants.BROTLI_PARAM_SIZE_HINT] = sizeHint;
  return zlib.createBrotliCompress({ params });
}

/**
 * Adds a token to a Vary header value unless it is there (or `*` is).
 * @param {string | number | string[] | undefined} vary
 * @param {string} token
 */
export function varyWith(vary, token) {
  const value = Array.isArray(vary) ? vary.join(", ") : vary === undefined ? "" : String(vary);
  const tokens = value.split(",").map((part) => part.trim().toLowerCase());
  if (tokens.includes("*") || tokens.includes(token.toLowerCase())) return value;
  return value.trim() ? `${value}, ${token}` : token;
}

/**
 * A 304 Next (or a route) answered itself carries the strong tag it compared with; when the client's
 * If-None-Match held that tag's weak form — it has the compressed representation — the 304 names that
 * one, with the Vary it was sent with (RFC 9110 §15.4.5), so the client's cache updates its copy.
 * @param {Pick<IncomingMessage, "headers">} req
 * @param {ServerResponse} res
 */
function answeredAsCompressed(req, res) {
  const etag = res.getHeader("etag");
  const ifNoneMatch = req.headers["if-none-match"];
  if (typeof etag !== "string" || etag.startsWith("W/") || !ifNoneMatch) return;
  const tags = ifNoneMatch.split(",").map((tag) => tag.trim());
  if (tags.includes(etag) || !tags.includes(`W/${etag}`)) return;
  res.setHeader("etag", `W/${etag}`);
  res.setHeader("vary", varyWith(res.getHeader("vary"), "Accept-Encoding"));
}

/**
 * Wraps the response's writeHead, write, end and flush (the instance's own methods, as
 * public-responses.mjs does) so that what Next writes goes out filtered and compressed. The decision
 * is made when the head goes out: public HTML is filtered (and its Link header loses script
 * preloads); a compressible body is compressed when the client accepts an encoding.
 * @param {Pick<IncomingMessage, "method" | "url" | "headers">} req
 * @param {ServerResponse} res
 */
export function shapeResponse(req, res) {
  const writeHead = /** @type {(statusCode: number, statusMessage?: string) => ServerResponse} */ (res.writeHead);
  const write = /** @type {(chunk: unknown, ...rest: unknown[]) => boolean} */ (res.write);
  const end = /** @type {(chunk?: unknown, ...rest: unknown[]) => ServerResponse} */ (res.end);
  const head = req.method === "HEAD";
  /** @type {ScriptStripper | null} */
  let stripper = null;
  /** @type {TextDecoder | null} */
  let decoder = null;
  /** @type {zlib.Gzip | zlib.BrotliCompress | null} */
  let compressor = null;
  let decided = false;
  let ended = false;

  function decide() {
    if (decided) return;
    decided = true;
    const headers = res.getHeaders();
    const status = res.statusCode;
    if (isPublicHtml(req.url ?? "/", headers["content-type"])) {
      const link = withoutScriptLinks(headers["link"]);
      if (link === null) res.removeHeader("link");
      else res.setHeader("link", link);
      if (!head && status !== 204 && status !== 304) {
        stripper = new ScriptStripper();
        decoder = new TextDecoder("utf-8");
        res.removeHeader("content-length");
      }
    }
    if (status === 304) return answeredAsCompressed(req, res);
    if (!isCompressible(status, res.getHeaders())) return;
    res.setHeader("vary", varyWith(res.getHeader("vary"), "Accept-Encoding"));
    const encoding = negotiateEncoding(req.headers["accept-encoding"]);
    if (encoding === "identity") return;
    const length = Number(res.getHeader("content-length"));
    res.setHeader("content-encoding", encoding);
    res.removeHeader("content-length");
    // Byte ranges would be of the uncompressed body (RFC 9110 §14.3: ranges are of the representation sent).
    res.removeHeader("accept-ranges");
    // A strong validator names one representation; the compressed one is another (RFC 9110 §8.8.3).
    const etag = res.getHeader("etag");
    if (typeof etag === "string" && !etag.startsWith("W/")) res.setHeader("etag", `W/${etag}`);
    if (head) return;
    const compressing = createCompressor(encoding, Number.isFinite(length) ? length : undefined);
    compressing.on("data", (/** @type {Buffer} */ data) => {
      if (!write.call(res, data)) {
        compressing.pause();
        res.once("drain", () => compressing.resume());
      }
    });
    compressing.on("error", (error) => res.destroy(error));
    // A client gone before the end: the compressor's memory goes with it.
    res.once("close", () => compressing.destroy());
    compressor = compressing;
  }

  /**
   * The bytes Next wrote, after the filter.
   * @param {Buffer | null} bytes
   * @param {boolean} last
   */
  function filtered(bytes, last) {
    if (!stripper || !decoder) return bytes;
    let text = bytes ? stripper.write(decoder.decode(bytes, { stream: !last })) : "";
    if (last) text += (bytes ? "" : stripper.write(decoder.decode())) + stripper.end();
    return text ? Buffer.from(text, "utf8") : null;
  }

  /** @param {number} statusCode @param {unknown[]} rest */
  function shapedWriteHead(statusCode, ...rest) {
    const message = typeof rest[0] === "string" ? rest[0] : undefined;
    adoptHeaders(res, message === undefined ? rest[0] : rest[1]);
    res.statusCode = statusCode;
    decide();
    return message !== undefined ? writeHead.call(res, statusCode, message) : writeHead.call(res, statusCode);
  }

  /** @param {unknown} chunk @param {unknown[]} rest */
  function shapedWrite(chunk, ...rest) {
    decide();
    if (!stripper && !compressor) return write.call(res, chunk, ...rest);
    if (ended) return false;
    const callback = rest.find((arg) => typeof arg === "function");
    const bytes = filtered(chunkBytes(chunk, rest[0]), false);
    if (!compressor) {
      if (bytes) return write.call(res, bytes, callback);
      if (typeof callback === "function") process.nextTick(callback);
      return true;
    }
    const ok = bytes ? compressor.write(bytes) : true;
    if (typeof callback === "function") process.nextTick(callback);
    if (!ok) compressor.once("drain", () => res.emit("drain"));
    return ok;
  }

  /** @param {unknown} chunk @param {unknown[]} rest */
  function shapedEnd(chunk, ...rest) {
    decide();
    if (!stripper && !compressor) return end.call(res, chunk, ...rest);
    if (ended) return res;
    ended = true;
    const callback = [chunk, ...rest].find((arg) => typeof arg === "function");
    const bytes = filtered(chunkBytes(chunk, rest[0]), true);
    const compressing = compressor;
    if (!compressing) {
      if (bytes) write.call(res, bytes);
      return end.call(res, callback);
    }
    compressing.once("end", () => end.call(res, callback));
    if (bytes) compressing.end(bytes);
    else compressing.end();
    return res;
  }

  /** Next calls res.flush() after each chunk it streams: what is compressed so far goes out. */
  function flush() {
    if (compressor instanceof zlib.Gzip) compressor.flush(zlib.constants.Z_SYNC_FLUSH);
    else compressor?.flush(zlib.constants.BROTLI_OPERATION_FLUSH);
  }

  res.writeHead = /** @type {ServerResponse["writeHead"]} */ (/** @type {unknown} */ (shapedWriteHead));
  res.write = /** @type {ServerResponse["write"]} */ (/** @type {unknown} */ (shapedWrite));
  res.end = /** @type {ServerResponse["end"]} */ (/** @type {unknown} */ (shapedEnd));
  /** @type {ServerResponse & { flush?: () => void }} */ (res).flush = flush;
}
