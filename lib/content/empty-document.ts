import type { JSONContent } from "@tiptap/core";

/** True for a body with nothing in it but empty paragraphs. (No zod: the browser editor imports it.) */
export function isEmptyDocument(doc: JSONContent): boolean {
  return !(doc.content ?? []).some((node) => (node.content ?? []).length > 0 || node.type !== "paragraph");
}
