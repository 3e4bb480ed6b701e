import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { ReleaseWorkspace } from "@/components/desk/release-workspace";
import { CommentThread } from "@/components/comments/comment-thread";
import { ShareLinks } from "@/components/desk/share-links";
import { SlugForm } from "@/components/desk/slug-form";
import { HistoryLink } from "@/components/revisions/history-link";
import { TranslationsForm } from "@/components/desk/translations-form";
import { StatusBadge } from "@/components/desk/status-badge";
import { Notice } from "@/components/ui/notice";
import { listComments } from "@/db/comments/comments";
import { getPublicSettings } from "@/db/public/settings";
import { listShareLinks } from "@/db/share/share-links";
import { getReleaseForEditor } from "@/db/releases/queries";
import { listTranslationCandidates, listTranslations } from "@/db/releases/translations";
import { listTaxonomy } from "@/db/taxonomy/queries";
import { can } from "@/lib/access/permissions";
import { requireStaffPage } from "@/db/viewer";
import { isAppError } from "@/lib/errors";
import { canChangeSlug } from "@/lib/workflow/transitions";

export const metadata: Metadata = { title: "Release" };

export default async function ReleaseEditorPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const { id } = await params;
  const viewer = await requireStaffPage(`/desk/releases/${id}`);
  const [data, taxonomy, settings, linked, candidates, comments] = await Promise.all([
    getReleaseForEditor(viewer, id).catch((error: unknown) => {
      if (isAppError(error) && error.code === "not_found") notFound();
      throw error;
    }),
    listTaxonomy(),
    getPublicSettings(),
    listTranslations(id).catch(() => []),
    listTranslationCandidates(id).catch(() => []),
    listComments(id).catch(() => []),
  ]);
  const { release, revision } = data;
  const shareable = can(viewer.role, "release:share") && release.status === "embargoed";
  const links = shareable ? await listShareLinks(viewer, release.id) : [];

  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-8">
      <div className="mb-6 flex flex-wrap items-center gap-3">
        <Link href="/desk" className="text-sm text-slate-600 hover:underline dark:text-slate-400">
          ← Desk
        </Link>
        <StatusBadge status={release.status} />
        {data.isLive && (
          <Link href={`/releases/${release.slug}`} className="text-sm text-emerald-800 underline dark:text-emerald-300">
            Live on the public site
          </Link>
        )}
        <span className="ml-auto text-sm text-slate-500">
          By {data.authorName} · revision {revision.number}
        </span>
      </div>
      <h1 className="sr-only">Edit release: {revision.headline}</h1>
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <SlugForm releaseId={release.id} slug={release.slug} version={release.version} editable={canChangeSlug(release, data.canEdit)} />
        <div className="flex gap-4 text-sm">
          <HistoryLink releaseId={release.id} />
          <Link href={`/desk/releases/${release.id}/preview`} className="underline">
            Preview as published
          </Link>
        </div>
      </div>
      {data.editNotice && data.canEdit && (
        <div className="mb-4">
          <Notice tone="info">{data.editNotice}</Notice>
        </div>
      )}
      <ReleaseWorkspace
        releaseId={release.id}
        version={release.version}
        content={data.content}
        contentHash={revision.contentHash}
        types={taxonomy.types.map(({ slug, name }) => ({ slug, name }))}
        topics={taxonomy.topics.map(({ slug, name }) => ({ slug, name }))}
        defaultBoilerplate={settings.boilerplate}
        timeZone={settings.timeZone}
        canEdit={data.canEdit}
        actions={data.actions}
      />
      {shareable && (
        <div className="mt-10 border-t border-slate-200 pt-6 dark:border-slate-800">
          <ShareLinks
            releaseId={release.id}
            links={links.map((link) => ({
              id: link.id,
              label: link.label,
              expiresAt: link.expiresAt.toISOString(),
              uses: link.uses,
              revoked: link.revokedAt !== null,
              expired: link.expired,
            }))}
          />
        </div>
      )}
      <div className="mt-10 border-t border-slate-200 pt-6 dark:border-slate-800">
        <CommentThread releaseId={release.id} comments={comments.map((comment) => ({ ...comment, createdAt: comment.createdAt.toISOString() }))} />
      </div>
      <div className="mt-10 border-t border-slate-200 pt-6 dark:border-slate-800">
        <TranslationsForm releaseId={release.id} linked={linked} candidates={candidates} canLink={can(viewer.role, "release:edit-any")} />
      </div>
    </main>
  );
}
