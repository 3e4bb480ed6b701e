import { canServeMedia } from "@/db/media/access";
import { mediaStorage } from "@/db/media/storage";
import { currentViewer } from "@/db/viewer";
import { errorResponse } from "@/lib/actions/route-errors";
import { isMediaKey, MEDIA_CONTENT_SECURITY_POLICY, mediaResponseHeaders } from "@/lib/media/files";

export const dynamic = "force-dynamic";

function notFound() {
  return new Response("Not found.\n", {
    status: 404,
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": MEDIA_CONTENT_SECURITY_POLICY,
    },
  });
}

/**
 * An uploaded file. The public gets only files a live publication uses; signed-in staff get any file;
 * `?share=<token>` (set by the embargo share page) gets the files of the revision that link shows.
 * Everything else is 404 (never 403): whether a file exists is not revealed.
 */
export async function GET(request: Request, { params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  if (!isMediaKey(key)) return notFound();
  try {
    const shareToken = new URL(request.url).searchParams.get("share");
    const servable = await canServeMedia(key, await currentViewer(), shareToken);
    if (!servable) return notFound();
    const stored = await mediaStorage().get(key);
    if (!stored) return notFound();
    const { file, audience } = servable;
    const headers = mediaResponseHeaders({
      key,
      kind: file.kind,
      mimeType: file.mimeType,
      size: stored.size,
      originalName: file.originalName,
      audience,
    });
    return new Response(stored.body as BodyInit, { status: 200, headers });
  } catch (error) {
    return errorResponse(error);
  }
}
