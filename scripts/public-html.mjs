// @ts-check
// Public pages go out without JavaScript. Next 16 has no setting for pages without scripts: it always
// sends its runtime, the RSC payload as inline <script> pushes (the article a second time) and script
// preloads. Public pages have no client components, no loading.tsx and no Suspense, and their CSP
// (`script-src 'self'`, no nonce: the pages are cached and shared) blocks the inline scripts anyway,
// so this filter removes every <script> except JSON-LD data blocks, and every script preload, from a
// public HTML response as it streams out — before it is sent, compressed or kept as a copy.
//
// The document is read by htmlparser2's tokenizer (a kept, spec-following tokenizer: tags in any case,
// attributes in every quoting style, comments, raw-text elements), never by a regular expression. The
// filter only decides which ranges of the source to leave out; everything else, the JSON-LD included,
// is passed on byte for byte.
import { Tokenizer } from "htmlparser2";

const KEPT_SCRIPT_TYPE = "application/ld+json";
const HTML_WHITESPACE = /[\t\n\f\r ]+/;

/**
 * True for a <link> that makes the browser fetch a script: a module preload, or a preload or prefetch
 * `as="script"`.
 * @param {Record<string, string>} attributes names lower-cased, values decoded
 */
export function isScriptPreload(attributes) {
  const rel = (attributes.rel ?? "").toLowerCase().split(HTML_WHITESPACE);
  if (rel.includes("modulepreload")) return true;
  return (rel.includes("preload") || rel.includes("prefetch")) && (attributes.as ?? "").trim().toLowerCase() === "script";
}

/**
 * Splits a Link header value into its entries: commas inside `<…>` or a quoted string do not separate.
 * @param {string} value
 */
function linkEntries(value) {
  /** @type {string[]} */
  const entries = [];
  let current = "";
  let inTarget = false;
  let inQuotes = false;
  for (let i = 0; i < value.length; i += 1) {
    const c = value[i];
    if (inQuotes) {
      if (c === "\\" && i + 1 < value.length) {
        current += c + value[i + 1];
        i += 1;
        continue;
      }
      if (c === '"') inQuotes = false;
    } else if (c === '"' && !inTarget) inQuotes = true;
    else if (c === "<") inTarget = true;
    else if (c === ">") inTarget = false;
    else if (c === "," && !inTarget) {
      if (current.trim()) entries.push(current.trim());
      current = "";
      continue;
    }
    current += c;
  }
  if (current.trim()) entries.push(current.trim());
  return entries;
}

/**
 * The parameters of one Link entry (`<url>; rel=preload; as="script"`), names lower-cased.
 * @param {string} entry
 * @returns {Record<string, string>}
 */
function linkParameters(entry) {
  /** @type {Record<string, string>} */
  const parameters = {};
  const afterTarget = entry.slice(entry.indexOf(">") + 1);
  const pattern = /;\s*([^\s=;]+)\s*(?:=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*)))?/g;
  for (const match of afterTarget.matchAll(pattern)) {
    const name = (match[1] ?? "").toLowerCase();
    if (!(name in parameters)) parameters[name] = (match[2] ?? match[3] ?? "").replace(/\\(.)/g, "$1").trim();
  }
  return parameters;
}

/**
 * A Link header without its script preloads; null when nothing is left of it.
 * @param {string | string[] | number | undefined} value
 * @returns {string | null}
 */
export function withoutScriptLinks(value) {
  if (value === undefined) return null;
  const entries = (Array.isArray(value) ? value : [String(value)]).flatMap(linkEntries);
  const kept = entries.filter((entry) => !isScriptPreload(linkParameters(entry)));
  return kept.length > 0 ? kept.join(", ") : null;
}

/**
 * A streaming filter over an HTML document: write() the text as it arrives and send what it returns,
 * then end(). Output is held back only while a tag that may be left out (a <script> or <link> start
 * tag, or a script being left out up to its end tag) is still being read, so a page still streams.
 */
export class ScriptStripper {
  /** Source not yet sent or left out, starting at absolute offset `#base`. */
  #pending = "";
  #base = 0;
  /** Absolute offset before which everything has been sent or left out. */
  #done = 0;
  /** Absolute offset the tokenizer has read through (everything before it is a known token or text). */
  #read = 0;
  /** @type {{ name: "script" | "link", start: number, attributes: Record<string, string> } | null} */
  #tag = null;
  #attributeName = "";
  #attributeValue = "";
  /** Absolute start of a script being left out, while its end tag has not been read; else -1. */
  #droppingFrom = -1;
  /** After `</script` of a script being left out: where to look for the end tag's `>`; else -1. */
  #endTagFrom = -1;
  /** @type {string[]} */
  #out = [];
  /** @type {Tokenizer} */
  #tokenizer;

  constructor() {
    /** @param {number} start @param {number} end */
    const slice = (start, end) => this.#pending.slice(start - this.#base, end - this.#base);
    /** @param {number} end */
    const readTo = (end) => {
      if (end > this.#read) this.#read = end;
    };
    this.#tokenizer = new Tokenizer(
      { decodeEntities: true },
      {
        onopentagname: (start, end) => {
          const name = slice(start, end).toLowerCase();
          if (name === "script" || name === "link") this.#tag = { name, start: start - 1, attributes: {} };
          else readTo(end);
        },
        onattribname: (start, end) => {
          if (!this.#tag) return readTo(end);
          this.#attributeName = slice(start, end).toLowerCase();
          this.#attributeValue = "";
        },
        onattribdata: (start, end) => {
          if (!this.#tag) return readTo(end);
          this.#attributeValue += slice(start, end);
        },
        onattribentity: (codePoint) => {
          if (this.#tag) this.#attributeValue += String.fromCodePoint(codePoint);
        },
        onattribend: (_quote, end) => {
          if (!this.#tag) return readTo(end);
          if (!Object.hasOwn(this.#tag.attributes, this.#attributeName)) this.#tag.attributes[this.#attributeName] = this.#attributeValue;
        },
        onopentagend: (end) => this.#startTagEnded(end + 1),
        // In HTML a "self-closing" <script/> still has content up to </script>: the tokenizer treats it so.
        onselfclosingtag: (end) => this.#startTagEnded(end + 1),
        onclosetag: (start, end) => {
          if (this.#droppingFrom >= 0 && slice(start, end).toLowerCase() === "script") {
            this.#endTagFrom = end;
            this.#findEndOfEndTag();
          } else {
            // Everything up to the end tag's `>` is read (the tokenizer skips to it).
            const at = this.#pending.indexOf(">", end - this.#base);
            readTo(at < 0 ? end : this.#base + at + 1);
          }
        },
        ontext: (_start, end) => readTo(end),
        ontextentity: (_codePoint, end) => readTo(end),
        oncomment: (_start, end) => readTo(end),
        oncdata: (_start, end) => readTo(end),
        ondeclaration: (_start, end) => readTo(end),
        onprocessinginstruction: (_start, end) => readTo(end),
        onend: () => {},
      },
    );
  }

  /** @param {number} end absolute offset just after the start tag's `>` */
  #startTagEnded(end) {
    const tag = this.#tag;
    this.#tag = null;
    if (tag === null) return this.#advance(end);
    if (tag.name === "link") {
      if (isScriptPreload(tag.attributes)) this.#leaveOut(tag.start, end);
      else this.#advance(end);
      return;
    }
    if ((tag.attributes.type ?? "").trim().toLowerCase() === KEPT_SCRIPT_TYPE) this.#advance(end);
    else this.#droppingFrom = tag.start;
  }

  /** @param {number} end */
  #advance(end) {
    if (end > this.#read) this.#read = end;
  }

  /** The tokenizer skips everything after `</script` up to the next `>`; so does this. */
  #findEndOfEndTag() {
    const at = this.#pending.indexOf(">", this.#endTagFrom - this.#base);
    if (at < 0) return;
    const end = this.#base + at + 1;
    this.#leaveOut(this.#droppingFrom, end);
    this.#droppingFrom = -1;
    this.#endTagFrom = -1;
  }

  /** @param {number} start @param {number} end absolute offsets */
  #leaveOut(start, end) {
    this.#send(start);
    this.#done = end;
    this.#advance(end);
  }

  /** @param {number} upTo absolute offset */
  #send(upTo) {
    if (upTo <= this.#done) return;
    this.#out.push(this.#pending.slice(this.#done - this.#base, upTo - this.#base));
    this.#done = upTo;
  }

  /** What may be sent now: everything read, except from the start of a tag that may yet be left out. */
  #collect() {
    const held = this.#tag ? this.#tag.start : this.#droppingFrom >= 0 ? this.#droppingFrom : this.#read;
    this.#send(held);
    this.#pending = this.#pending.slice(this.#done - this.#base);
    this.#base = this.#done;
    const out = this.#out.join("");
    this.#out = [];
    return out;
  }

  /**
   * @param {string} chunk the next part of the document
   * @returns {string} what may be sent now
   */
  write(chunk) {
    if (chunk.length === 0) return "";
    this.#pending += chunk;
    if (this.#endTagFrom >= 0) this.#findEndOfEndTag();
    this.#tokenizer.write(chunk);
    return this.#collect();
  }

  /** @returns {string} the rest of the document */
  end() {
    this.#tokenizer.end();
    // A document cut off inside a script or a start tag: a browser would not run or show that part either.
    if (this.#tag) this.#send(this.#tag.start);
    else if (this.#droppingFrom >= 0) this.#send(this.#droppingFrom);
    else this.#send(this.#base + this.#pending.length);
    this.#tag = null;
    this.#droppingFrom = -1;
    this.#done = this.#base + this.#pending.length;
    return this.#collect();
  }
}

/**
 * The whole document at once (tests, tools): the same filter as a stream.
 * @param {string} html
 */
export function stripScripts(html) {
  const stripper = new ScriptStripper();
  return stripper.write(html) + stripper.end();
}

/** Staff paths keep their JavaScript (nonce CSP; lib/security/headers.ts isStaffPath says the same). */
const STAFF_PATH = /^\/(desk|login|share|api)(\/|\?|$)/;

/**
 * Whether a response's HTML goes out without scripts: public pages, in HTML.
 * @param {string} url the request's path and query
 * @param {string | number | string[] | undefined} contentType
 */
export function isPublicHtml(url, contentType) {
  return !STAFF_PATH.test(url) && /^\s*text\/html\b/i.test(String(contentType ?? ""));
}
