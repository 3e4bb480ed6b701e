import type { JSONContent } from "@tiptap/core";
import { contentHash } from "@/lib/content/hash";
import { validateBody } from "@/lib/content/validate";
import { AppError } from "@/lib/errors";
import { releaseContentInput } from "./input";

/** Validates what a writer sent; throws AppError("invalid") with a message a person can act on. */
export function parseReleaseContent(input: unknown): { headline: string; body: JSONContent; hash: string } {
  const parsed = releaseContentInput.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path.join(".") || "form";
      (fieldErrors[key] ??= []).push(issue.message);
    }
    throw new AppError("invalid", parsed.error.issues[0]?.message ?? "The release is not valid.", { fieldErrors });
  }
  const body = validateBody(parsed.data.body);
  if (!body.ok) throw new AppError("invalid", body.error, { fieldErrors: { body: [body.error] } });
  const headline = parsed.data.headline;
  return { headline, body: body.doc, hash: contentHash({ headline, body: body.doc }) };
}
