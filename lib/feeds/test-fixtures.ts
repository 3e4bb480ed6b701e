/**
 * Test data shared by the feed builders' unit tests (imported only from *.test.ts files): an ordinary
 * feed, and text a hostile or careless writer could put in a release.
 */
import type { FeedDocument, FeedEntry } from "./model";

/** Characters XML 1.0 cannot carry, plus the bidi controls we strip. Unpaired surrogates only (u flag). */
export const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/u;

export const HOSTILE = {
  markup: "Fish & Chips <script>alert(1)</script> \"quoted\" 'single' ]]> end",
  controls: "ctrl\u0001one\u000btwo\u001f",
  lone: "lone\ud800surrogate\udfff",
  rtl: "invoice\u202efdp.exe\u2066x\u2069",
  emoji: "Launch 🎉 👩🏽‍💻 ✓ café 中文 عربي",
  nonCharacters: "a\ufffeb\uffff",
} as const;

/** What each hostile string reads as once cleaned. */
export const CLEANED = {
  markup: HOSTILE.markup,
  controls: "ctrlonetwo",
  lone: "lonesurrogate",
  rtl: "invoicefdp.exex",
  emoji: HOSTILE.emoji,
  nonCharacters: "ab",
} as const;

export const ALL_HOSTILE = Object.values(HOSTILE).join(" ");
export const ALL_CLEANED = Object.values(CLEANED).join(" ");

/** Body HTML as a careless importer might have stored it: a CDATA terminator, a script, raw controls. */
export const HOSTILE_HTML = `<p>${HOSTILE.emoji}</p><p>A &amp; B &lt; C</p><script>x = a]]>b && c < d</script><p>${HOSTILE.controls} ${HOSTILE.lone} ${HOSTILE.rtl}</p>]]>`;
export const CLEANED_HTML = `<p>${CLEANED.emoji}</p><p>A &amp; B &lt; C</p><script>x = a]]>b && c < d</script><p>${CLEANED.controls} ${CLEANED.lone} ${CLEANED.rtl}</p>]]>`;

export function entry(overrides: Partial<FeedEntry> = {}): FeedEntry {
  return {
    id: "urn:uuid:6f1c1a52-4d9e-4c57-9d1e-2d3b0f1b1a01",
    url: "https://press.example/releases/ministry-announces-plan",
    title: "Ministry announces plan",
    summary: "A short summary.",
    contentHtml: "<p>Full text.</p>",
    published: new Date("2026-03-03T09:00:00Z"),
    updated: new Date("2026-03-04T10:15:30Z"),
    categories: [{ term: "health", label: "Health" }],
    language: "en",
    ...overrides,
  };
}

export function document(overrides: Partial<FeedDocument> = {}): FeedDocument {
  return {
    title: "Example Press Office: press releases",
    description: "Press releases from Example",
    homeUrl: "https://press.example/",
    selfUrl: "https://press.example/feed.xml",
    language: "en",
    author: "Example Press Office",
    updated: new Date("2026-03-05T08:00:00Z"),
    entries: [entry()],
    ...overrides,
  };
}

/** A feed whose every text field is hostile. */
export function hostileDocument(selfUrl: string): FeedDocument {
  return document({
    title: ALL_HOSTILE,
    description: ALL_HOSTILE,
    homeUrl: "https://press.example/?a=1&b=2",
    selfUrl,
    author: ALL_HOSTILE,
    hubUrl: "https://hub.example/?x=1&y=2",
    entries: [
      entry({
        title: ALL_HOSTILE,
        url: "https://press.example/releases/x?utm=a&b=c",
        summary: `${ALL_HOSTILE}\nsecond line`,
        contentHtml: HOSTILE_HTML,
        categories: [
          { term: "r-and-d", label: "R&D" },
          { term: "health", label: "<Health>" },
          { term: "rtl", label: HOSTILE.rtl },
          { term: "lone", label: HOSTILE.lone },
        ],
        image: { url: "https://press.example/media/abc123.jpg?a=1&b=2", type: "image/jpeg", length: 12345 },
      }),
      entry({ id: "urn:uuid:6f1c1a52-4d9e-4c57-9d1e-2d3b0f1b1a02", title: "Plain", categories: [], summary: "" }),
    ],
  });
}
