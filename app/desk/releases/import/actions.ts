"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { createRelease } from "@/db/releases/create";
import { cleanInput } from "@/lib/actions/clean-input";
import { type DocumentImport, type ImportFormat, importFile, importPastedText } from "@/lib/content/import";
import { MAX_IMPORT_BYTES, MAX_IMPORT_LABEL } from "@/lib/content/import/limits";
import { renderBodyHtml } from "@/lib/content/render";
import { AppError } from "@/lib/errors";
import { staffAction } from "../../staff-action";

/** What the review step shows and sends back: recognised metadata, the body as JSON text and as HTML, warnings. */
export type ImportPreview = {
  format: ImportFormat;
  fileName: string | null;
  headline: string;
  type: string | null;
  language: string | null;
  releaseDate: string | null;
  dateline: string | null;
  reference: string | null;
  subtitle: string | null;
  bodyJson: string;
  bodyHtml: string;
  warnings: string[];
};

const importInput = z.discriminatedUnion("source", [
  z.strictObject({ source: z.literal("file"), file: z.instanceof(File, { error: "Choose a document to import." }) }),
  z.strictObject({ source: z.literal("text"), text: z.string().max(MAX_IMPORT_BYTES, `The pasted text is too long. Up to ${MAX_IMPORT_LABEL} can be imported.`) }),
]);

function preview(result: DocumentImport, fileName: string | null): ImportPreview {
  const { content } = result;
  return {
    format: result.format,
    fileName,
    headline: content.headline,
    type: content.type ?? null,
    language: content.language ?? null,
    releaseDate: content.releaseDate ?? null,
    dateline: content.dateline ?? null,
    reference: content.reference ?? null,
    subtitle: content.subtitle ?? null,
    bodyJson: JSON.stringify(content.body),
    bodyHtml: renderBodyHtml(content.body),
    warnings: result.warnings,
  };
}

/**
 * Reads an uploaded document (or pasted text) and returns what was recognised, for review. Nothing
 * is stored. The format is decided by content; files over 10 MB are refused before they are read.
 */
export const importDocumentAction = staffAction(
  importInput,
  async (_viewer, input): Promise<ImportPreview> => {
    if (input.source === "text") {
      if (input.text.trim() === "") throw new AppError("invalid", "Paste the text of the release first.");
      return preview(await importSafely(() => importPastedText(input.text)), null);
    }
    const { file } = input;
    if (file.size === 0) throw new AppError("invalid", file.name ? "The file is empty." : "Choose a document to import.");
    if (file.size > MAX_IMPORT_BYTES) {
      throw new AppError("invalid", `The file is too large (${(file.size / 1024 / 1024).toFixed(1)} MB). Files up to ${MAX_IMPORT_LABEL} can be imported.`);
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const fileName = file.name.slice(0, 200) || null;
    return preview(await importSafely(() => importFile(bytes, file.name)), fileName);
  },
  { permission: "release:create" },
);

/** Importer failures we did not foresee become a message about the document, not a generic error. */
async function importSafely(run: () => DocumentImport | Promise<DocumentImport>): Promise<DocumentImport> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError) throw error;
    console.error(error);
    throw new AppError("invalid", "This document could not be imported. Open it, copy the text, and paste it instead.");
  }
}

const optional = z
  .string()
  .nullish()
  .transform((value) => (value && value.trim() !== "" ? value : null));

const draftInput = z.strictObject({
  headline: z.string(),
  type: optional,
  language: optional,
  releaseDate: optional,
  dateline: optional,
  reference: optional,
  subtitle: optional,
  bodyJson: z.string().max(2_000_000, "The text of the release is too long."),
});

export type ImportedDraftInput = z.input<typeof draftInput>;

/** Creates a draft from the reviewed import (validated again by createRelease) and opens it. */
export const createDraftFromImportAction = staffAction(draftInput, async (viewer, draft): Promise<{ id: string }> => {
  let body: unknown;
  try {
    body = cleanInput(JSON.parse(draft.bodyJson));
  } catch {
    throw new AppError("invalid", "The imported text could not be read. Import the document again.");
  }
  const { id } = await createRelease(viewer, {
    headline: draft.headline,
    body,
    ...(draft.type ? { type: draft.type } : {}),
    ...(draft.language ? { language: draft.language } : {}),
    releaseDate: draft.releaseDate,
    dateline: draft.dateline,
    reference: draft.reference,
    subtitle: draft.subtitle,
  });
  revalidatePath("/desk");
  redirect(`/desk/releases/${id}`);
});
