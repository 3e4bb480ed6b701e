import { afterAll, beforeAll, describe, expect } from "vitest";

/**
 * Zones the process itself runs in for date tests, so code that builds dates in the machine's local
 * zone (new Date(y, m, d), getDate(), a date-only string read as local) cannot pass by running at UTC.
 */
export const PROCESS_ZONES = ["America/New_York", "Asia/Tokyo", "Pacific/Kiritimati", "UTC"] as const;

/** Offset (minutes east of UTC) of the zone on 26 February 2019, to check the switch took effect. */
const FEBRUARY_OFFSET: Record<(typeof PROCESS_ZONES)[number], number> = {
  "America/New_York": -300,
  "Asia/Tokyo": 540,
  "Pacific/Kiritimati": 840,
  UTC: 0,
};

/**
 * Runs `suite` once per process zone. Node re-reads TZ when process.env.TZ is assigned, so every Date
 * made inside the suite is local to that zone; the previous zone comes back afterwards.
 */
export function describeInProcessZones(name: string, suite: (zone: string) => void) {
  describe.each(PROCESS_ZONES)(`${name} (process TZ=%s)`, (zone) => {
    let previous: string | undefined;
    beforeAll(() => {
      previous = process.env.TZ;
      process.env.TZ = zone;
      expect(0 - new Date(2019, 1, 26, 12).getTimezoneOffset(), "the process zone switched").toBe(FEBRUARY_OFFSET[zone]);
    });
    afterAll(() => {
      if (previous === undefined) delete process.env.TZ;
      else process.env.TZ = previous;
    });
    suite(zone);
  });
}
