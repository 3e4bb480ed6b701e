import { z } from "zod";
import { INTERNAL_TOKEN_HEADER, isInternalToken } from "@/db/publishing/internal-token";
import { invalidatePublicPages } from "@/db/publishing/invalidate";
import { slugSchema } from "@/lib/slug";

const input = z.strictObject({ slugs: z.array(slugSchema).min(1).max(500) });

/** Called by this instance's own scheduler (see db/publishing/scheduler-loop.ts); nobody else knows the token. */
export async function POST(request: Request) {
  if (!isInternalToken(request.headers.get(INTERNAL_TOKEN_HEADER))) return new Response(null, { status: 404 });
  const parsed = input.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: "Expected { slugs: [...] }." }, { status: 400 });
  for (const slug of parsed.data.slugs) invalidatePublicPages(slug);
  return Response.json({ expired: parsed.data.slugs.length });
}
