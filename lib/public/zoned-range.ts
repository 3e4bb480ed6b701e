import { DateTime, IANAZone } from "luxon";

/**
 * Calendar periods in the organisation's time zone, as UTC instants [from, to): a release published at
 * 23:30 on 31 January in New York belongs to January there, although it is February in UTC.
 */
export type InstantRange = { from: string; to: string };

export const MIN_ARCHIVE_YEAR = 1900;
export const MAX_ARCHIVE_YEAR = 2200;

/** The zone if Postgres and luxon both can use it, UTC otherwise (settings are validated, but never crash). */
export function safeTimeZone(zone: string): string {
  return IANAZone.isValidZone(zone) ? zone : "UTC";
}

export function yearRange(year: number, timeZone: string): InstantRange {
  const start = DateTime.fromObject({ year, month: 1, day: 1 }, { zone: safeTimeZone(timeZone) });
  return { from: start.toUTC().toISO()!, to: start.plus({ years: 1 }).toUTC().toISO()! };
}

export function monthRange(year: number, month: number, timeZone: string): InstantRange {
  const start = DateTime.fromObject({ year, month, day: 1 }, { zone: safeTimeZone(timeZone) });
  return { from: start.toUTC().toISO()!, to: start.plus({ months: 1 }).toUTC().toISO()! };
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
