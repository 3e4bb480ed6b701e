/**
 * The link allow-list for release bodies (and anything else that stores a URL a reader can click).
 *
 * Decisions:
 * - Only absolute http:, https:, mailto: and tel: addresses. Relative links ("/about", "page.html",
 *   "#top") and protocol-relative ones ("//example.org") are refused: a release is read on our site,
 *   in feed readers and in e-mail, where a relative address means something different each time.
 * - The value is trimmed first; anything left that contains whitespace, control or invisible
 *   formatting characters ("java\tscript:", zero-width spaces, bidi overrides), quotes, angle brackets
 *   or backslashes is refused rather than repaired, so what is stored is exactly what was checked.
 * - The scheme must be spelled literally (case-insensitive) at the start. HTML-entity-encoded schemes
 *   ("javascript&colon;…", "&#106;avascript:…") have no literal scheme, so they are refused as relative.
 * - Web addresses must have a host and no user name or password ("https://bank.example@evil.example").
 *
 * Pure functions, no DOM: used by the browser editor, server validation and the HTML renderer. No zod
 * here (the browser editor imports this module): the zod schema is lib/content/href-schema.ts.
 */

export const ALLOWED_LINK_SCHEMES = ["http", "https", "mailto", "tel"] as const;
export type AllowedLinkScheme = (typeof ALLOWED_LINK_SCHEMES)[number];

export const MAX_HREF_LENGTH = 2048;

/** The message for a refused scheme (or no scheme at all). */
export const HREF_SCHEME_ERROR = "A link must start with http://, https://, mailto: or tel:";

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
// Whitespace, control characters (C0, DEL, C1), invisible format characters (zero-width, bidi, BOM),
// line/paragraph separators, and characters that never appear unencoded in a copied address.
const FORBIDDEN = /[\s\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Zs}"<>\\`]/u;
const WEB = /^https?:\/\/[^/\\?#]/i;
const MAIL_RECIPIENT = /^[^@,?]+@[^@,?]+$/;
const PHONE = /^\+?[0-9(][0-9().-]*$/;

/**
 * Why an address is refused, as a sentence a press officer understands, or null when it is allowed.
 * The value is trimmed before it is checked.
 */
export function hrefProblem(value: unknown): string | null {
  if (typeof value !== "string") return "Enter a link address.";
  const href = value.trim();
  if (href === "") return "Enter a link address.";
  if (href.length > MAX_HREF_LENGTH) return `A link address can be at most ${MAX_HREF_LENGTH.toLocaleString("en")} characters long.`;
  if (FORBIDDEN.test(href)) {
    return "A link address cannot contain spaces, invisible characters, quotes, angle brackets or backslashes.";
  }
  const scheme = SCHEME.exec(href)?.[1]?.toLowerCase();
  if (!scheme || !(ALLOWED_LINK_SCHEMES as readonly string[]).includes(scheme)) return HREF_SCHEME_ERROR;
  const rest = href.slice(scheme.length + 1);

  switch (scheme as AllowedLinkScheme) {
    case "http":
    case "https": {
      if (!WEB.test(href)) return "A web address must include a site name, for example https://example.org/page.";
      let url: URL;
      try {
        url = new URL(href);
      } catch {
        return "This web address is not valid. Copy it again from the browser's address bar.";
      }
      if (url.hostname === "") return "A web address must include a site name, for example https://example.org/page.";
      if (url.username !== "" || url.password !== "") return "A web address must not contain a user name or password.";
      return null;
    }
    case "mailto": {
      const recipients = rest.split("?")[0] ?? "";
      if (recipients === "" || !recipients.split(",").every((r) => MAIL_RECIPIENT.test(r))) {
        return "An e-mail link must contain an address, for example mailto:press@example.org.";
      }
      return null;
    }
    case "tel": {
      const digits = rest.replace(/[^0-9]/g, "");
      if (!PHONE.test(rest) || digits.length < 3) {
        return "A phone link may contain only digits and + - . ( ), for example tel:+41441234567.";
      }
      return null;
    }
  }
}

/** True when `value` (after trimming) is an absolute http:, https:, mailto: or tel: address we accept. */
export function isAllowedHref(value: string): boolean {
  return hrefProblem(value) === null;
}

/**
 * What the link form does with typed input before checking it: trim, and for phone links drop the
 * spaces people type between digit groups ("tel:+41 44 123 45 67"). Nothing else is repaired.
 */
export function normalizeHref(value: string): string {
  const href = value.trim();
  if (/^tel:/i.test(href)) return "tel:" + href.slice(4).replace(/[\s\u00a0]/g, "");
  return href;
}
