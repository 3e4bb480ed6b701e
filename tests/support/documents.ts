/**
 * Tiptap documents for tests, built the way the editor stores them. A string stands for its plain
 * text: in a paragraph, a text node; in a document, a paragraph of it.
 */
export type Json = Record<string, unknown>;

export const text = (value: string, marks?: Json[]): Json => (marks ? { type: "text", text: value, marks } : { type: "text", text: value });

export const paragraph = (...content: (Json | string)[]): Json => ({ type: "paragraph", content: content.map((part) => (typeof part === "string" ? text(part) : part)) });

export const doc = (...content: (Json | string)[]): Json => ({ type: "doc", content: content.map((block) => (typeof block === "string" ? paragraph(block) : block)) });
