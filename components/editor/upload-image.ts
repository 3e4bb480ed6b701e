import { isMediaSrc } from "@/lib/content/extensions";

/** What POST /api/media answers with 201. */
export type UploadedMedia = {
  key: string;
  url: string;
  kind: string;
  mimeType: string;
  width: number | null;
  height: number | null;
  bytes: number;
  originalName: string;
};

/** Sends one file to /api/media (multipart field `file`); resolves with the stored media or an error sentence. */
export async function uploadImage(file: File): Promise<{ ok: true; media: UploadedMedia } | { ok: false; error: string }> {
  if (!file.type.startsWith("image/")) return { ok: false, error: "Choose an image file (JPEG, PNG, WebP or GIF)." };
  const form = new FormData();
  form.append("file", file);
  let response: Response;
  try {
    response = await fetch("/api/media", { method: "POST", body: form });
  } catch {
    return { ok: false, error: "The image could not be uploaded: the server did not answer. Try again." };
  }
  const json = (await response.json().catch(() => null)) as (Partial<UploadedMedia> & { error?: string }) | null;
  if (response.status !== 201 || !json) return { ok: false, error: json?.error ?? `The image could not be uploaded (error ${response.status}).` };
  if (!isMediaSrc(json.url) || json.kind === "document") return { ok: false, error: "The server did not store this file as an image." };
  return { ok: true, media: json as UploadedMedia };
}
