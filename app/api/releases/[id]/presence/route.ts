import { markPresent } from "@/db/presence/presence";
import { requireViewer } from "@/db/viewer";
import { env } from "@/env";
import { errorResponse } from "@/lib/actions/route-errors";
import { isSameOrigin } from "@/lib/security/origin";

/** POST: "I have this release open". Answers { others: [{ name }] }: who else had it open in the last 30 s. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  if (!isSameOrigin(request.headers, env.siteUrl)) {
    return Response.json({ error: "This request did not come from this site." }, { status: 403 });
  }
  try {
    const viewer = await requireViewer();
    const others = await markPresent(viewer, (await params).id);
    return Response.json({ others }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
