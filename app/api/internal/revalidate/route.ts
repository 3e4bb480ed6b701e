import { z } from "zod";
import { INTERNAL_TOKEN_HEADER, isInternalToken } from "@/db/publishing/internal-token";
import { expirePublicChange } from "@/db/publishing/invalidate";
import { publicChangeSchema } from "@/db/publishing/public-change";
import { cleanInput } from "@/lib/actions/clean-input";

const input = z.union([z.strictObject({ all: z.literal(true) }), publicChangeSchema]);

/**
 * Called by this instance itself (its scheduler, its listener for other instances' changes), so that
 * cache invalidation runs inside a request, where Next honours it. Nobody else knows the token.
 */
export async function POST(request: Request) {
  if (!isInternalToken(request.headers.get(INTERNAL_TOKEN_HEADER))) return new Response(null, { status: 404 });
  const parsed = input.safeParse(await request.json().then(cleanInput).catch(() => null));
  if (!parsed.success) return Response.json({ error: "Expected { slugs, tags } or { all: true }." }, { status: 400 });
  expirePublicChange(parsed.data);
  return Response.json({ expired: true });
}
