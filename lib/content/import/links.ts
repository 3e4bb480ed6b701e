import { isAllowedHref, normalizeHref } from "../urls";
import type { Inline } from "./blocks";

const LEADING_PUNCTUATION = /^[("'“‘«<[{]+/u;
const TRAILING_PUNCTUATION = /[.,;:!?)"'”’»>\]}]+$/u;
const WEB = /^(?:https?:\/\/|www\.)[^\s]+$/i;
const MAILTO = /^mailto:[^\s]+$/i;
const EMAIL = /^[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}$/u;
const MAX_LINK_TOKEN = 2048;

/** A link target for a bare address in text ("www.example.org/x", "press@example.org"), or null. */
export function linkFor(token: string): string | null {
  if (token.length > MAX_LINK_TOKEN) return null;
  let href: string | null = null;
  if (WEB.test(token)) href = /^www\./i.test(token) ? `https://${token}` : token;
  else if (MAILTO.test(token)) href = token;
  else if (token.length <= 320 && EMAIL.test(token)) href = `mailto:${token}`;
  return href && isAllowedHref(href) ? href : null;
}

/** Splits a word into leading punctuation, the address, and trailing punctuation (keeping balanced brackets). */
function trimToken(word: string): { before: string; core: string; after: string } {
  const before = LEADING_PUNCTUATION.exec(word)?.[0] ?? "";
  let core = word.slice(before.length);
  let after = TRAILING_PUNCTUATION.exec(core)?.[0] ?? "";
  core = core.slice(0, core.length - after.length);
  // "…/Example_(film))." keeps the ")" that closes a "(" inside the address.
  while (after.startsWith(")") && (core.match(/\(/g)?.length ?? 0) > (core.match(/\)/g)?.length ?? 0)) {
    core += ")";
    after = after.slice(1);
  }
  return { before, core, after };
}

/** Bare web and e-mail addresses in unlinked text become links (www. → https://). */
export function autolink(inlines: readonly Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const inline of inlines) {
    if (inline.kind !== "text" || inline.href !== null || !/www\.|https?:|@|mailto:/i.test(inline.text)) {
      out.push(inline);
      continue;
    }
    let last = 0;
    for (const match of inline.text.matchAll(/\S+/g)) {
      const { before, core } = trimToken(match[0]);
      const href = core ? linkFor(core) : null;
      if (!href) continue;
      const start = match.index + before.length;
      if (start > last) out.push({ ...inline, text: inline.text.slice(last, start) });
      out.push({ ...inline, text: core, href });
      last = start + core.length;
    }
    if (last < inline.text.length) out.push({ ...inline, text: inline.text.slice(last) });
  }
  return out;
}

/**
 * A link address from a document, made safe: Google's redirect wrapper unwrapped, "www." given
 * https://, spaces in web addresses encoded, tel: spaces removed; null when our allow-list refuses it.
 * Internal anchors ("#_Toc123") are not links here.
 */
export function cleanHref(raw: string): { href: string } | { refused: string } | null {
  let href = raw.trim();
  if (href === "" || href.startsWith("#")) return null;
  const google = /^https?:\/\/(?:www\.)?google\.[a-z.]+\/url\?/i.test(href) ? safeUrl(href)?.searchParams.get("q") : null;
  if (google) href = google;
  if (/^www\./i.test(href)) href = `https://${href}`;
  if (/^(?:https?|mailto):/i.test(href)) href = href.replace(/ /g, "%20");
  href = normalizeHref(href);
  return isAllowedHref(href) ? { href } : { refused: raw.trim() };
}

function safeUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}
