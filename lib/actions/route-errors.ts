import { ERROR_STATUS } from "@/lib/errors";
import { failure } from "./result";

/** The JSON error answer of a route handler, with the status its error code maps to. */
export function errorResponse(error: unknown): Response {
  const result = failure(error);
  return Response.json({ error: result.message, code: result.code }, { status: ERROR_STATUS[result.code] ?? 500 });
}
