import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { assertCan, requireViewer, type Viewer } from "@/db/viewer";
import type { Permission } from "@/lib/access/permissions";
import { cleanInput } from "@/lib/actions/clean-input";
import { formFields } from "@/lib/actions/form-fields";
import { parseInput } from "@/lib/actions/parse-input";
import { failure } from "@/lib/actions/result";
import type { ActionResult } from "@/lib/errors";

type Options = {
  /** Refused before the input is even read (the db/ function checks again). */
  permission?: Permission;
  /** The password page's own action runs while a one-time password waits to be changed. */
  allowPendingPasswordChange?: boolean;
};

type Handler<S extends z.ZodType, T> = (viewer: Viewer, input: z.output<S>) => Promise<T>;

async function perform<S extends z.ZodType, T>(schema: S, read: () => unknown, handler: Handler<S, T>, options: Options): Promise<ActionResult<T>> {
  try {
    const viewer = await requireViewer({ allowPendingPasswordChange: options.allowPendingPasswordChange === true });
    if (options.permission) assertCan(viewer, options.permission);
    const value = await handler(viewer, parseInput(schema, read()));
    return { ok: true, value } as ActionResult<T>;
  } catch (error) {
    unstable_rethrow(error); // redirect() and notFound() are Next's to handle, not failures.
    return failure(error);
  }
}

/**
 * A staff server action: the viewer as the database has them now, then the input (an object, or a
 * form's fields) cleaned and parsed by a strict schema, then the handler; expected failures come back
 * as typed results, anything else is logged and answered generically. The handler may redirect().
 */
export function staffAction<S extends z.ZodType, T = undefined>(schema: S, handler: Handler<S, T>, options: Options = {}) {
  return async (input: z.input<S> | FormData): Promise<ActionResult<T>> =>
    perform(schema, () => (input instanceof FormData ? formFields(input) : cleanInput(input)), handler, options);
}

/** The same for a form posted through useActionState: (previous state, form data). */
export function staffFormAction<S extends z.ZodType, T = undefined>(schema: S, handler: Handler<S, T>, options: Options = {}) {
  return async (_previous: ActionResult<T> | null, form: FormData): Promise<ActionResult<T>> => perform(schema, () => formFields(form), handler, options);
}
