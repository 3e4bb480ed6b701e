/** Staff accounts the end-to-end database is prepared with (scripts/e2e-prepare.ts). */
export const E2E_PASSWORD = "e2e-correct-horse-battery";

export const ACCOUNTS = {
  admin: { email: "admin@e2e.test", name: "Ada Admin", role: "admin" },
  writer: { email: "writer@e2e.test", name: "Wim Writer", role: "writer" },
  writer2: { email: "writer2@e2e.test", name: "Wanda Writer", role: "writer" },
  editor: { email: "editor@e2e.test", name: "Eli Editor", role: "editor" },
  editor2: { email: "editor2@e2e.test", name: "Edith Editor", role: "editor" },
  locked: { email: "locked@e2e.test", name: "Lou Locked", role: "writer" },
  deactivate: { email: "leaving@e2e.test", name: "Leo Leaving", role: "writer" },
  staffTarget: { email: "staff-target@e2e.test", name: "Sam Target", role: "writer" },
} as const;

/** Accounts that start with a one-time password they must change at first sign-in. */
export const ONE_TIME = { email: "newcomer@e2e.test", name: "Nia Newcomer", role: "editor", password: "e2e-one-time-password" } as const;

export type AccountName = keyof typeof ACCOUNTS;

/** Topics the end-to-end database starts with (tests that need a topic page tick one of them). */
export const E2E_TOPICS = [
  { slug: "public-health", name: "Public health" },
  { slug: "trade", name: "Trade" },
] as const;
