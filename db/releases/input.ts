import { z } from "zod";

export const MAX_HEADLINE_LENGTH = 300;

/** What a writer may send. Strict: status, author, approval and publication fields are never accepted. */
export const releaseContentInput = z.strictObject({
  headline: z
    .string()
    .trim()
    .min(1, "Write a headline.")
    .max(MAX_HEADLINE_LENGTH, `The headline is too long (at most ${MAX_HEADLINE_LENGTH} characters).`),
  body: z.unknown(),
});

export type ReleaseContentInput = z.infer<typeof releaseContentInput>;

export const releaseIdSchema = z.uuid("That release does not exist.");
export const versionSchema = z.coerce.number().int().min(1);
