import { describe, expect, it } from "vitest";
import { getSchema } from "@tiptap/core";
import { BODY_MARKS, BODY_NODES, bodyExtensions, bodySchema, ELEMENT_NAMES, isMediaSrc, MEDIA_ATTRIBUTES, shouldAutoLink, URL_ATTRIBUTES } from "./extensions";

describe("bodyExtensions", () => {
  it("builds exactly the allowed nodes and marks", () => {
    const schema = getSchema(bodyExtensions());
    expect(Object.keys(schema.nodes).sort()).toEqual([...BODY_NODES].sort());
    expect(Object.keys(schema.marks).sort()).toEqual([...BODY_MARKS].sort());
  });

  it("has no code, code block, rule, strike or underline", () => {
    const names = [...Object.keys(bodySchema().nodes), ...Object.keys(bodySchema().marks)];
    for (const name of ["code", "codeBlock", "horizontalRule", "strike", "underline", "image"]) expect(names).not.toContain(name);
  });

  it("limits headings to levels 2 and 3 and configures links without target", () => {
    const byName = new Map(bodyExtensions().map((extension) => [extension.name, extension.options as Record<string, unknown>]));
    const heading = byName.get("heading") as { levels: number[] };
    const link = byName.get("link") as { openOnClick: boolean; autolink: boolean; HTMLAttributes: Record<string, unknown> };
    expect(heading.levels).toEqual([2, 3]);
    expect(link.openOnClick).toBe(false);
    expect(link.autolink).toBe(true);
    expect(link.HTMLAttributes).toEqual({ target: null, rel: "noopener noreferrer", class: null });
  });

  it("names every element and declares URL attributes only for known types", () => {
    for (const name of [...BODY_NODES, ...BODY_MARKS]) expect(ELEMENT_NAMES[name]).toBeTruthy();
    for (const type of Object.keys(URL_ATTRIBUTES.marks)) expect(BODY_MARKS).toContain(type);
    for (const type of Object.keys(URL_ATTRIBUTES.nodes)) expect(BODY_NODES).toContain(type);
  });

  it("autolinks only complete allowed addresses", () => {
    expect(shouldAutoLink("https://example.org")).toBe(true);
    expect(shouldAutoLink("mailto:press@example.org")).toBe(true);
    expect(shouldAutoLink("example.org")).toBe(false);
    expect(shouldAutoLink("press@example.org")).toBe(false);
    expect(shouldAutoLink("file:///etc/passwd")).toBe(false);
    expect(shouldAutoLink("ftp://example.org")).toBe(false);
    expect(shouldAutoLink("javascript:alert(1)")).toBe(false);
    expect(shouldAutoLink("192.168.0.1")).toBe(false);
    expect(shouldAutoLink("localhost")).toBe(false);
  });

  it("has tables with header cells and a figure for our own images", () => {
    const nodes = Object.keys(bodySchema().nodes);
    for (const name of ["table", "tableRow", "tableHeader", "tableCell", "figure"]) expect(nodes).toContain(name);
    expect(Object.keys(bodySchema().nodes.figure!.spec.attrs ?? {}).sort()).toEqual(["alt", "caption", "height", "src", "width"]);
    for (const type of Object.keys(MEDIA_ATTRIBUTES)) expect(BODY_NODES).toContain(type);
  });

  it("accepts only /media/<key> as an image source", () => {
    expect(isMediaSrc("/media/abc123def.png")).toBe(true);
    for (const bad of ["https://example.org/a.png", "/media/", "/media/../secret", "/media/a/b", "javascript:alert(1)", "/media/ab", "//evil.example/x.png", "data:image/png;base64,AAA", null, 3]) {
      expect(isMediaSrc(bad)).toBe(false);
    }
  });
});
