import { z } from "zod";

/** Longest slug `slugify` produces; people may type up to SLUG_MAX_LENGTH. */
export const SLUGIFY_MAX_LENGTH = 80;
export const SLUG_MAX_LENGTH = 100;
export const SLUG_FALLBACK = "release";
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Letters NFKD does not decompose into ASCII. */
const TRANSLITERATIONS: Record<string, string> = {
  ß: "ss",
  ẞ: "ss",
  æ: "ae",
  Æ: "ae",
  œ: "oe",
  Œ: "oe",
  ø: "o",
  Ø: "o",
  đ: "d",
  Đ: "d",
  ð: "d",
  Ð: "d",
  þ: "th",
  Þ: "th",
  ł: "l",
  Ł: "l",
  ı: "i",
  ħ: "h",
  Ħ: "h",
};

const TRANSLITERATE = new RegExp(`[${Object.keys(TRANSLITERATIONS).join("")}]`, "gu");

/**
 * A web address from a headline: lowercase ASCII letters and digits separated by single dashes,
 * at most 80 characters (cut at a dash where possible), "release" when nothing is left. Accents are
 * dropped (NFKD), a few letters are spelled out (ß → ss, æ → ae, ø → o, ł → l, þ → th), apostrophes
 * vanish and every other run of characters becomes one dash.
 */
export function slugify(headline: string): string {
  const ascii = headline
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(TRANSLITERATE, (letter) => TRANSLITERATIONS[letter] ?? "")
    .toLowerCase()
    // "Minister’s" reads better as "ministers" than as "minister-s".
    .replace(/['’ʼ]/g, "");
  const slug = ascii.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  const cut = truncateAtDash(slug, SLUGIFY_MAX_LENGTH);
  return cut === "" ? SLUG_FALLBACK : cut;
}

function truncateAtDash(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  // A cut right before a dash keeps whole words.
  if (slug[max] === "-") return slug.slice(0, max);
  const head = slug.slice(0, max);
  const lastDash = head.lastIndexOf("-");
  // One very long word: cut it hard rather than return nothing.
  return lastDash > 0 ? head.slice(0, lastDash) : head;
}

export const slugSchema = z
  .string()
  .min(1, { error: "Enter a web address", abort: true })
  .max(SLUG_MAX_LENGTH, { error: `The web address is too long (at most ${SLUG_MAX_LENGTH} characters)`, abort: true })
  .regex(SLUG_PATTERN, { error: "A web address may only contain lowercase letters, digits and single dashes" });
