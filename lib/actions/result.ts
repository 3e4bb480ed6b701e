import { ZodError } from "zod";
import { AppError, type ActionResult } from "@/lib/errors";

/** Expected failures become typed results for the UI; anything else is logged and shown generically. */
export function failure(error: unknown): Extract<ActionResult, { ok: false }> {
  if (error instanceof AppError) {
    const fieldErrors = error.details?.fieldErrors as Record<string, string[]> | undefined;
    return { ok: false, code: error.code, message: error.message, fieldErrors, details: error.details };
  }
  if (error instanceof ZodError) {
    return { ok: false, code: "invalid", message: error.issues[0]?.message ?? "That request is not valid." };
  }
  console.error(error);
  return { ok: false, code: "unavailable", message: "Something went wrong on our side; nothing was changed. Try again." };
}
