import { AppError } from "@/lib/errors";

/**
 * The one cleaning step for text that enters through a server action or a route handler: NUL is
 * removed (Postgres text cannot hold it) and a lone UTF-16 surrogate becomes U+FFFD (jsonb refuses
 * it, and no encoding can carry it). Everything else, other control characters included, is the
 * writer's text and stays as typed.
 */

const NUL = /\u0000/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function cleanText(text: string): string {
  return text.replace(NUL, "").replace(LONE_SURROGATE, "\ufffd");
}

/**
 * Cleans every string in a value the boundary accepted: form values, parsed JSON (a Tiptap body
 * included), object keys, and the names of uploaded files. Numbers, booleans, null and file contents
 * pass unchanged; objects other than plain ones and arrays are returned as they are. Refuses (AppError
 * "invalid") a value nested deeper than MAX_INPUT_DEPTH, which only a hand-made request can be.
 */
export function cleanInput<T>(value: T): T {
  return clean(value, 0) as T;
}

/** Far above what any form or editor document needs (bodies nest at most 40 elements deep, lib/content/validate.ts). */
export const MAX_INPUT_DEPTH = 256;

function clean(value: unknown, depth: number): unknown {
  if (typeof value === "string") return cleanText(value);
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_INPUT_DEPTH) throw new AppError("invalid", "The request is nested too deeply to be read.");
  if (Array.isArray(value)) return value.map((item) => clean(item, depth + 1));
  if (typeof File !== "undefined" && value instanceof File) {
    const name = cleanText(value.name);
    return name === value.name ? value : new File([value], name, { type: value.type, lastModified: value.lastModified });
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [cleanText(key), clean(item, depth + 1)]));
}
