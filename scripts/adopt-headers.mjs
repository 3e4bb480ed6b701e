// @ts-check
// What both wrappers of a response's own methods need (public-responses.mjs, which keeps copies and
// settles statuses, and compression.mjs, which filters and compresses): the headers given to writeHead
// made the response's own, and a written chunk as bytes.

/** @import { OutgoingHttpHeaders, ServerResponse } from "node:http" */

/**
 * Headers given to writeHead become the response's own, as Node does (an object overrides earlier ones
 * of the same name, a flat or paired array replaces them), so that getHeaders() reports everything that
 * goes out and the decisions made on it see it all.
 * @param {ServerResponse} res
 * @param {OutgoingHttpHeaders | (string | string[])[] | unknown} headers
 */
export function adoptHeaders(res, headers) {
  if (!headers || typeof headers !== "object") return;
  if (!Array.isArray(headers)) {
    for (const [name, value] of Object.entries(headers)) if (name && value !== undefined) res.setHeader(name, /** @type {string | number | string[]} */ (value));
    return;
  }
  const pairs = Array.isArray(headers[0]) ? /** @type {string[][]} */ (headers) : [];
  if (pairs.length === 0) for (let i = 0; i + 1 < headers.length; i += 2) pairs.push([String(headers[i]), String(headers[i + 1])]);
  for (const [name] of pairs) if (name) res.removeHeader(name);
  for (const [name, value] of pairs) if (name && value !== undefined) res.appendHeader(name, value);
}

/**
 * A chunk given to write or end, as bytes; null when there is none (nothing, or only a callback).
 * @param {unknown} chunk
 * @param {unknown} encoding
 * @returns {Buffer | null}
 */
export function chunkBytes(chunk, encoding) {
  if (chunk === null || chunk === undefined || typeof chunk === "function") return null;
  if (typeof chunk === "string") return Buffer.from(chunk, typeof encoding === "string" ? /** @type {BufferEncoding} */ (encoding) : "utf8");
  return Buffer.from(/** @type {Uint8Array} */ (chunk));
}
