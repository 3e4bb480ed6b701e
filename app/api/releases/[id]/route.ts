import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { getReleaseForEditor } from "@/db/releases/queries";
import { users } from "@/db/schema";
import { requireViewer } from "@/db/viewer";
import { errorResponse } from "@/lib/actions/route-errors";

/**
 * GET: the release as the server has it now (content, version, who saved the current revision and
 * when), for the editor's conflict view. Staff only; the same authorization as the editor page.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const viewer = await requireViewer();
    const data = await getReleaseForEditor(viewer, (await params).id);
    const [author] = await (await db()).select({ name: users.name }).from(users).where(eq(users.id, data.revision.authorId));
    return Response.json(
      {
        version: data.release.version,
        status: data.release.status,
        content: data.content,
        savedBy: author?.name ?? "Unknown",
        savedAt: data.revision.createdAt.toISOString(),
      },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
