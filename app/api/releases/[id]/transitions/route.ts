import { afterTransition } from "@/db/publishing/invalidate";
import { transitionRelease } from "@/db/releases/transition";
import { requireViewer } from "@/db/viewer";
import { env } from "@/env";
import { cleanInput } from "@/lib/actions/clean-input";
import { errorResponse } from "@/lib/actions/route-errors";
import { isSameOrigin } from "@/lib/security/origin";

/** POST { action, expectedVersion, comment? }: the same transition the desk's buttons take. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  if (!isSameOrigin(request.headers, env.siteUrl)) {
    return Response.json({ error: "This request did not come from this site." }, { status: 403 });
  }
  try {
    const viewer = await requireViewer();
    const body = cleanInput((await request.json().catch(() => null)) as Record<string, unknown> | null);
    if (!body || typeof body !== "object" || Array.isArray(body)) {
      return Response.json({ error: "Send a JSON object." }, { status: 400 });
    }
    const result = await transitionRelease(viewer, { ...body, releaseId: (await params).id });
    afterTransition(result);
    return Response.json({ status: result.status, version: result.version });
  } catch (error) {
    return errorResponse(error);
  }
}
