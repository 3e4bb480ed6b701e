/**
 * The importer's document tree, built from htmlparser2's tokens (lib/content/import/tokenise.ts) with
 * just enough of the browser's rules to read documents saved or copied from word processors:
 * elements with lower-case names and attributes, and decoded text.
 *
 * - script, style, title, textarea, iframe, noscript, head, svg, math, object, template, form controls
 *   and Word's XML islands are kept out of the tree with everything inside them;
 * - Word's downlevel conditionals (`<![if !supportLists]>…<![endif]>`, also written as comments) are
 *   dropped, except that the list marker inside `!supportLists` is kept on the paragraph
 *   (`listMarker`) so lists can be rebuilt;
 * - nesting is capped at MAX_DEPTH (deeper tags are ignored, their text kept) and every scope check
 *   walks at most that far, so hostile input costs linear time and bounded memory.
 */

export type HtmlElement = { name: string; attrs: Record<string, string>; children: HtmlNode[]; listMarker?: string };
export type HtmlNode = HtmlElement | string;
export type ParsedHtml = { root: HtmlElement; lang: string | null; activeContent: number; images: number; truncated: boolean };

export const MAX_DEPTH = 200;
/** Elements read at most; a document with more is read up to there (its text could not fit in a release anyway). */
export const MAX_ELEMENTS = 1_000_000;

const VOID = new Set(["area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr"]);
/** Elements whose content the tokenizer reads as text up to their end tag (a "/>" does not end them). */
const RAW_TEXT = new Set(["script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "plaintext"]);
/** Elements kept out of the tree with everything inside them. */
const DROPPED = new Set([
  ...RAW_TEXT, "noscript", "head", "svg", "math", "object", "applet", "template", "select", "button", "canvas", "video", "audio", "map", "xml", "frameset",
  "datalist", "picture",
]);
/** Elements counted as active content in warnings. */
const ACTIVE = new Set(["script", "iframe", "object", "embed", "applet", "frame", "frameset"]);
/** Start tags that close an open paragraph. */
const CLOSES_P = new Set([
  "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "dd", "dt", "fieldset", "figcaption", "figure",
  "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "ul",
]);
const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);
const HEAD_CONTENT = new Set(["meta", "link", "title", "style", "script", "base", "noscript", "template", "xml"]);
const TABLE_SCOPE = new Set(["table", "td", "th", "caption", "html", "template"]);
const P_SCOPE = new Set([...TABLE_SCOPE, "button", "object", "applet", "marquee"]);
const LIST_SCOPE = new Set([...P_SCOPE, "ul", "ol", "dl", "blockquote"]);

function element(name: string, attrs: Record<string, string> = {}): HtmlElement {
  return { name, attrs, children: [] };
}

/** Names inside Word's XML islands and VML drawings ("w:", "v:", "m:"…): not document text. */
function isDroppedNamespace(name: string): boolean {
  return /^(?:[vwm]|xml|st1|w10|wp):/.test(name);
}

export class TreeBuilder {
  readonly root = element("#root");
  private readonly stack: HtmlElement[] = [this.root];
  /** Depth of elements kept out of the tree (DROPPED); everything inside is ignored. */
  private droppedDepth = 0;
  private readonly droppedStack: string[] = [];
  /** Inside a downlevel conditional: tags are ignored; text is a list marker or nothing. */
  private conditionalDepth = 0;
  private markerTarget: HtmlElement | null = null;
  lang: string | null = null;
  activeContent = 0;
  /** Images inside Word's conditionals (`<![if !vml]><img…><![endif]>`): left out, but worth a warning. */
  conditionalImages = 0;
  elements = 0;

  private get top(): HtmlElement {
    return this.stack[this.stack.length - 1]!;
  }

  text(value: string) {
    if (value === "") return;
    if (this.conditionalDepth > 0) {
      if (this.markerTarget) this.markerTarget.listMarker = (this.markerTarget.listMarker ?? "") + value;
      return;
    }
    if (this.droppedDepth > 0) return;
    const children = this.top.children;
    const last = children[children.length - 1];
    if (typeof last === "string") children[children.length - 1] = last + value;
    else children.push(value);
  }

  conditional(condition: string) {
    if (/^endif$/i.test(condition.trim())) {
      if (this.conditionalDepth > 0) this.conditionalDepth -= 1;
      if (this.conditionalDepth === 0) this.markerTarget = null;
      return;
    }
    if (!/^if\b/i.test(condition.trim())) return;
    this.conditionalDepth += 1;
    if (this.conditionalDepth === 1 && /supportLists/i.test(condition) && this.droppedDepth === 0) {
      this.markerTarget = this.top;
      this.markerTarget.listMarker = "";
    }
  }

  start(name: string, attrs: Record<string, string>, selfClosing: boolean) {
    if (ACTIVE.has(name)) this.activeContent += 1;
    if (RAW_TEXT.has(name)) selfClosing = false;
    if (this.conditionalDepth > 0) {
      if (name === "img" && this.droppedDepth === 0) this.conditionalImages += 1;
      return;
    }
    if (name === "html") {
      this.lang ??= attrs.lang ?? attrs["xml:lang"] ?? null;
      return;
    }
    if (name === "body") {
      this.popDropped("head");
      return;
    }
    if (this.droppedDepth > 0) {
      // An unclosed <head> ends where the document's content starts.
      if (this.droppedStack.length === 1 && this.droppedStack[0] === "head" && !HEAD_CONTENT.has(name) && !isDroppedNamespace(name)) {
        this.popDropped("head");
      } else {
        if (!VOID.has(name) && !selfClosing && this.droppedStack.length < MAX_DEPTH) {
          this.droppedDepth += 1;
          this.droppedStack.push(name);
        }
        return;
      }
    }
    if (DROPPED.has(name) || isDroppedNamespace(name)) {
      if (!VOID.has(name) && !selfClosing) {
        this.droppedDepth = 1;
        this.droppedStack.length = 0;
        this.droppedStack.push(name);
      }
      return;
    }

    if (CLOSES_P.has(name) && this.inScope("p", P_SCOPE)) this.popTo("p");
    if (name === "li" && this.inScope("li", LIST_SCOPE)) this.popTo("li");
    if ((name === "dt" || name === "dd") && (this.inScope("dt", LIST_SCOPE) || this.inScope("dd", LIST_SCOPE))) {
      this.popToAny(["dt", "dd"], LIST_SCOPE);
    }
    if (HEADINGS.has(name) && HEADINGS.has(this.top.name)) this.stack.pop();
    if (name === "a" && this.inScope("a", P_SCOPE)) this.popTo("a");
    if (name === "tr" || name === "thead" || name === "tbody" || name === "tfoot") this.popToAny(name === "tr" ? ["tr"] : ["thead", "tbody", "tfoot"], new Set(["table"]), true);
    if (name === "td" || name === "th") this.popToAny(["td", "th"], new Set(["tr", "table"]), true);

    const node = element(name, attrs);
    this.elements += 1;
    this.top.children.push(node);
    if (VOID.has(name) || selfClosing || this.stack.length >= MAX_DEPTH) return;
    this.stack.push(node);
  }

  end(name: string) {
    if (this.conditionalDepth > 0) return;
    if (this.droppedDepth > 0) {
      const index = this.droppedStack.lastIndexOf(name);
      if (index >= 0) {
        this.droppedStack.length = index;
        this.droppedDepth = index;
      }
      return;
    }
    if (name === "br") {
      this.start("br", {}, true);
      return;
    }
    if (name === "body" || name === "html") return;
    const boundaries = TABLE_SCOPE.has(name) ? new Set(["html"]) : TABLE_SCOPE;
    if (this.inScope(name, boundaries)) this.popTo(name);
  }

  private popDropped(name: string) {
    if (this.droppedStack[0] === name) {
      this.droppedStack.length = 0;
      this.droppedDepth = 0;
    }
  }

  private inScope(name: string, boundaries: ReadonlySet<string>): boolean {
    for (let i = this.stack.length - 1; i > 0; i -= 1) {
      const open = this.stack[i]!.name;
      if (open === name) return true;
      if (boundaries.has(open)) return false;
    }
    return false;
  }

  private popTo(name: string) {
    for (let i = this.stack.length - 1; i > 0; i -= 1) {
      if (this.stack[i]!.name === name) {
        this.stack.length = i;
        return;
      }
    }
  }

  /** Closes the nearest open element named in `names`, unless a boundary comes first. */
  private popToAny(names: readonly string[], boundaries: ReadonlySet<string>, stopAtBoundary = false) {
    for (let i = this.stack.length - 1; i > 0; i -= 1) {
      const open = this.stack[i]!.name;
      if (names.includes(open)) {
        this.stack.length = i;
        return;
      }
      if (boundaries.has(open) && (stopAtBoundary || !names.includes(open))) return;
    }
  }
}
