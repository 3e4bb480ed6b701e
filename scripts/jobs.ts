import { parseArgs } from "node:util";
import { z } from "zod";
import { discardJobAs, readJobsOverview, retryJobAs } from "@/db/jobs/manage";
import { CLI_ACTOR } from "@/db/staff/actor";
import { jobKindLabel } from "@/lib/jobs/kinds";
import { JOB_STATES, VISIBLE_STATES } from "@/lib/jobs/states";
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
const COMMANDS: readonly string[] = commandInput.options.map((option) => option.shape.command.value);
const OPTIONS = { id: { type: "string" }, state: { type: "string" }, kind: { type: "string" }, help: { type: "boolean", short: "h" } } as const;

function usageError(message: string): never {
  console.error(`error: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function parseCommand(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    usageError(error instanceof Error ? error.message : String(error));
  }
  if (parsed.values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const [command, ...extra] = parsed.positionals;
  if (command === undefined) usageError("Give a command.");
  if (!COMMANDS.includes(command)) usageError(`Unknown command "${command}".`);
  if (extra.length > 0) usageError(`Unexpected argument "${extra[0]}".`);
  const { help: _help, ...options } = parsed.values;
  const result = commandInput.safeParse({ command, ...options });
  if (!result.success) {
    const issue = result.error.issues[0];
    const unknownKeys = issue?.code === "unrecognized_keys" ? issue.keys.map((key) => `--${key}`).join(", ") : null;
    usageError(unknownKeys ? `${command} does not take ${unknownKeys}.` : (issue?.message ?? "Invalid arguments."));
  }
  return result.data;
}

const iso = (instant: Date | null) => (instant ? instant.toISOString() : "-");

const command = parseCommand(process.argv.slice(2));

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
