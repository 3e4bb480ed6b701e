import { connection } from "next/server";
import { getFeedSource } from "@/db/public/feed-items";
import { env } from "@/env";
import { feedResponse } from "@/lib/feeds/response";

export async function GET(request: Request, { params }: { params: Promise<{ code: string }> }) {
  await connection();
  const scope = { kind: "language", code: (await params).code } as const;
  return feedResponse(request, scope, "rss", await getFeedSource(scope), { siteUrl: env.siteUrl, hubUrl: env.WEBSUB_HUB });
}
