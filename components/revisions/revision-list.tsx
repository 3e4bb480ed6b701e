import clsx from "clsx";
import Link from "next/link";
import type { RevisionHistory, RevisionListItem } from "@/db/releases/revisions";
import { buttonClass } from "@/components/ui/button";
import { RestoreButton } from "./restore-button";
import { ScrollingTable } from "@/components/ui/scrolling-table";

const COMPARE_FORM = "compare-revisions";

/**
 * Every revision, newest first: who, when, how much changed. Two radio columns pick the pair to compare
 * (a plain GET form, so it works without JavaScript); links compare a revision with the one before it or
 * with the current text. Restore buttons appear only when the server says this viewer may edit now.
 */
export function RevisionList({ history, from, to }: { history: RevisionHistory; from: number | null; to: number | null }) {
  const { release, revisions } = history;
  const current = revisions.find((revision) => revision.isCurrent);
  const time = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: history.timeZone });
  const base = `/desk/releases/${release.id}/history`;

  return (
    <section aria-labelledby="revisions-heading" className="space-y-3">
      <h2 id="revisions-heading" className="text-lg font-semibold">
        Revisions
      </h2>
      <ScrollingTable boxClassName="rounded-lg border border-slate-200 dark:border-slate-800">
        <caption className="sr-only">Revisions of this release, newest first. Choose two to compare.</caption>
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-900 dark:text-slate-400">
          <tr>
            <th scope="col" className="px-3 py-2">
              From
            </th>
            <th scope="col" className="px-3 py-2">
              To
            </th>
            <th scope="col" className="px-3 py-2">
              Revision
            </th>
            <th scope="col" className="px-3 py-2">
              Author
            </th>
            <th scope="col" className="px-3 py-2">
              Saved ({history.timeZone})
            </th>
            <th scope="col" className="px-3 py-2">
              Change
            </th>
            <th scope="col" className="px-3 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {revisions.map((revision, index) => {
            const previous = revisions[index + 1];
            const selected = revision.number === from || revision.number === to;
            return (
              <tr key={revision.id} className={clsx("align-top", selected && "bg-sky-50/60 dark:bg-sky-950/30")}>
                <td className="px-3 py-2">
                  <ComparePick end="from" number={revision.number} chosen={from} />
                </td>
                <td className="px-3 py-2">
                  <ComparePick end="to" number={revision.number} chosen={to} />
                </td>
                <th scope="row" className="px-3 py-2 font-medium">
                  <span>Revision {revision.number}</span>
                  <Markers revision={revision} />
                </th>
                <td className="px-3 py-2">{revision.authorName}</td>
                <td className="whitespace-nowrap px-3 py-2">
                  <time dateTime={revision.createdAt.toISOString()}>{time.format(revision.createdAt)}</time>
                  {revision.updatedAt.getTime() - revision.createdAt.getTime() >= 60_000 && (
                    <span className="block text-xs text-slate-500">
                      last saved <time dateTime={revision.updatedAt.toISOString()}>{time.format(revision.updatedAt)}</time>
                    </span>
                  )}
                </td>
                <td className="whitespace-nowrap px-3 py-2">
                  <ChangeSize revision={revision} />
                </td>
                <td className="px-3 py-2">
                  <div className="flex flex-col items-start gap-1.5">
                    {previous && (
                      <Link href={`${base}?from=${previous.number}&to=${revision.number}`} className="text-sky-800 underline dark:text-sky-300">
                        Changes in this revision<span className="sr-only"> ({revision.number})</span>
                      </Link>
                    )}
                    {current && !revision.isCurrent && (
                      <Link href={`${base}?from=${revision.number}&to=${current.number}`} className="text-sky-800 underline dark:text-sky-300">
                        Compare with current<span className="sr-only"> (revision {revision.number})</span>
                      </Link>
                    )}
                    {history.canRestore && !revision.isCurrent && (
                      <RestoreButton releaseId={release.id} revisionNumber={revision.number} version={release.version} />
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </ScrollingTable>
      <form id={COMPARE_FORM} method="get" action={base}>
        <button type="submit" className={buttonClass("secondary")}>
          Compare selected revisions
        </button>
      </form>
    </section>
  );
}

/** One end of the pair to compare: a radio button of the GET form below the table. */
function ComparePick({ end, number, chosen }: { end: "from" | "to"; number: number; chosen: number | null }) {
  return (
    <input type="radio" form={COMPARE_FORM} name={end} value={number} defaultChecked={number === chosen} aria-label={`Compare ${end} revision ${number}`} />
  );
}

function Markers({ revision }: { revision: RevisionListItem }) {
  const markers = [
    revision.isCurrent && "current",
    revision.isApproved && "approved",
    revision.isLive ? "live" : revision.isPublished && "last published",
  ].filter((marker): marker is string => typeof marker === "string");
  if (markers.length === 0) return null;
  return (
    <span className="mt-1 flex flex-wrap gap-1">
      {markers.map((marker) => (
        <span key={marker} className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-normal text-slate-700 dark:bg-slate-800 dark:text-slate-200">
          {marker}
        </span>
      ))}
    </span>
  );
}

function ChangeSize({ revision }: { revision: RevisionListItem }) {
  const { wordsAdded, wordsRemoved } = revision;
  if (wordsAdded === 0 && wordsRemoved === 0) return <span className="text-slate-500">no word changes</span>;
  const words = (count: number) => `${count.toLocaleString("en")} ${count === 1 ? "word" : "words"}`;
  return (
    <span className="flex flex-col">
      {wordsAdded > 0 && <span className="text-emerald-800 dark:text-emerald-300">{words(wordsAdded)} added</span>}
      {wordsRemoved > 0 && <span className="text-red-800 dark:text-red-300">{words(wordsRemoved)} removed</span>}
    </span>
  );
}
