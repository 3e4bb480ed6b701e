import { Tokenizer } from "htmlparser2";
import { MAX_ELEMENTS, type ParsedHtml, TreeBuilder } from "./html-tree";

/**
 * The first stage of reading HTML: htmlparser2's tokenizer (a kept, spec-following tokenizer: tags,
 * attributes in every quoting style, comments, raw-text elements, character references decoded as
 * browsers do) feeding the importer's tree builder. Only the tokenizer is used: htmlparser2's Parser
 * keeps its own unbounded stack of open elements, which deeply nested hostile input makes quadratic,
 * while the tree builder caps nesting. Never throws on malformed markup; a tag cut off by the end of
 * the input is dropped; reading stops after MAX_ELEMENTS elements.
 */
export function tokeniseHtml(html: string): ParsedHtml {
  const tree = new TreeBuilder();
  let tagName = "";
  let attrs: Record<string, string> = {};
  let attrName = "";
  let attrValue = "";
  const open = (selfClosing: boolean) => {
    tree.start(tagName, attrs, selfClosing);
    if (tree.elements > MAX_ELEMENTS) tokenizer.pause();
  };

  const tokenizer = new Tokenizer(
    { decodeEntities: true },
    {
      ontext: (start, end) => tree.text(html.slice(start, end)),
      ontextentity: (codePoint) => tree.text(String.fromCodePoint(codePoint)),
      onopentagname: (start, end) => {
        tagName = html.slice(start, end).toLowerCase();
        attrs = Object.create(null) as Record<string, string>;
      },
      onattribname: (start, end) => {
        attrName = html.slice(start, end).toLowerCase();
        attrValue = "";
      },
      onattribdata: (start, end) => {
        attrValue += html.slice(start, end);
      },
      onattribentity: (codePoint) => {
        attrValue += String.fromCodePoint(codePoint);
      },
      onattribend: () => {
        if (!Object.hasOwn(attrs, attrName)) attrs[attrName] = attrValue;
      },
      onopentagend: () => open(false),
      onselfclosingtag: () => open(true),
      onclosetag: (start, end) => tree.end(html.slice(start, end).toLowerCase()),
      // "<![if !supportLists]>" is a bogus comment to the tokenizer, "<!--[if …]-->" a real one: both reach here.
      oncomment: (start, end, offset) => {
        const conditional = /^\[((?:if\b[^\]]*)|endif)\]$/i.exec(html.slice(start, end - offset).trim());
        if (conditional) tree.conditional(conditional[1]!);
      },
      oncdata: () => {},
      ondeclaration: () => {},
      onprocessinginstruction: () => {},
      onend: () => {},
    },
  );
  tokenizer.write(html);
  if (tree.elements <= MAX_ELEMENTS) tokenizer.end();
  return { root: tree.root, lang: tree.lang, activeContent: tree.activeContent, images: tree.conditionalImages, truncated: tree.elements > MAX_ELEMENTS };
}
