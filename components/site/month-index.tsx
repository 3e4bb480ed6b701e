import Link from "next/link";
import { monthName } from "@/lib/public/date-range";

/** The twelve months of a year with their counts; months without releases are shown but not linked. */
export function MonthIndex({ year, counts, current }: { year: number; counts: { month: number; count: number }[]; current?: number }) {
  const byMonth = new Map(counts.map((entry) => [entry.month, entry.count]));
  return (
    <nav aria-label={`Months of ${year}`} className="mt-6">
      <ol className="grid grid-cols-3 gap-2 text-sm sm:grid-cols-6">
        {Array.from({ length: 12 }, (_, index) => index + 1).map((month) => {
          const count = byMonth.get(month) ?? 0;
          const label = (
            <>
              <span className="block font-medium">{monthName(month)}</span>
              <span className="block text-xs text-slate-600 dark:text-slate-400">{count === 0 ? "—" : `${count} ${count === 1 ? "release" : "releases"}`}</span>
            </>
          );
          return (
            <li key={month}>
              {count > 0 ? (
                <Link
                  href={`/archive/${year}/${String(month).padStart(2, "0")}`}
                  aria-current={current === month ? "page" : undefined}
                  className="block rounded border border-slate-200 px-3 py-2 hover:border-slate-400 hover:bg-slate-50 aria-[current=page]:border-accent aria-[current=page]:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-900 dark:aria-[current=page]:bg-slate-900"
                >
                  {label}
                </Link>
              ) : (
                <span className="block rounded border border-dashed border-slate-200 px-3 py-2 text-slate-500 dark:border-slate-800 dark:text-slate-400">{label}</span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
