import { DateTime } from "luxon";

export type DeskDay = { date: string; label: string; start: Date; end: Date; isToday: boolean };
export type DeskWeek = { monday: string; days: DeskDay[]; start: Date; end: Date; previous: string; next: string; label: string };

const WEEK_PARAM = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The Monday-to-Sunday week in the organisation's zone that contains `week` (YYYY-MM-DD; any day of it),
 * or the current week when it is missing or not a date. Days run midnight to midnight in that zone, so a
 * day with a clock change is 23 or 25 hours long.
 */
export function deskWeek(week: string | undefined, timeZone: string, now = new Date()): DeskWeek {
  const today = DateTime.fromJSDate(now).setZone(timeZone).startOf("day");
  const requested = week && WEEK_PARAM.test(week) ? DateTime.fromISO(week, { zone: timeZone }) : null;
  const anchor = requested?.isValid ? requested : today;
  const monday = anchor.startOf("week");
  const days = Array.from({ length: 7 }, (_, index) => {
    const day = monday.plus({ days: index });
    return {
      date: day.toISODate()!,
      label: day.toFormat("cccc d LLLL"),
      start: day.toJSDate(),
      end: day.plus({ days: 1 }).toJSDate(),
      isToday: day.hasSame(today, "day"),
    };
  });
  const sunday = monday.plus({ days: 6 });
  return {
    monday: monday.toISODate()!,
    days,
    start: days[0]!.start,
    end: days[6]!.end,
    previous: monday.minus({ weeks: 1 }).toISODate()!,
    next: monday.plus({ weeks: 1 }).toISODate()!,
    label: `${monday.toFormat("d LLLL")} – ${sunday.toFormat("d LLLL yyyy")}`,
  };
}

/** "09:30 CET": a time of day in the zone, with the zone named. */
export function timeInZone(instant: Date, timeZone: string): string {
  const value = DateTime.fromJSDate(instant).setZone(timeZone);
  return `${value.toFormat("HH:mm")} ${value.offsetNameShort ?? value.toFormat("ZZ")}`;
}
