import type { JSONContent } from "@tiptap/core";
import { isMediaSrc } from "./extensions";

/** The first image a published body shows, as stored on its publication (`publications.lead_image`). */
export type LeadImage = { key: string; alt: string; width: number | null; height: number | null };

function dimension(value: unknown): number | null {
  return typeof value === "number" && Number.isInteger(value) && value > 0 && value <= 20_000 ? value : null;
}

/**
 * The body's first figure with one of our files as its source, in document order (the first image
 * the rendered page shows: the renderer drops figures whose source is anything else), or null.
 * The migration that added the column computes the same thing in SQL for rows published before it
 * (db/migrations/0009_lead_image.sql); change both together.
 */
export function leadImageOf(body: JSONContent): LeadImage | null {
  if (body.type === "figure" && isMediaSrc(body.attrs?.src)) {
    const attrs = body.attrs!;
    return {
      key: (attrs.src as string).slice("/media/".length),
      alt: typeof attrs.alt === "string" ? attrs.alt : "",
      width: dimension(attrs.width),
      height: dimension(attrs.height),
    };
  }
  for (const child of body.content ?? []) {
    const found = leadImageOf(child);
    if (found) return found;
  }
  return null;
}
