import type { JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { bodyBlocks, changeSize, diffRevisions, EMPTY_REVISION, wordDiff } from "./diff";
import type { ReleaseContent } from "./release";

const text = (value: string, marks?: JSONContent["marks"]): JSONContent => (marks ? { type: "text", text: value, marks } : { type: "text", text: value });
const p = (...content: JSONContent[]): JSONContent => ({ type: "paragraph", content });
const h = (level: number, value: string): JSONContent => ({ type: "heading", attrs: { level }, content: [text(value)] });
const li = (value: string): JSONContent => ({ type: "listItem", content: [p(text(value))] });
const ul = (...items: string[]): JSONContent => ({ type: "bulletList", content: items.map(li) });
const ol = (...items: string[]): JSONContent => ({ type: "orderedList", content: items.map(li) });
const quote = (...content: JSONContent[]): JSONContent => ({ type: "blockquote", content });
const doc = (...content: JSONContent[]): JSONContent => ({ type: "doc", content });

function revision(overrides: Partial<ReleaseContent> = {}): ReleaseContent {
  return {
    type: "Press release",
    language: "en",
    headline: "Acme opens a plant",
    subtitle: null,
    dateline: "BERLIN",
    releaseDate: "2025-03-01",
    reference: null,
    summary: null,
    body: doc(p(text("First paragraph."))),
    notesToEditors: null,
    boilerplate: null,
    relatedDocuments: [],
    contacts: [],
    topics: [],
    ...overrides,
  };
}

describe("bodyBlocks", () => {
  it("splits a document into typed text blocks, skipping empty ones", () => {
    const body = doc(
      h(2, "Background"),
      p(text("Plain "), text("bold", [{ type: "bold" }]), { type: "hardBreak" }, text("next line")),
      p(),
      ul("One", "Two"),
      ol("First"),
      quote(p(text("Quoted words."))),
    );
    expect(bodyBlocks(body).map(({ formatting: _formatting, ...block }) => block)).toEqual([
      { kind: "heading", level: 2, text: "Background" },
      { kind: "paragraph", text: "Plain bold\nnext line" },
      { kind: "listItem", list: "bullet", text: "One" },
      { kind: "listItem", list: "bullet", text: "Two" },
      { kind: "listItem", list: "ordered", text: "First" },
      { kind: "quote", text: "Quoted words." },
    ]);
  });

  it("reads table cells as blocks of their own kind", () => {
    const table: JSONContent = {
      type: "table",
      content: [{ type: "tableRow", content: [{ type: "tableHeader", content: [p(text("Year"))] }, { type: "tableCell", content: [p(text("2025"))] }] }],
    };
    expect(bodyBlocks(doc(table)).map((block) => [block.kind, block.text])).toEqual([
      ["tableCell", "Year"],
      ["tableCell", "2025"],
    ]);
  });
});

describe("diffRevisions: body", () => {
  it("identical revisions: no metadata changes, every block same", () => {
    const a = revision({ body: doc(p(text("One.")), p(text("Two."))) });
    expect(diffRevisions(a, structuredClone(a))).toEqual({
      metadata: [],
      body: [
        { change: "same", kind: "paragraph", segments: [{ kind: "same", text: "One." }] },
        { change: "same", kind: "paragraph", segments: [{ kind: "same", text: "Two." }] },
      ],
    });
  });

  it("an added paragraph", () => {
    const a = revision({ body: doc(p(text("First paragraph.")), p(text("Last paragraph."))) });
    const b = revision({ body: doc(p(text("First paragraph.")), p(text("A new middle paragraph.")), p(text("Last paragraph."))) });
    expect(diffRevisions(a, b)).toEqual({
      metadata: [],
      body: [
        { change: "same", kind: "paragraph", segments: [{ kind: "same", text: "First paragraph." }] },
        { change: "added", kind: "paragraph", segments: [{ kind: "added", text: "A new middle paragraph." }] },
        { change: "same", kind: "paragraph", segments: [{ kind: "same", text: "Last paragraph." }] },
      ],
    });
  });

  it("a removed paragraph", () => {
    const a = revision({ body: doc(p(text("Keep me.")), p(text("Delete me entirely."))) });
    const b = revision({ body: doc(p(text("Keep me."))) });
    expect(diffRevisions(a, b).body).toEqual([
      { change: "same", kind: "paragraph", segments: [{ kind: "same", text: "Keep me." }] },
      { change: "removed", kind: "paragraph", segments: [{ kind: "removed", text: "Delete me entirely." }] },
    ]);
  });

  it("one word changed: a word diff inside the paragraph", () => {
    const a = revision({ body: doc(p(text("Intro.")), p(text("The plant employs 200 people in Berlin."))) });
    const b = revision({ body: doc(p(text("Intro.")), p(text("The plant employs 250 people in Berlin."))) });
    expect(diffRevisions(a, b).body).toEqual([
      { change: "same", kind: "paragraph", segments: [{ kind: "same", text: "Intro." }] },
      {
        change: "changed",
        kind: "paragraph",
        segments: [
          { kind: "same", text: "The plant employs " },
          { kind: "removed", text: "200" },
          { kind: "added", text: "250" },
          { kind: "same", text: " people in Berlin." },
        ],
      },
    ]);
  });

  it("a heading changed", () => {
    const a = revision({ body: doc(h(2, "Quarterly results"), p(text("Body."))) });
    const b = revision({ body: doc(h(2, "Annual results"), p(text("Body."))) });
    expect(diffRevisions(a, b).body).toEqual([
      {
        change: "changed",
        kind: "heading",
        level: 2,
        segments: [
          { kind: "removed", text: "Quarterly" },
          { kind: "added", text: "Annual" },
          { kind: "same", text: " results" },
        ],
      },
      { change: "same", kind: "paragraph", segments: [{ kind: "same", text: "Body." }] },
    ]);
  });

  it("a paragraph made a heading: changed, with its previous kind", () => {
    const a = revision({ body: doc(p(text("Background")), p(text("Body."))) });
    const b = revision({ body: doc(h(3, "Background"), p(text("Body."))) });
    expect(diffRevisions(a, b).body[0]).toEqual({
      change: "changed",
      kind: "heading",
      level: 3,
      previous: { kind: "paragraph" },
      segments: [{ kind: "same", text: "Background" }],
    });
  });

  it("a list item added", () => {
    const a = revision({ body: doc(p(text("Highlights:")), ul("Faster delivery", "Lower prices")) });
    const b = revision({ body: doc(p(text("Highlights:")), ul("Faster delivery", "Lower prices", "Wider range")) });
    expect(diffRevisions(a, b).body).toEqual([
      { change: "same", kind: "paragraph", segments: [{ kind: "same", text: "Highlights:" }] },
      { change: "same", kind: "listItem", list: "bullet", segments: [{ kind: "same", text: "Faster delivery" }] },
      { change: "same", kind: "listItem", list: "bullet", segments: [{ kind: "same", text: "Lower prices" }] },
      { change: "added", kind: "listItem", list: "bullet", segments: [{ kind: "added", text: "Wider range" }] },
    ]);
  });

  it("a rewritten paragraph next to a new one: the similar pair is an edit, the other an addition", () => {
    const a = revision({ body: doc(p(text("The new plant opens in March with 200 staff."))) });
    const b = revision({
      body: doc(p(text("Completely unrelated opening sentence.")), p(text("The new plant opens in April with 200 staff."))),
    });
    expect(diffRevisions(a, b).body).toEqual([
      { change: "added", kind: "paragraph", segments: [{ kind: "added", text: "Completely unrelated opening sentence." }] },
      {
        change: "changed",
        kind: "paragraph",
        segments: [
          { kind: "same", text: "The new plant opens in " },
          { kind: "removed", text: "March" },
          { kind: "added", text: "April" },
          { kind: "same", text: " with 200 staff." },
        ],
      },
    ]);
  });

  it("formatting alone (a link target) is a change, with the same words", () => {
    const link = (href: string) => [{ type: "link", attrs: { href } }];
    const a = revision({ body: doc(p(text("See "), text("the report", link("https://a.example/r")), text("."))) });
    const b = revision({ body: doc(p(text("See "), text("the report", link("https://b.example/r")), text("."))) });
    expect(diffRevisions(a, b).body).toEqual([
      { change: "changed", kind: "paragraph", formattingChanged: true, segments: [{ kind: "same", text: "See the report." }] },
    ]);
  });

  it("figures: described by alt text and caption; another image file with the same words is a change", () => {
    const figure = (src: string, alt: string, caption: string | null = null): JSONContent => ({ type: "figure", attrs: { src, alt, caption } });
    const a = revision({ body: doc(p(text("Intro.")), figure("/media/aaaaaa.jpg", "The new plant")) });
    const b = revision({
      body: doc(p(text("Intro.")), figure("/media/bbbbbb.jpg", "The new plant"), figure("/media/cccccc.jpg", "Staff at work", "Photo: Acme")),
    });
    expect(diffRevisions(a, b).body).toEqual([
      { change: "same", kind: "paragraph", segments: [{ kind: "same", text: "Intro." }] },
      { change: "changed", kind: "figure", formattingChanged: true, segments: [{ kind: "same", text: "The new plant" }] },
      { change: "added", kind: "figure", segments: [{ kind: "added", text: "Staff at work — Photo: Acme" }] },
    ]);
  });
});

describe("diffRevisions: metadata", () => {
  it("a changed field, with its label and before/after text; unchanged fields are left out", () => {
    const a = revision();
    const b = revision({ headline: "Acme opens a second plant", dateline: null });
    expect(diffRevisions(a, b).metadata).toEqual([
      { field: "headline", label: "Headline", before: "Acme opens a plant", after: "Acme opens a second plant" },
      { field: "dateline", label: "Dateline", before: "BERLIN", after: "" },
    ]);
  });

  it("lists (topics, contacts, related documents), type, language and notes to editors as text", () => {
    const a = revision({ topics: ["energy"], contacts: [] });
    const b = revision({
      type: "Statement",
      language: "de",
      topics: ["energy", "jobs"],
      contacts: [{ name: "Ana Silva", role: "Press officer", email: "ana@example.org", phone: null }],
      relatedDocuments: [{ title: "Fact sheet", url: null, mediaKey: "abc123.pdf", note: "PDF, 2 pages" }],
      notesToEditors: doc(p(text("Photos on request."))),
    });
    expect(diffRevisions(a, b).metadata).toEqual([
      { field: "type", label: "Type", before: "Press release", after: "Statement" },
      { field: "language", label: "Language", before: "en", after: "de" },
      { field: "notesToEditors", label: "Notes to editors", before: "", after: "Photos on request." },
      { field: "relatedDocuments", label: "Related documents", before: "", after: "Fact sheet (file abc123.pdf) — PDF, 2 pages" },
      { field: "contacts", label: "Media contacts", before: "", after: "Ana Silva, Press officer, ana@example.org" },
      { field: "topics", label: "Topics", before: "energy", after: "energy, jobs" },
    ]);
  });
});

describe("changeSize", () => {
  it("counts words added and removed in the body and the fields, not spaces or punctuation", () => {
    const a = revision({ headline: "Acme opens a plant", body: doc(p(text("The plant employs 200 people.")), p(text("Old closing line."))) });
    const b = revision({ headline: "Acme opens a new plant", body: doc(p(text("The plant employs 250 people."))) });
    // headline +1 ("new"); body: 200 → 250 (+1 −1); "Old closing line." removed (−3).
    expect(changeSize(diffRevisions(a, b))).toEqual({ wordsAdded: 2, wordsRemoved: 4 });
  });

  it("the first revision, against nothing: everything is added", () => {
    const first = revision({ type: null, dateline: null, releaseDate: null, headline: "Two words", body: doc(p(text("Three more words."))) });
    expect(changeSize(diffRevisions(EMPTY_REVISION, first))).toEqual({ wordsAdded: 6, wordsRemoved: 0 });
  });
});

describe("wordDiff", () => {
  it("rebuilds both texts from its segments", () => {
    const before = "Acme, the maker of anvils, opens today.";
    const after = "Acme, maker of fine anvils, opened today!";
    const segments = wordDiff(before, after);
    expect(segments.filter((s) => s.kind !== "added").map((s) => s.text).join("")).toBe(before);
    expect(segments.filter((s) => s.kind !== "removed").map((s) => s.text).join("")).toBe(after);
  });
});
