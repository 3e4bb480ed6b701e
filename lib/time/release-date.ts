import { DateTime } from "luxon";
import { calendarDateOf } from "@/lib/format/dates";

/** What a release's dates are made from: its own calendar date, if it has one, and when it went live. */
export type DatedRelease = { releaseDate: string | null; publishedAt: string | Date };

/** An instant and the UTC offset (minutes east) it is written in. */
export type ZonedMoment = { instant: Date; offsetMinutes: number };

/**
 * The day a release goes by in lists, the archive and feeds: its release date when it has one (an
 * office back-filling its 2019 archive sees 2019), otherwise the day it was published in the
 * organisation's zone. publications.effective_date is the same rule computed by the database.
 */
export function effectiveDate(release: DatedRelease, timeZone: string): string {
  return release.releaseDate ?? calendarDateOf(release.publishedAt, timeZone);
}

/**
 * When a release counts as published in feeds and structured data: the publication instant when that
 * falls on the release date in the organisation's zone (or the release has no date), otherwise the
 * start of the release date in that zone. Either way written with the zone's offset at that instant.
 */
export function publicationMoment(release: DatedRelease, timeZone: string): ZonedMoment {
  const published = DateTime.fromJSDate(new Date(release.publishedAt), { zone: timeZone });
  if (!published.isValid) throw new RangeError(`Not an instant in ${timeZone}: ${String(release.publishedAt)}`);
  if (release.releaseDate === null || published.toISODate() === release.releaseDate) {
    return { instant: published.toJSDate(), offsetMinutes: published.offset };
  }
  // startOf("day") rather than 00:00: where the clocks skip midnight the day starts at 01:00.
  const start = DateTime.fromISO(release.releaseDate, { zone: timeZone }).startOf("day");
  if (!start.isValid) throw new RangeError(`Not a calendar date in ${timeZone}: ${release.releaseDate}`);
  return { instant: start.toJSDate(), offsetMinutes: start.offset };
}

/** `publicationMoment` as RFC 3339 text (JSON-LD, OpenGraph, the news sitemap). */
export function publicationDateText(release: DatedRelease, timeZone: string): string {
  const moment = publicationMoment(release, timeZone);
  return isoWithOffset(moment.instant, moment.offsetMinutes);
}

/** RFC 3339 with milliseconds in the given offset: "2019-02-26T00:00:00.000-05:00", and "…Z" for UTC. */
export function isoWithOffset(instant: Date, offsetMinutes: number): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError("Dates must be valid dates");
  if (offsetMinutes === 0) return instant.toISOString();
  const local = new Date(instant.getTime() + offsetMinutes * 60_000).toISOString().slice(0, -1);
  return `${local}${offsetText(offsetMinutes, ":")}`;
}

/** "+05:30" (or "+0530" with no separator) for 330 minutes east of UTC. */
export function offsetText(offsetMinutes: number, separator: "" | ":"): string {
  const sign = offsetMinutes < 0 ? "-" : "+";
  const minutes = Math.abs(offsetMinutes);
  return `${sign}${String(Math.floor(minutes / 60)).padStart(2, "0")}${separator}${String(minutes % 60).padStart(2, "0")}`;
}
