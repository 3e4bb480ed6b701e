/**
 * Text that goes into XML. XML 1.0 forbids most C0 control characters, U+FFFE/U+FFFF and unpaired
 * surrogates: one of them makes the whole document unreadable to a strict parser, so they are removed.
 * Bidi override and isolate characters are removed too: they can make a feed reader display text in
 * an order that hides what it says.
 */

// With the `u` flag, [\uD800-\uDFFF] matches only unpaired surrogates; pairs (emoji) are one code point.
const UNSAFE_XML_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/gu;

/** Removes characters XML cannot carry (and bidi overrides); keeps tab, LF, CR and every other character. */
export function cleanXmlText(text: string): string {
  return text.replace(UNSAFE_XML_CHARACTERS, "");
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Cleans, then escapes for element text and attribute values (either quote style). */
export function escapeXml(text: string): string {
  return cleanXmlText(text).replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

/** A CDATA section with cleaned text; "]]>" inside is split across two sections so it cannot end it early. */
export function cdata(text: string): string {
  return `<![CDATA[${cleanXmlText(text).replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
}
