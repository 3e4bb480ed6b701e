import { decodeHTML, decodeHTMLAttribute } from "entities/decode";

/**
 * HTML character references replaced as a browser reads them, by `entities` (the decoder htmlparser2
 * uses): every HTML name, the legacy names browsers accept without ";", Windows-1252 meanings for
 * &#128;–&#159;, and U+FFFD for NUL, surrogates and code points past U+10FFFF.
 */
export function decodeEntities(text: string): string {
  return decodeHTML(text);
}

/** An attribute value: a legacy name followed by a letter, digit or "=" stays as written ("?a=1&copy=2"). */
export function decodeAttribute(value: string): string {
  return decodeHTMLAttribute(value);
}
