import type { JSONContent } from "@tiptap/core";
import { Node as PMNode, Slice } from "@tiptap/pm/model";
import { Selection, type EditorState, type Transaction } from "@tiptap/pm/state";

/**
 * A body (Tiptap JSON from readPaste) inserted where the selection is, as the browser's own paste
 * would: the slice is open at both ends, so a one-paragraph paste joins the paragraph it lands in.
 */
export function insertBody(state: EditorState, body: JSONContent, tr: Transaction = state.tr): Transaction {
  const slice = Slice.maxOpen(PMNode.fromJSON(state.schema, body).content);
  return tr.replaceSelection(slice).scrollIntoView().setMeta("paste", true);
}

/** What the document and selection were before a paste, to paste something else in its place later. */
export type BeforePaste = { doc: PMNode; selection: ReturnType<Selection["toJSON"]> };

export function beforePaste(state: EditorState): BeforePaste {
  return { doc: state.doc, selection: state.selection.toJSON() };
}

/** One undoable step: the document as it was before the paste, with `body` pasted where the paste went. */
export function replacePaste(state: EditorState, before: BeforePaste, body: JSONContent): Transaction {
  const tr = state.tr.replaceWith(0, state.doc.content.size, before.doc.content);
  tr.setSelection(Selection.fromJSON(tr.doc, before.selection));
  return insertBody(state, body, tr);
}
