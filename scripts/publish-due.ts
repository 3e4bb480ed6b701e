import { publishDueReleases } from "@/db/publishing/scheduler";
import { openCliDatabase, runCli } from "./cli-database";

/**
 * Publishes what is due once, as the in-process scheduler does (the running servers then show it after
 * their cache expires). PUBLISH_DUE_NOW overrides the clock, for tests.
 */
void runCli(async () => {
  const handle = await openCliDatabase();
  try {
    const now = process.env.PUBLISH_DUE_NOW ? new Date(process.env.PUBLISH_DUE_NOW) : new Date();
    const slugs = await publishDueReleases(now);
    console.log(JSON.stringify({ published: slugs.length }));
  } finally {
    await handle.close();
  }
});
