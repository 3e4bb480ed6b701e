import type { JSONContent } from "@tiptap/core";
import { z } from "zod";
import { SLUG_PATTERN } from "@/lib/slug";
import { hrefSchema } from "./href-schema";
import { isEmptyDocument } from "./empty-document";
import { MAX_HEADLINE_LENGTH } from "./headline-length";
import { validateBody } from "./validate";

/**
 * Everything a writer edits on a release, as the server accepts it. Strict: status, authors, approval
 * and publication fields are never part of it. The body and notes to editors are Tiptap documents,
 * checked against the editor's own extension list.
 */

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} is too long (at most ${max.toLocaleString("en")} characters).`)
    .nullish()
    .transform((value) => (value ? value : null));

const tiptapDocument = (label: string) =>
  z.unknown().transform((value, ctx) => {
    const result = validateBody(value);
    if (!result.ok) {
      ctx.addIssue({ code: "custom", message: label === "body" ? result.error : `${label}: ${result.error}` });
      return z.NEVER;
    }
    return result.doc;
  });

const mediaKeySchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{5,120}$/, "That file is not one of ours.");

export const relatedDocumentSchema = z
  .strictObject({
    title: z.string().trim().min(1, "Give each related document a title.").max(300, "A document title is too long (at most 300 characters)."),
    url: hrefSchema.nullish().transform((value) => value ?? null),
    mediaKey: mediaKeySchema.nullish().transform((value) => value ?? null),
    note: optionalText(300, "A document note"),
  })
  .refine((document) => (document.url === null) !== (document.mediaKey === null), {
    message: "Each related document is either an uploaded file or a link, not both or neither.",
  });

export const mediaContactSchema = z.strictObject({
  name: z.string().trim().min(1, "Give each media contact a name.").max(200),
  role: optionalText(200, "A contact's role"),
  email: z.email("A contact's email address is not valid.").nullish().transform((value) => value ?? null),
  phone: optionalText(60, "A contact's phone number"),
});

/** A document listed under a release: an uploaded file (`mediaKey`) or a link (`url`), never both. */
export type RelatedDocument = z.output<typeof relatedDocumentSchema>;
/** A press contact named on a release (and the organisation's default contact). */
export type MediaContact = z.output<typeof mediaContactSchema>;

export const PUBLIC_NOTE_KINDS = ["correction", "update"] as const;

/** The note an editor adds when publishing an update of a live release; listed on its page and in feeds. */
export const publicNoteSchema = z.strictObject({
  kind: z.enum(PUBLIC_NOTE_KINDS),
  text: z.string().trim().min(1, "Write the note.").max(1000, "The note is too long (at most 1,000 characters)."),
});

export type PublicNote = z.output<typeof publicNoteSchema>;
/** A public note as kept on the publication: with the instant (ISO) it was published. */
export type DatedPublicNote = PublicNote & { at: string };

export const LANGUAGE_PATTERN = /^[a-z]{2,3}(-[A-Z]{2})?$/;

export const releaseContentSchema = z.strictObject({
  type: z.string().regex(SLUG_PATTERN, "Choose a release type.").max(100).nullish().transform((value) => value ?? null),
  language: z.string().regex(LANGUAGE_PATTERN, "Choose a language (a code such as en or fr).").default("en"),
  headline: z
    .string()
    .trim()
    .min(1, "Write a headline.")
    .max(MAX_HEADLINE_LENGTH, `The headline is too long (at most ${MAX_HEADLINE_LENGTH} characters).`),
  subtitle: optionalText(500, "The subtitle"),
  dateline: optionalText(120, "The dateline"),
  releaseDate: z.iso.date("The date must be a calendar date.").nullish().transform((value) => value ?? null),
  reference: optionalText(60, "The reference number"),
  summary: optionalText(600, "The summary"),
  body: tiptapDocument("body"),
  notesToEditors: z
    .unknown()
    .nullish()
    .transform((value, ctx) => {
      if (value === null || value === undefined) return null;
      const result = validateBody(value);
      if (!result.ok) {
        ctx.addIssue({ code: "custom", message: `Notes to editors: ${result.error}` });
        return z.NEVER;
      }
      return isEmptyDocument(result.doc) ? null : result.doc;
    }),
  boilerplate: optionalText(4000, "The boilerplate"),
  relatedDocuments: z.array(relatedDocumentSchema).max(50, "At most 50 related documents.").default([]),
  contacts: z.array(mediaContactSchema).max(20, "At most 20 media contacts.").default([]),
  topics: z.array(z.string().regex(SLUG_PATTERN)).max(20, "At most 20 topics.").default([]),
});

export type ReleaseContentInput = z.input<typeof releaseContentSchema>;
export type ReleaseContent = z.output<typeof releaseContentSchema>;

/** Server-side: keys of our media files a release uses (images in the body, attached documents). */
export function mediaKeysOf(content: Pick<ReleaseContent, "body" | "relatedDocuments">): string[] {
  const keys = new Set<string>();
  const visit = (node: JSONContent) => {
    const src = node.attrs?.src;
    if (typeof src === "string" && src.startsWith("/media/")) keys.add(src.slice("/media/".length));
    for (const child of node.content ?? []) visit(child);
  };
  visit(content.body);
  for (const document of content.relatedDocuments) if (document.mediaKey) keys.add(document.mediaKey);
  return [...keys].sort();
}
