import { parseArgs, type ParseArgsConfig } from "node:util";
import type { z } from "zod";

type CommandSchema = z.ZodDiscriminatedUnion<z.ZodObject<{ command: z.ZodLiteral<string> }>[], "command">;

/**
 * The operator CLIs' one way to read `<command> [--option value]…`: parseArgs for the flags, then the
 * command's strict zod object, so a typo, a missing value or an option the command does not take
 * exits 2 with the message and the usage text (and `--help` prints the usage and exits 0).
 */
export function parseCliCommand<Schema extends CommandSchema>(
  argv: string[],
  { usage, options, schema }: { usage: string; options: NonNullable<ParseArgsConfig["options"]>; schema: Schema },
): z.output<Schema> {
  const usageError = (message: string): never => {
    console.error(`error: ${message}\n\n${usage}`);
    process.exit(2);
  };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...options, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error));
  }
  if (parsed.values.help) {
    console.log(usage);
    process.exit(0);
  }
  const commands: readonly string[] = schema.options.map((option) => option.shape.command.value);
  const [command, ...extra] = parsed.positionals;
  if (command === undefined) return usageError("Give a command.");
  if (!commands.includes(command)) return usageError(`Unknown command "${command}".`);
  if (extra.length > 0) return usageError(`Unexpected argument "${extra[0]}".`);
  const { help: _help, ...values } = parsed.values;
  const result = schema.safeParse({ command, ...values });
  if (!result.success) {
    const issue = result.error.issues[0];
    const unknownKeys = issue?.code === "unrecognized_keys" ? issue.keys.map((key) => `--${key}`).join(", ") : null;
    return usageError(unknownKeys ? `${command} does not take ${unknownKeys}.` : (issue?.message ?? "Invalid arguments."));
  }
  return result.data;
}
