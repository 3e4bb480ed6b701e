import { connection } from "next/server";
import { getFeedSource } from "@/db/public/feed-items";
import { env } from "@/env";
import { feedResponse } from "@/lib/feeds/response";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  await connection();
  const scope = { kind: "type", slug: (await params).slug } as const;
  return feedResponse(request, scope, "atom", await getFeedSource(scope), { siteUrl: env.siteUrl, hubUrl: env.WEBSUB_HUB });
}
