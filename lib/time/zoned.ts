import { DateTime } from "luxon";

/**
 * Local date-times in the organisation's time zone. Schedules and embargoes are stored as UTC instants
 * but entered and shown in that zone, with the zone named. On daylight-saving days a local time can be
 * missing (clocks jump forward) or happen twice (clocks go back): the first is refused, the second
 * needs the person to choose which one they mean.
 */
export type LocalTimeResolution =
  | { ok: true; instant: Date; offset: string }
  | { ok: false; code: "invalid"; message: string }
  | { ok: false; code: "nonexistent"; message: string }
  | { ok: false; code: "ambiguous"; message: string; choices: { instant: Date; offset: string; label: string }[] };

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** `local` as from an <input type="datetime-local"> ("2026-03-29T02:30"); `offset` picks one of two ("+01:00"). */
export function resolveLocalTime(local: string, timeZone: string, offset?: string): LocalTimeResolution {
  const match = LOCAL_PATTERN.exec(local);
  if (!match) return { ok: false, code: "invalid", message: "Enter a date and a time (for example 2026-03-03 09:00)." };
  const [, year, month, day, hour, minute] = match.map(Number) as [number, number, number, number, number, number];
  const wanted = { year, month, day, hour, minute };
  const probe = DateTime.fromObject(wanted, { zone: timeZone });
  if (!probe.isValid) return { ok: false, code: "invalid", message: `That is not a valid date and time in ${timeZone}.` };

  // Every instant whose wall-clock reading in the zone equals the wanted one, found around both offsets of the day.
  const offsets = new Set([probe.offset, probe.minus({ hours: 12 }).offset, probe.plus({ hours: 12 }).offset]);
  const matches = [...offsets]
    .map((minutes) => DateTime.fromObject(wanted, { zone: `UTC${minutes >= 0 ? "+" : "-"}${formatOffset(Math.abs(minutes))}` }).setZone(timeZone))
    .filter((candidate) => candidate.year === year && candidate.month === month && candidate.day === day && candidate.hour === hour && candidate.minute === minute)
    .sort((a, b) => a.toMillis() - b.toMillis());
  const unique = matches.filter((candidate, index) => index === 0 || candidate.toMillis() !== matches[index - 1]!.toMillis());

  if (unique.length === 0) {
    return {
      ok: false,
      code: "nonexistent",
      message: `${local.replace("T", " ")} does not exist in ${timeZone}: the clocks skip that hour on that day. Choose another time.`,
    };
  }
  if (unique.length === 1) return { ok: true, instant: unique[0]!.toJSDate(), offset: unique[0]!.toFormat("ZZ") };
  const choices = unique.map((candidate) => ({
    instant: candidate.toJSDate(),
    offset: candidate.toFormat("ZZ"),
    label: `${candidate.toFormat("d LLLL yyyy, HH:mm")} ${candidate.offsetNameShort} (UTC${candidate.toFormat("ZZ")})`,
  }));
  if (offset) {
    const chosen = choices.find((choice) => choice.offset === offset);
    if (chosen) return { ok: true, instant: chosen.instant, offset: chosen.offset };
  }
  return {
    ok: false,
    code: "ambiguous",
    message: `${local.replace("T", " ")} happens twice in ${timeZone} that day (the clocks go back). Choose which one you mean.`,
    choices,
  };
}

function formatOffset(minutes: number) {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** "26 February 2019, 09:00 EST" — an instant shown in the zone, with the zone named. */
export function formatInZone(instant: Date | string, timeZone: string): string {
  const value = DateTime.fromJSDate(new Date(instant)).setZone(timeZone);
  return `${value.toFormat("d LLLL yyyy, HH:mm")} ${value.offsetNameShort ?? value.toFormat("ZZ")}`;
}

/** The local value for an <input type="datetime-local"> showing `instant` in the zone. */
export function toLocalInput(instant: Date | string, timeZone: string): string {
  return DateTime.fromJSDate(new Date(instant)).setZone(timeZone).toFormat("yyyy-LL-dd'T'HH:mm");
}
