import { IANAZone } from "luxon";

/**
 * Calendar periods of the archive and the year filter, as calendar dates [from, to) ("2021-01-01" to
 * "2022-01-01"). They select by a release's effective date (its own date, or its publication day in
 * the organisation's zone, see lib/time/release-date.ts), which is already a day: no zone applies.
 */
export type DateRange = { from: string; to: string };

export const MIN_ARCHIVE_YEAR = 1900;
export const MAX_ARCHIVE_YEAR = 2200;

/** The zone if Postgres and luxon both can use it, UTC otherwise (settings are validated, but never crash). */
export function safeTimeZone(zone: string): string {
  return IANAZone.isValidZone(zone) ? zone : "UTC";
}

const day = (year: number, month: number) => `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-01`;

export function yearRange(year: number): DateRange {
  return { from: day(year, 1), to: day(year + 1, 1) };
}

export function monthRange(year: number, month: number): DateRange {
  return { from: day(year, month), to: month === 12 ? day(year + 1, 1) : day(year, month + 1) };
}

/** "2026" from an address segment or query value; null for anything that is not a plausible year. */
export function parseYear(value: unknown): number | null {
  if (typeof value !== "string" || !/^\d{4}$/.test(value)) return null;
  const year = Number(value);
  return year >= MIN_ARCHIVE_YEAR && year <= MAX_ARCHIVE_YEAR ? year : null;
}

/** "3" or "03" → 3; null for anything else. */
export function parseMonth(value: unknown): number | null {
  if (typeof value !== "string" || !/^(0?[1-9]|1[0-2])$/.test(value)) return null;
  return Number(value);
}

const MONTH_NAMES = Array.from({ length: 12 }, (_, index) =>
  new Intl.DateTimeFormat("en-GB", { month: "long", timeZone: "UTC" }).format(Date.UTC(2000, index, 1)),
);

export function monthName(month: number): string {
  return MONTH_NAMES[month - 1] ?? String(month);
}
