import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generatedShareImage, hasShareGlyph, leadShareImage, shareImageText } from "./share-image";

const SITE = "https://news.example.org";
const PNG = "0123456789abcdef0123456789abcdef.png";
const JPG = "fedcba9876543210fedcba9876543210.jpg";
const PDF = "00112233445566778899aabbccddeeff.pdf";

describe("leadShareImage", () => {
  it("is the publication's lead image, absolute, with its size, alt text and type", () => {
    expect(leadShareImage({ key: JPG, alt: 'A "quoted" <b> & more', width: 800, height: 600 }, SITE)).toEqual({
      url: `${SITE}/media/${JPG}`,
      width: 800,
      height: 600,
      alt: 'A "quoted" <b> & more',
      type: "image/jpeg",
    });
    expect(leadShareImage({ key: PNG, alt: "", width: null, height: null }, SITE)).toMatchObject({ width: null, height: null, type: "image/png" });
  });

  it("is null without a lead image, or when its file is not a picture", () => {
    expect(leadShareImage(null, SITE)).toBeNull();
    expect(leadShareImage({ key: PDF, alt: "Programme", width: null, height: null }, SITE)).toBeNull();
    expect(leadShareImage({ key: "0123456789abcdef.constructor", alt: "x", width: null, height: null }, SITE)).toBeNull();
  });
});

describe("generatedShareImage", () => {
  it("points at the release's generated card, versioned by its content", () => {
    expect(generatedShareImage(SITE, "new-plant", "Acme opens a plant", "0f1e2d3c4b5a69788796a5b4")).toEqual({
      url: `${SITE}/releases/new-plant/share-image.png?v=0f1e2d3c4b5a`,
      width: 1200,
      height: 630,
      alt: "Acme opens a plant",
      type: "image/png",
    });
  });
});

describe("shareImageText", () => {
  it("keeps Latin, Cyrillic and typographic punctuation, collapsing white space", () => {
    expect(shareImageText("  Zürich:\n„Œuvre“ — Київ   2026 €  ")).toBe("Zürich: „Œuvre“ — Київ 2026 €");
  });

  it("drops the odd character the font lacks (an emoji) but keeps the sentence", () => {
    expect(shareImageText("Ministry 🎉 celebrates its anniversary")).toBe("Ministry celebrates its anniversary");
  });

  it("gives up on text mostly in a script the font lacks, rather than show fragments", () => {
    expect(shareImageText("外交部宣布 new 简报计划")).toBeNull();
    expect(shareImageText("وزارة الخارجية")).toBeNull();
    expect(shareImageText("   ")).toBeNull();
  });

  it("composes decomposed accents first, and drops combining marks that would need another font", () => {
    expect(shareImageText("Cafe\u0301")).toBe("Café");
    expect(shareImageText("Te\u0360st")).toBe("Test");
  });
});

/** The code points a TrueType font maps (cmap formats 4 and 12). */
function fontCodePoints(file: string): Set<number> {
  const font = readFileSync(file);
  const tables = font.readUInt16BE(4);
  let cmap = -1;
  for (let i = 0; i < tables; i++) if (font.toString("latin1", 12 + i * 16, 16 + i * 16) === "cmap") cmap = font.readUInt32BE(12 + i * 16 + 8);
  const points = new Set<number>();
  for (let i = 0; i < font.readUInt16BE(cmap + 2); i++) {
    const table = cmap + font.readUInt32BE(cmap + 4 + i * 8 + 4);
    const format = font.readUInt16BE(table);
    if (format === 4) {
      const segmentsTwice = font.readUInt16BE(table + 6);
      const ends = table + 14;
      const starts = ends + segmentsTwice + 2;
      for (let s = 0; s < segmentsTwice / 2; s++) {
        const start = font.readUInt16BE(starts + 2 * s);
        if (start === 0xffff) continue;
        for (let c = start; c <= font.readUInt16BE(ends + 2 * s); c++) points.add(c);
      }
    } else if (format === 12) {
      for (let g = 0; g < font.readUInt32BE(table + 12); g++) {
        const group = table + 16 + g * 12;
        for (let c = font.readUInt32BE(group); c <= font.readUInt32BE(group + 4); c++) points.add(c);
      }
    }
  }
  return points;
}

describe("the glyph list", () => {
  it("allows only characters the font bundled with next/og can draw (so it never fetches another)", () => {
    const font = fontCodePoints(path.resolve("node_modules/next/dist/compiled/@vercel/og/Geist-Regular.ttf"));
    expect(font.size).toBeGreaterThan(500);
    const missing: string[] = [];
    for (let point = 0; point <= 0xffff; point++) if (hasShareGlyph(point) && !font.has(point)) missing.push(point.toString(16));
    expect(missing).toEqual([]);
  });
});
