import Link from "next/link";
import type { AuditTrailEntry } from "@/db/audit/audit-entry";
import { formatInZone } from "@/lib/time/zoned";
import { RELEASE_STATUSES, STATUS_LABELS, type ReleaseStatus } from "@/lib/workflow/states";
import { ScrollingTable } from "@/components/ui/scrolling-table";

/** "share_link_used" → "Share link used". */
export function auditActionLabel(action: string): string {
  const words = action.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function stateLabel(state: string | null): string | null {
  if (state === null) return null;
  return (RELEASE_STATUSES as readonly string[]).includes(state) ? STATUS_LABELS[state as ReleaseStatus] : state;
}

function actorOf(entry: AuditTrailEntry): string {
  return entry.actorName ?? entry.actorEmail ?? "System";
}

function detailText(detail: Record<string, unknown>): string | null {
  const parts = Object.entries(detail)
    .filter(([, value]) => value !== null && value !== undefined && value !== "")
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
  return parts.length > 0 ? parts.join("; ") : null;
}

/**
 * Audit rows as a table: time in the organisation's zone (named), who, what, the state change, the
 * revision and the comment. `siteWide` adds the release, the person acted on, details and the address.
 */
export function AuditTrailTable({
  entries,
  timeZone,
  caption,
  siteWide = false,
}: {
  entries: AuditTrailEntry[];
  timeZone: string;
  caption: string;
  siteWide?: boolean;
}) {
  return (
    <ScrollingTable boxClassName="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-950" data-testid="audit-trail">
      <caption className="sr-only">{caption}</caption>
      <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-400">
        <tr>
          <th scope="col" className="px-3 py-2">Time ({timeZone})</th>
          <th scope="col" className="px-3 py-2">Who</th>
          <th scope="col" className="px-3 py-2">Action</th>
          {siteWide && <th scope="col" className="px-3 py-2">Release or person</th>}
          <th scope="col" className="px-3 py-2">From → to</th>
          <th scope="col" className="px-3 py-2">Revision</th>
          <th scope="col" className="px-3 py-2">Comment</th>
          {siteWide && <th scope="col" className="px-3 py-2">Details</th>}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
        {entries.map((entry) => {
          const from = stateLabel(entry.fromState);
          const to = stateLabel(entry.toState);
          const details = siteWide ? [detailText(entry.detail), entry.address ? `address: ${entry.address}` : null].filter(Boolean).join("; ") : "";
          return (
            <tr key={entry.id} data-testid="audit-row" className="align-top">
              <td className="whitespace-nowrap px-3 py-2">
                <time dateTime={entry.at.toISOString()}>{formatInZone(entry.at, timeZone)}</time>
              </td>
              <td className="px-3 py-2">{actorOf(entry)}</td>
              <th scope="row" className="px-3 py-2 font-medium">{auditActionLabel(entry.action)}</th>
              {siteWide && (
                <td className="px-3 py-2">
                  {entry.releaseId ? (
                    <Link href={`/desk/releases/${entry.releaseId}/history`} className="hover:underline">
                      {entry.releaseHeadline ?? "A deleted release"}
                    </Link>
                  ) : (
                    (entry.subjectName ?? "")
                  )}
                </td>
              )}
              <td className="whitespace-nowrap px-3 py-2">{from || to ? `${from ?? "—"} → ${to ?? "—"}` : ""}</td>
              <td className="px-3 py-2">{entry.revisionNumber ?? ""}</td>
              <td className="max-w-xs px-3 py-2 whitespace-pre-line">{entry.comment ?? ""}</td>
              {siteWide && <td className="max-w-xs px-3 py-2 break-all text-xs text-slate-600 dark:text-slate-400">{details}</td>}
            </tr>
          );
        })}
      </tbody>
    </ScrollingTable>
  );
}
