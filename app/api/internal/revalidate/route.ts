import { INTERNAL_TOKEN_HEADER, isInternalToken } from "@/db/publishing/internal-token";
import { expirePublicChange } from "@/db/publishing/invalidate";
import { changeNoticeSchema } from "@/db/publishing/public-change";
import { cleanInput } from "@/lib/actions/clean-input";

/**
 * Called by this instance itself (its scheduler, its listener for other instances' changes), so that
 * cache invalidation runs inside a request, where Next honours it. Nobody else knows the token. It reads
 * no database, so a notice heard just before an outage still takes effect.
 */
export async function POST(request: Request) {
  if (!isInternalToken(request.headers.get(INTERNAL_TOKEN_HEADER))) return new Response(null, { status: 404 });
  const parsed = changeNoticeSchema.safeParse(await request.json().then(cleanInput).catch(() => null));
  if (!parsed.success) return Response.json({ error: "Expected { slugs, tags, withdrawn } or { all: true, withdrawn }." }, { status: 400 });
  expirePublicChange(parsed.data);
  return Response.json({ expired: true });
}
