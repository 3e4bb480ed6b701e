import { ImageResponse } from "next/og";
import { getPublicationBySlug } from "@/db/public/publications";
import { getPublicSettings } from "@/db/public/settings";
import { formatCalendarDate } from "@/lib/format/dates";
import { trimDescription } from "@/lib/seo/description";
import { safeAccent } from "@/lib/public/labels";
import { SHARE_IMAGE_SIZE, shareImageText } from "@/lib/seo/share-image";
import { ShareCard } from "./share-card";

// Drawn on request from cached data, never at build time (the build has no database).
export const dynamic = "force-dynamic";

const MAX_HEADLINE = 150;

function notFound() {
  return new Response("Not found.\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

/**
 * The share image of a live release that has no picture of its own: organisation, type, headline and
 * date on the accent colour. Retracted and unknown releases have none.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const [release, settings] = await Promise.all([getPublicationBySlug(slug), getPublicSettings()]);
  if (!release || release.retractedAt) return notFound();
  const headline = shareImageText(release.headline);
  return new ImageResponse(
    (
      <ShareCard
        organisation={shareImageText(settings.organisationName)}
        label={shareImageText(release.typeName ?? "Press release")}
        headline={headline ? trimDescription(headline, MAX_HEADLINE) : null}
        date={shareImageText(formatCalendarDate(release.effectiveDate))}
        accent={safeAccent(settings.accentColor)}
      />
    ),
    {
      ...SHARE_IMAGE_SIZE,
      // next/og would say "immutable for a year"; a retraction or correction must reach readers sooner.
      headers: { "Cache-Control": "public, max-age=60" },
    },
  );
}
