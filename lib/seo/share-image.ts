import type { LeadImage } from "@/lib/content/lead-image";
import { MEDIA_TYPES, type MediaExtension } from "@/lib/media/files";

/** The picture social networks show with a link to a release. */
export type ShareImage = { url: string; width: number | null; height: number | null; alt: string; type: string };

export const SHARE_IMAGE_SIZE = { width: 1200, height: 630 } as const;

/**
 * The body's lead image (publications.lead_image) as an absolute share image; null when there is none
 * or its file is not a picture.
 */
export function leadShareImage(image: LeadImage | null, siteUrl: string): ShareImage | null {
  if (!image) return null;
  const extension = image.key.slice(image.key.lastIndexOf(".") + 1);
  const type = Object.hasOwn(MEDIA_TYPES, extension) ? MEDIA_TYPES[extension as MediaExtension] : undefined;
  if (!type || type.kind !== "image") return null;
  return { url: `${siteUrl}/media/${image.key}`, width: image.width, height: image.height, alt: image.alt, type: type.mimeType };
}

/** The generated card's address; `version` changes with the content, so social networks fetch it again. */
export function generatedShareImage(siteUrl: string, slug: string, headline: string, version: string): ShareImage {
  return {
    url: `${siteUrl}/releases/${slug}/share-image.png?v=${encodeURIComponent(version.slice(0, 12))}`,
    ...SHARE_IMAGE_SIZE,
    alt: headline,
    type: "image/png",
  };
}

/**
 * Code points the font bundled with next/og (Geist Regular) has glyphs for: Latin with its extensions
 * and Vietnamese, basic Cyrillic, common punctuation and the euro sign (a unit test checks this list
 * against the font file). next/og fetches any missing glyph from Google Fonts at render time; this
 * server must not send headlines to a third party nor wait on the network, so other characters are
 * left out of the generated card.
 */
const GLYPH_RANGES: readonly (readonly [number, number])[] = [
  [0x20, 0x7e],
  [0xa0, 0xac],
  [0xae, 0xff],
  [0x100, 0x113],
  [0x116, 0x12b],
  [0x12e, 0x137],
  [0x139, 0x13e],
  [0x141, 0x148],
  [0x14a, 0x14d],
  [0x150, 0x17e],
  [0x218, 0x21b],
  [0x400, 0x45f],
  [0x1e80, 0x1e85],
  [0x1ea0, 0x1ef9],
  [0x2013, 0x2014],
  [0x2018, 0x201a],
  [0x201c, 0x201e],
  [0x2020, 0x2022],
  [0x2026, 0x2026],
  [0x2030, 0x2030],
  [0x2039, 0x203a],
  [0x20ac, 0x20ac],
];

export function hasShareGlyph(codePoint: number): boolean {
  return GLYPH_RANGES.some(([from, to]) => codePoint >= from && codePoint <= to);
}

/**
 * Text for the generated card: white space collapsed, characters without a glyph dropped. Null when
 * too much would be lost to still say the same thing (a headline in a script the font lacks), so the
 * card leaves that line out rather than show fragments of it.
 */
export function shareImageText(text: string): string | null {
  const characters = Array.from(text.normalize("NFC").replace(/\s+/gu, " ").trim());
  if (characters.length === 0) return null;
  const kept = characters.filter((character) => hasShareGlyph(character.codePointAt(0)!));
  const letters = characters.filter((character) => /[\p{L}\p{N}]/u.test(character)).length;
  const keptLetters = kept.filter((character) => /[\p{L}\p{N}]/u.test(character)).length;
  if (keptLetters === 0 || keptLetters < letters * 0.9) return null;
  return kept.join("").replace(/\s+/g, " ").trim();
}
