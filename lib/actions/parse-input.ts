import { z } from "zod";
import { AppError } from "@/lib/errors";

/** Parses untrusted input; a failure becomes AppError("invalid") with the first message and one per field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
  const first = parsed.error.issues[0]?.message ?? "Check the form and try again.";
  throw new AppError("invalid", first, { fieldErrors });
}
