import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { connection } from "next/server";
import { ReleaseDocument } from "@/components/site/release-document";
import { SiteFooter } from "@/components/site/site-footer";
import { SiteHeader } from "@/components/site/site-header";
import { revisionView } from "@/db/public/release-view";
import { getPublicSettings } from "@/db/public/settings";
import { getTopicNames } from "@/db/public/topics";
import { openShareLink } from "@/db/share/share-links";
import { listTaxonomy } from "@/db/taxonomy/queries";
import { clientAddressFrom } from "@/lib/auth/client-address";
import { formatInZone } from "@/lib/time/zoned";
import { withShareToken } from "./with-share-token";

export const metadata: Metadata = { title: "Embargoed release", robots: { index: false, follow: false } };

/** An embargoed release shown to a journalist holding a share link; never cached. */
export default async function SharedReleasePage({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  const { token } = await params;
  const shared = await openShareLink(token, clientAddressFrom(await headers()));
  if (!shared) notFound();
  if (shared.kind === "published") redirect(`/releases/${shared.slug}`);
  const [settings, topicNames, taxonomy] = await Promise.all([getPublicSettings(), getTopicNames(), listTaxonomy()]);
  const { revision } = shared;
  const view = withShareToken(
    revisionView(revision, {
      settings,
      topicNames,
      typeName: taxonomy.types.find((type) => type.id === revision.typeId)?.name ?? null,
      fallbackInstant: shared.embargoUntil.toISOString(),
    }),
    token,
  );
  return (
    <div className="flex min-h-screen flex-col">
      <SiteHeader settings={settings} />
      <main id="main" className="flex-1">
        <p data-testid="embargo-banner" className="bg-red-700 px-4 py-3 text-center font-semibold text-white">
          Embargoed until {formatInZone(shared.embargoUntil, settings.timeZone)}. Not for publication or broadcast before then.
        </p>
        <ReleaseDocument release={view} settings={settings} />
      </main>
      <SiteFooter settings={settings} />
    </div>
  );
}
