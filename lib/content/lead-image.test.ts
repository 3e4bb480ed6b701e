import type { JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { leadImageOf } from "./lead-image";
import { renderBodyHtml } from "./render";

const KEY = "0123456789abcdef0123456789abcdef.png";
const OTHER = "fedcba9876543210fedcba9876543210.jpg";
const figure = (src: string, attrs: Record<string, unknown> = {}): JSONContent => ({ type: "figure", attrs: { src, alt: "Alt", caption: null, width: null, height: null, ...attrs } });
const paragraph = (text: string): JSONContent => ({ type: "paragraph", content: [{ type: "text", text }] });
const doc = (...content: JSONContent[]): JSONContent => ({ type: "doc", content });

describe("leadImageOf", () => {
  it("is the first figure of the body in document order, with its key, alt text and size", () => {
    const body = doc(
      paragraph("Intro"),
      { type: "blockquote", content: [figure(`/media/${KEY}`, { alt: 'A "quoted" <b>', width: 640, height: 480 })] },
      figure(`/media/${OTHER}`),
    );
    expect(leadImageOf(body)).toEqual({ key: KEY, alt: 'A "quoted" <b>', width: 640, height: 480 });
  });

  it("finds a figure inside a table cell", () => {
    const cell = { type: "tableCell", content: [figure(`/media/${OTHER}`)] };
    expect(leadImageOf(doc({ type: "table", content: [{ type: "tableRow", content: [cell] }] }))?.key).toBe(OTHER);
  });

  it("skips figures the renderer leaves out (a source that is not one of our files), as the page does", () => {
    const body = doc(figure("https://elsewhere.example/x.png"), figure("/media/../secret.png"), figure("/media/AB"), figure(`/media/${OTHER}`));
    expect(leadImageOf(body)?.key).toBe(OTHER);
    expect(renderBodyHtml(body).match(/<img /g)).toHaveLength(1);
  });

  it("keeps only sizes that are whole pixels, and an empty alt when it has none", () => {
    expect(leadImageOf(doc(figure(`/media/${KEY}`, { alt: null, width: 0, height: "480" })))).toEqual({ key: KEY, alt: "", width: null, height: null });
    expect(leadImageOf(doc(figure(`/media/${KEY}`, { width: 20_001, height: 1.5 })))).toMatchObject({ width: null, height: null });
  });

  it("is null for a body without a figure", () => {
    expect(leadImageOf(doc(paragraph("No pictures.")))).toBeNull();
    expect(leadImageOf(doc({ type: "paragraph" }))).toBeNull();
  });
});
