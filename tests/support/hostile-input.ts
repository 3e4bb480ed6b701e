/**
 * Text no field can store as it was sent, and what it reads as once the boundary has cleaned it
 * (lib/actions/clean-input.ts): Postgres text refuses NUL, jsonb refuses NUL and lone surrogates.
 * tests/integration/hostile-input.test.ts sends each through every text field of every action and
 * route handler; e2e/hostile-input.spec.ts sends them, and unreadable addresses, to the real server.
 */
export const HOSTILE_TEXT = [
  { name: "a NUL", sent: "Before\u0000after", stored: "Beforeafter" },
  { name: "a lone high surrogate", sent: "Before\ud800after", stored: "Before\ufffdafter" },
  { name: "a lone low surrogate", sent: "Before\udc00after", stored: "Before\ufffdafter" },
  { name: "a reversed surrogate pair", sent: "Before\ude00\ud83dafter", stored: "Before\ufffd\ufffdafter" },
] as const;

export type HostileText = (typeof HOSTILE_TEXT)[number];

/** Request paths that cannot name anything on the site: they do not decode, or decode to control characters. */
export const HOSTILE_PATHS = ["/releases/%00", "/releases/%ff", "/releases/%C0%80", "/%00", "/desk/releases/%ff", "/topics/a%00b", "/share/%0a", "/media/%ff", "/archive/%00"] as const;
