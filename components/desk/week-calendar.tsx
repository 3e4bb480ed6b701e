import Link from "next/link";
import clsx from "clsx";
import type { DeskRelease } from "@/db/releases/queries";
import { STATUS_LABELS } from "@/lib/workflow/states";
import { timeInZone, type DeskWeek } from "./desk-week";
import { ScrollingTable } from "@/components/ui/scrolling-table";

/**
 * Scheduled and embargoed releases on the days of one week (Monday to Sunday in the organisation's
 * zone): a table with a column per day, each release at its time. Plain links page the weeks, so it
 * works without JavaScript.
 */
export function WeekCalendar({ week, releases, timeZone }: { week: DeskWeek; releases: DeskRelease[]; timeZone: string }) {
  const byDay = week.days.map((day) =>
    releases.filter((release) => release.dueAt && release.dueAt.getTime() >= day.start.getTime() && release.dueAt.getTime() < day.end.getTime()),
  );
  return (
    <section aria-labelledby="week-heading" data-testid="week-calendar" className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-950">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
        <h2 id="week-heading" className="text-sm font-semibold">
          Week of {week.label} <span className="font-normal text-slate-500">({timeZone})</span>
        </h2>
        <nav aria-label="Weeks" className="flex gap-4 text-sm">
          <Link href={`/desk?week=${week.previous}#week-heading`} className="hover:underline">
            ← Previous week
          </Link>
          <Link href="/desk#week-heading" className="hover:underline">
            This week
          </Link>
          <Link href={`/desk?week=${week.next}#week-heading`} className="hover:underline">
            Next week →
          </Link>
        </nav>
      </div>
      <ScrollingTable className="table-fixed">
        <caption className="sr-only">
          Scheduled and embargoed releases, {week.label}, times in {timeZone}
        </caption>
        <thead>
          <tr>
            {week.days.map((day) => (
              <th
                key={day.date}
                scope="col"
                className={clsx("w-1/7 border-b border-slate-200 px-2 py-2 text-xs font-semibold dark:border-slate-800", day.isToday && "bg-sky-50 dark:bg-sky-950")}
              >
                <time dateTime={day.date}>{day.label}</time>
                {day.isToday && <span className="block font-normal text-slate-600 dark:text-slate-300">Today</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr className="align-top">
            {week.days.map((day, index) => (
              <td key={day.date} className={clsx("border-r border-slate-100 px-2 py-2 last:border-r-0 dark:border-slate-800", day.isToday && "bg-sky-50/50 dark:bg-sky-950/40")}>
                {byDay[index]!.length === 0 ? (
                  <span className="sr-only">Nothing on {day.label}</span>
                ) : (
                  <ul className="space-y-2" aria-label={day.label}>
                    {byDay[index]!.map((release) => (
                      <li key={release.id} data-testid="calendar-entry">
                        <time dateTime={release.dueAt!.toISOString()} className="block text-xs text-slate-600 dark:text-slate-400">
                          {timeInZone(release.dueAt!, timeZone)} · {STATUS_LABELS[release.status]}
                        </time>
                        <Link href={`/desk/releases/${release.id}`} className="break-words font-medium hover:underline">
                          {release.headline}
                        </Link>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            ))}
          </tr>
        </tbody>
      </ScrollingTable>
    </section>
  );
}
