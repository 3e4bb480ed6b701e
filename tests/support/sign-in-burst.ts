// One "instance" of the sign-in limits test: its own process and connection pool on the test database,
// firing `count` wrong-password attempts at once for one account from one address at `startAt` (ms
// since the epoch), then printing how many were checked (401) and how many refused (429) as JSON.
// Run: node --conditions=react-server --import tsx tests/support/sign-in-burst.ts URL EMAIL COUNT START_AT
import { checkCredentials } from "@/db/auth/credentials";
import { setProcessDatabase } from "@/db/client";
import { connect } from "@/db/connect";

async function main() {
  const [url, email, count, startAt] = process.argv.slice(2);
  if (!url || !email || !count || !startAt) throw new Error("usage: sign-in-burst.ts URL EMAIL COUNT START_AT");
  const handle = await connect({ url, pgliteDir: "", max: 10 });
  setProcessDatabase(handle);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
  const results = await Promise.all(
    Array.from({ length: Number(count) }, (_, index) =>
      checkCredentials({ email, password: `wrong-${process.pid}-${index}`, address: "203.0.113.7" }),
    ),
  );
  const tally = { checked: 0, refused: 0, signedIn: 0 };
  for (const result of results) {
    if (result.ok) tally.signedIn += 1;
    else if (result.reason === "rate_limited") tally.refused += 1;
    else tally.checked += 1;
  }
  console.log(JSON.stringify(tally));
  await handle.close();
}

void main();
