/** "3 March 2026" in the organisation's time zone. */
export function formatLongDate(instant: string | Date, timeZone: string, locale = "en-GB"): string {
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone }).format(new Date(instant));
}
