"use client";

import { useState } from "react";
import type { ImportPreview } from "@/app/desk/releases/import/actions";
import { ImportReview } from "./import-review";
import { ImportUpload } from "./import-upload";

export type TypeOption = { slug: string; name: string };

/** Upload (or paste), then review what was recognised, then create the draft. */
export function ImportWorkflow({ types }: { types: TypeOption[] }) {
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  return preview ? <ImportReview preview={preview} types={types} onBack={() => setPreview(null)} /> : <ImportUpload onImported={setPreview} />;
}
