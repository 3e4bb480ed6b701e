import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { AuditTrailTable } from "@/components/desk/audit-trail-table";
import { StatusBadge } from "@/components/desk/status-badge";
import { RevisionDiffView } from "@/components/revisions/revision-diff";
import { RevisionList } from "@/components/revisions/revision-list";
import { Notice } from "@/components/ui/notice";
import { listReleaseAudit } from "@/db/audit/list-release-audit";
import { getRevisionPair, listRevisions } from "@/db/releases/revisions";
import { requireStaffPage } from "@/db/viewer";
import { isAppError } from "@/lib/errors";

export const metadata: Metadata = { title: "History" };

type SearchParams = Record<string, string | string[] | undefined>;

function revisionParam(value: string | string[] | undefined): number | null | "invalid" {
  if (value === undefined) return null;
  const number = Number(Array.isArray(value) ? value[0] : value);
  return Number.isInteger(number) && number >= 1 ? number : "invalid";
}

export default async function ReleaseHistoryPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  await connection();
  const { id } = await params;
  const viewer = await requireStaffPage(`/desk/releases/${id}/history`);
  const query = await searchParams;
  const history = await listRevisions(viewer, id).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  const { release, revisions } = history;
  const numbers = new Set(revisions.map((revision) => revision.number));

  // Default: the latest revision against the one before it.
  const requestedTo = revisionParam(query.to);
  const requestedFrom = revisionParam(query.from);
  const unknown = [requestedFrom, requestedTo].some((value) => value === "invalid" || (typeof value === "number" && !numbers.has(value)));
  const to = typeof requestedTo === "number" && numbers.has(requestedTo) ? requestedTo : (revisions[0]?.number ?? null);
  const before = revisions.find((revision) => to !== null && revision.number < to)?.number ?? null;
  const from = typeof requestedFrom === "number" && numbers.has(requestedFrom) ? requestedFrom : before;
  const [pair, audit] = await Promise.all([
    from !== null && to !== null && from !== to ? getRevisionPair(viewer, release.id, from, to) : null,
    listReleaseAudit(viewer, release.id),
  ]);

  return (
    <main id="main" className="mx-auto max-w-5xl px-4 py-8">
      <div className="mb-6 flex flex-wrap items-center gap-3">
        <Link href={`/desk/releases/${release.id}`} className="text-sm text-slate-600 hover:underline dark:text-slate-400">
          ← Back to the editor
        </Link>
        <StatusBadge status={release.status} />
      </div>
      <h1 className="mb-2 text-2xl font-semibold">History: {release.headline}</h1>
      <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">
        Saves by the same person within five minutes are kept as one revision. Restoring an old revision copies its text into a
        new revision; nothing is lost.
      </p>

      <div className="space-y-10">
        {unknown && (
          <Notice tone="warning" testId="history-unknown-revision">
            That revision does not exist; showing the latest changes instead.
          </Notice>
        )}
        {!history.canRestore && history.restoreBlockedReason && revisions.length > 1 && (
          <Notice tone="info">Restoring is not available: {history.restoreBlockedReason}</Notice>
        )}

        <RevisionList history={history} from={from} to={to} />

        <section aria-labelledby="compare-heading" className="space-y-4">
          <h2 id="compare-heading" className="text-lg font-semibold">
            {pair ? `Changes from revision ${pair.from.number} to revision ${pair.to.number}` : "Changes"}
          </h2>
          {pair ? (
            <>
              <p className="text-sm text-slate-600 dark:text-slate-400">
                Revision {pair.from.number} by {pair.from.authorName}, revision {pair.to.number} by {pair.to.authorName}. Added text is
                underlined, removed text is struck through.
              </p>
              <RevisionDiffView diff={pair.diff} fromNumber={pair.from.number} toNumber={pair.to.number} />
            </>
          ) : (
            <p className="text-sm text-slate-600 dark:text-slate-400">
              {revisions.length < 2 ? "This release has only one revision so far." : "Choose two different revisions to compare."}
            </p>
          )}
        </section>

        <section aria-labelledby="audit-heading" className="space-y-3">
          <h2 id="audit-heading" className="text-lg font-semibold">
            Audit trail
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Every recorded step for this release, newest first. Times are in {history.timeZone}.
          </p>
          {audit.length > 0 ? (
            <AuditTrailTable entries={audit} timeZone={history.timeZone} caption={`Audit trail of “${release.headline}”`} />
          ) : (
            <p className="text-sm text-slate-600 dark:text-slate-400">Nothing has been recorded for this release.</p>
          )}
        </section>
      </div>
    </main>
  );
}
