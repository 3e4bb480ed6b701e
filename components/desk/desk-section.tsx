import Link from "next/link";
import type { DeskSection as DeskSectionData } from "@/db/releases/queries";
import { formatInZone } from "@/lib/time/zoned";
import { StatusBadge } from "./status-badge";

/**
 * One desk list under a heading with its count: the count of every matching release, even when only the
 * first few are listed (the list then says so).
 */
export function DeskSection({ title, section, empty, timeZone }: { title: string; section: DeskSectionData; empty: string; timeZone?: string }) {
  const headingId = `desk-${section.key}`;
  const { count, releases } = section;
  return (
    <section aria-labelledby={headingId} data-testid={`desk-section-${section.key}`} className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-950">
      <h2 id={headingId} className="flex items-center justify-between border-b border-slate-200 px-4 py-3 text-sm font-semibold dark:border-slate-800">
        {title}
        <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-200" data-testid="desk-count">
          <span className="sr-only">: </span>
          {count}
        </span>
      </h2>
      {releases.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-500">{empty}</p>
      ) : (
        <>
          <ul className="divide-y divide-slate-100 dark:divide-slate-800">
            {releases.map((release) => (
              <li key={release.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3">
                <Link href={`/desk/releases/${release.id}`} className="min-w-0 flex-1 truncate font-medium hover:underline">
                  {release.headline}
                </Link>
                {release.dueAt && timeZone && (
                  <time dateTime={new Date(release.dueAt).toISOString()} className="text-xs text-slate-600 dark:text-slate-400">
                    {formatInZone(release.dueAt, timeZone)}
                  </time>
                )}
                <StatusBadge status={release.status} />
                <span className="hidden w-32 truncate text-right text-xs text-slate-500 sm:block">{release.authorName}</span>
                {release.status === "changes_requested" && release.changeRequest && (
                  <p className="w-full text-sm text-orange-900 dark:text-orange-200">“{release.changeRequest}”</p>
                )}
              </li>
            ))}
          </ul>
          {count > releases.length && (
            <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-500 dark:border-slate-800">
              Showing {releases.length} of {count}.
            </p>
          )}
        </>
      )}
    </section>
  );
}
