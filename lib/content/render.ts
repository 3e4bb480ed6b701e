import type { JSONContent } from "@tiptap/core";
import { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { renderToHTMLString, serializeAttrsToHTMLString, serializeChildrenToHTMLString } from "@tiptap/static-renderer/pm/html-string";
import { escapeHtml } from "@/lib/html/escape";
import { bodyExtensions, bodySchema, figureSpec, isMediaSrc, LINK_REL } from "./extensions";
import { isAllowedHref } from "./urls";

// The plain-text helpers live apart (the desk's editor uses them without loading the static renderer).
export { bodyToPlainText, summaryFrom } from "./plain-text";

/** A valid body with nothing in it: one empty paragraph. */
export function emptyBody(): JSONContent {
  return { type: "doc", content: [{ type: "paragraph" }] };
}

const extensions = bodyExtensions();

/**
 * The document as a node of the body schema, or the JSON itself when it names a type the schema does
 * not know: the renderer then swaps those for placeholders and renders their content only.
 */
function parsedOrJson(doc: JSONContent): ProseMirrorNode | JSONContent {
  try {
    // Given JSON the static renderer builds the schema again on every call (a third of a publish's rendering).
    return ProseMirrorNode.fromJSON(bodySchema(), doc);
  } catch {
    return doc;
  }
}

/**
 * HTML for a release body, with the same extension list as the editor; no DOM needed.
 *
 * Bodies are validated on save (validateBody); this renderer is defence in depth for anything that
 * was not: a link is rendered as <a href rel="noopener noreferrer"> with no target, class or title
 * from the JSON, and a link whose href fails the allow-list (javascript:, data:…) loses its href:
 * its text is rendered unlinked. Element types the schema does not know render their content only.
 * Text and attribute values are HTML-escaped by the static renderer. Throws on JSON that is not a
 * document at all (e.g. an empty text node), as ProseMirror does.
 */
export function renderBodyHtml(doc: JSONContent): string {
  return renderToHTMLString({
    content: parsedOrJson(doc),
    extensions,
    options: {
      markMapping: {
        link: ({ mark, children }) => {
          const inner = serializeChildrenToHTMLString(children);
          const href: unknown = mark.attrs.href;
          if (typeof href !== "string" || !isAllowedHref(href)) return inner;
          return `<a${serializeAttrsToHTMLString({ href: href.trim(), rel: LINK_REL })}>${inner}</a>`;
        },
      },
      nodeMapping: {
        // Plain table markup: no editor styles or column groups from the JSON.
        table: ({ children }) => `<table><tbody>${serializeChildrenToHTMLString(children)}</tbody></table>`,
        tableHeader: ({ node, children }) => `<th${serializeAttrsToHTMLString({ scope: "col", ...spans(node.attrs) })}>${serializeChildrenToHTMLString(children)}</th>`,
        tableCell: ({ node, children }) => `<td${serializeAttrsToHTMLString(spans(node.attrs))}>${serializeChildrenToHTMLString(children)}</td>`,
        // Only our own media: a figure whose src is anything else is left out entirely.
        figure: ({ node }) => {
          if (!isMediaSrc(node.attrs.src)) return "";
          return specToHtml(figureSpec(node.attrs));
        },
      },
      unhandledNode: ({ children }) => serializeChildrenToHTMLString(children),
      unhandledMark: ({ children }) => serializeChildrenToHTMLString(children),
    },
  });
}

function spans(attrs: Record<string, unknown>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of ["colspan", "rowspan"]) {
    const value = attrs[name];
    if (typeof value === "number" && Number.isInteger(value) && value > 1 && value <= 100) out[name] = value;
  }
  return out;
}

/** A small DOMOutputSpec serializer for our own specs (figureSpec): escaped attributes and text. */
function specToHtml(spec: unknown): string {
  if (typeof spec === "string") return escapeHtml(spec);
  if (!Array.isArray(spec) || typeof spec[0] !== "string") return "";
  const [tag, attrs, ...children] = spec as [string, unknown, ...unknown[]];
  const attributes = attrs && typeof attrs === "object" && !Array.isArray(attrs) ? (attrs as Record<string, unknown>) : {};
  const rest = attrs && typeof attrs === "object" && !Array.isArray(attrs) ? children : [attrs, ...children];
  const clean = Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== null && value !== undefined && value !== false));
  const open = `<${tag}${serializeAttrsToHTMLString(clean)}`;
  if (tag === "img") return `${open}>`;
  return `${open}>${rest.map(specToHtml).join("")}</${tag}>`;
}
