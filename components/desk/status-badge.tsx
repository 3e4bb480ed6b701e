import clsx from "clsx";
import { STATUS_LABELS, type ReleaseStatus } from "@/lib/workflow/states";

const TONE: Record<ReleaseStatus, string> = {
  draft: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200",
  in_review: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  changes_requested: "bg-orange-100 text-orange-900 dark:bg-orange-950 dark:text-orange-200",
  approved: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
  scheduled: "bg-indigo-100 text-indigo-900 dark:bg-indigo-950 dark:text-indigo-200",
  embargoed: "bg-violet-100 text-violet-900 dark:bg-violet-950 dark:text-violet-200",
  published: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  retracted: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
  trashed: "bg-slate-200 text-slate-600 dark:bg-slate-800 dark:text-slate-400",
};

export function StatusBadge({ status }: { status: ReleaseStatus }) {
  return (
    <span data-testid="release-status" className={clsx("inline-flex rounded-full px-2.5 py-0.5 text-xs font-medium", TONE[status])}>
      {STATUS_LABELS[status]}
    </span>
  );
}
