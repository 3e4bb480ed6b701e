import { z } from "zod";
import { discardJobAs, readJobsOverview, retryJobAs } from "@/db/jobs/manage";
import { CLI_ACTOR } from "@/db/staff/actor";
import { jobKindLabel } from "@/lib/jobs/kinds";
import { JOB_STATES, VISIBLE_STATES } from "@/lib/jobs/states";
import { parseCliCommand } from "./cli-command";
import { openCliDatabase, runCli } from "./cli-database";

const USAGE = `Usage: npm run jobs -- <command> [options]

Commands:
  list [--state queued|running|failed|dead|done] [--kind K]
                        Counts by kind (queued, running, failed, dead) with the last error, then the
                        jobs themselves, dead and failed first (at most 100).
  retry --id ID         Run a failed or dead job again now, with its attempts counted afresh.
  discard --id ID       Remove a queued, failed or dead job: it will never run.

Retries and discards are written to the audit log as the actor "cli".`;

const id = z.uuid("--id must be a job id (as list shows it).");
const commandInput = z.discriminatedUnion("command", [
  z.strictObject({ command: z.literal("list"), state: z.enum(JOB_STATES, `--state must be one of: ${JOB_STATES.join(", ")}.`).optional(), kind: z.string().min(1).max(100).optional() }),
  z.strictObject({ command: z.literal("retry"), id: z.string("--id is required.").pipe(id) }),
  z.strictObject({ command: z.literal("discard"), id: z.string("--id is required.").pipe(id) }),
]);
const OPTIONS = { id: { type: "string" }, state: { type: "string" }, kind: { type: "string" } } as const;

const iso = (instant: Date | null) => (instant ? instant.toISOString() : "-");

const command = parseCliCommand(process.argv.slice(2), { usage: USAGE, options: OPTIONS, schema: commandInput });

void runCli(async () => {
  const handle = await openCliDatabase();
  try {
    switch (command.command) {
      case "list": {
        const { kinds, jobs } = await readJobsOverview(handle.db, { state: command.state, kind: command.kind });
        if (kinds.length === 0) console.log("No jobs queued, running, failed or dead.");
        for (const entry of kinds) {
          const counts = VISIBLE_STATES.map((state) => `${state} ${entry.counts[state as keyof typeof entry.counts]}`).join(", ");
          console.log(`${entry.kind} (${jobKindLabel(entry.kind)}): ${counts}${entry.lastError ? `\n  last error ${iso(entry.lastErrorAt)}: ${entry.lastError}` : ""}`);
        }
        if (jobs.length > 0) console.log("");
        for (const job of jobs) {
          console.log(`${job.id}\t${job.kind}\t${job.state}\tattempt ${job.attempts}/${job.maxAttempts}\tnext ${job.state === "queued" || job.state === "failed" ? iso(job.runAt) : "-"}\t${job.deadReason ?? job.lastError ?? ""}`);
        }
        break;
      }
      case "retry": {
        const job = await retryJobAs(handle.db, CLI_ACTOR, command.id);
        console.log(`Queued ${job.kind} job ${job.id} to run again now.`);
        break;
      }
      case "discard": {
        const job = await discardJobAs(handle.db, CLI_ACTOR, command.id);
        console.log(`Discarded ${job.kind} job ${job.id} (it was ${job.state}).`);
        break;
      }
    }
  } finally {
    await handle.close();
  }
});
