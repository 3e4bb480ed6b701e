/**
 * Two kinds of date, never mixed up. A calendar date ("2019-02-26": a release date) names a day and
 * has no zone, so it is formatted from its own year, month and day. An instant (a publication,
 * correction or retraction) falls on a day only in some zone: the organisation's.
 */

import { dateTimeFormat } from "./intl-cache";

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "26 February 2019" for "2019-02-26", whatever zone the organisation or the machine is in. */
export function formatCalendarDate(date: string, locale = "en-GB"): string {
  const match = CALENDAR_DATE.exec(date);
  if (!match) throw new RangeError(`Not a calendar date: ${date}`);
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const utc = new Date(Date.UTC(2000, month - 1, day));
  // Date.UTC reads years 0–99 as 1900–1999; the year is set on its own.
  utc.setUTCFullYear(year);
  if (utc.getUTCFullYear() !== year || utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day) {
    throw new RangeError(`Not a calendar date: ${date}`);
  }
  return dateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(utc);
}

/** "3 March 2026": the day an instant falls on in the organisation's time zone. */
export function formatInstantDate(instant: string | Date, timeZone: string, locale = "en-GB"): string {
  return dateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone }).format(validInstant(instant));
}

/** "2026-03-03": the calendar date an instant falls on in the zone. */
export function calendarDateOf(instant: string | Date, timeZone: string): string {
  const parts = dateTimeFormat("en-US", { year: "numeric", month: "2-digit", day: "2-digit", timeZone }).formatToParts(validInstant(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((entry) => entry.type === type)?.value ?? "";
  return `${part("year").padStart(4, "0")}-${part("month")}-${part("day")}`;
}

/** A date-only string is a calendar date: read as an instant it would move to the previous day west of UTC. */
function validInstant(instant: string | Date): Date {
  if (typeof instant === "string" && CALENDAR_DATE.test(instant)) throw new RangeError(`A calendar date is not an instant: ${instant}`);
  const value = new Date(instant);
  if (Number.isNaN(value.getTime())) throw new RangeError(`Not an instant: ${String(instant)}`);
  return value;
}
