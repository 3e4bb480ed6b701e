import { uploadMedia } from "@/db/media/upload";
import { requireViewer } from "@/db/viewer";
import { env } from "@/env";
import { cleanInput } from "@/lib/actions/clean-input";
import { errorResponse } from "@/lib/actions/route-errors";
import { AppError } from "@/lib/errors";
import { tooLargeMessage } from "@/lib/media/files";
import { isSameOrigin } from "@/lib/security/origin";

export const dynamic = "force-dynamic";

/** Room for the multipart envelope (boundaries, part headers, a long file name) around the file itself. */
const MULTIPART_OVERHEAD = 64 * 1024;

const NO_STORE = { "Cache-Control": "no-store" };

function tooLarge(size: number | null) {
  return Response.json(
    { error: tooLargeMessage(size, env.MEDIA_MAX_BYTES), code: "invalid" },
    { status: 413, headers: { ...NO_STORE, Connection: "close" } },
  );
}

/** The request body, or null as soon as it grows past `limit` bytes (chunked bodies carry no Content-Length). */
async function readBody(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * POST multipart/form-data with one field, `file`. 201 with the stored file (UploadedMedia):
 * { key, url, kind, mimeType, width, height, bytes, originalName }. Errors: { error, code } with
 * 401/403 (session, role), 413 (too large), 422 (type refused or no file), 403 (cross-site).
 */
export async function POST(request: Request) {
  if (!isSameOrigin(request.headers, env.siteUrl)) {
    return Response.json({ error: "This request did not come from this site." }, { status: 403, headers: NO_STORE });
  }
  try {
    const viewer = await requireViewer();
    const limit = env.MEDIA_MAX_BYTES + MULTIPART_OVERHEAD;
    const declared = Number(request.headers.get("content-length") ?? Number.NaN);
    if (Number.isFinite(declared) && declared > limit) return tooLarge(declared);

    const contentType = request.headers.get("content-type") ?? "";
    if (!/^multipart\/form-data\s*;/i.test(contentType)) {
      throw new AppError("invalid", "Send the file as multipart/form-data in a field named file.");
    }
    const body = await readBody(request, limit);
    if (!body) return tooLarge(null);
    const form = await new Response(body, { headers: { "content-type": contentType } }).formData().catch(() => null);
    if (!form) throw new AppError("invalid", "The upload could not be read. Try again.");
    const file = cleanInput(form.get("file"));
    if (!(file instanceof File)) throw new AppError("invalid", "Choose a file to upload.");

    const uploaded = await uploadMedia(viewer, { bytes: new Uint8Array(await file.arrayBuffer()), originalName: file.name });
    return Response.json(uploaded, { status: 201, headers: NO_STORE });
  } catch (error) {
    return errorResponse(error);
  }
}
