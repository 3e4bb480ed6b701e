import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { ReleaseDocument } from "@/components/site/release-document";
import { SiteFooter } from "@/components/site/site-footer";
import { SiteHeader } from "@/components/site/site-header";
import { revisionView } from "@/db/public/release-view";
import { getPublicSettings } from "@/db/public/settings";
import { getTopicNames } from "@/db/public/topics";
import { getReleaseForEditor } from "@/db/releases/queries";
import { listTaxonomy } from "@/db/taxonomy/queries";
import { requireStaffPage } from "@/db/viewer";
import { isAppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Preview", robots: { index: false } };

/** The saved working copy, rendered by the same component and styles as the public page. */
export default async function PreviewPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const { id } = await params;
  const viewer = await requireStaffPage(`/desk/releases/${id}/preview`);
  const [data, settings, topicNames, taxonomy] = await Promise.all([
    getReleaseForEditor(viewer, id).catch((error: unknown) => {
      if (isAppError(error) && error.code === "not_found") notFound();
      throw error;
    }),
    getPublicSettings(),
    getTopicNames(),
    listTaxonomy(),
  ]);
  const { revision, release } = data;
  const view = revisionView(revision, {
    settings,
    topicNames,
    typeName: taxonomy.types.find((type) => type.id === revision.typeId)?.name ?? null,
    // An undated draft would go out dated the day it is published: today, as far as the preview knows.
    fallbackInstant: new Date().toISOString(),
  });
  return (
    <div className="bg-white dark:bg-slate-950">
      <p className="bg-amber-100 px-4 py-2 text-center text-sm text-amber-950">
        Preview of revision {revision.number} — not public.{" "}
        <Link href={`/desk/releases/${release.id}`} className="underline">
          Back to the editor
        </Link>
      </p>
      <SiteHeader settings={settings} />
      <main id="main">
        <ReleaseDocument release={view} settings={settings} />
      </main>
      <SiteFooter settings={settings} />
    </div>
  );
}
