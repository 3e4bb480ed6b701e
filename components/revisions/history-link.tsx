import Link from "next/link";

/** The editor's link to a release's revision history. */
export function HistoryLink({ releaseId }: { releaseId: string }) {
  return (
    <Link href={`/desk/releases/${releaseId}/history`} className="text-sm text-slate-700 underline hover:text-slate-900 dark:text-slate-300 dark:hover:text-white">
      History
    </Link>
  );
}
