/**
 * One error vocabulary. A code maps to an HTTP status and to a message a person may see; anything
 * unexpected is logged and shown generically.
 */
export const ERROR_STATUS = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid: 422,
  rate_limited: 429,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export type ActionResult<T = undefined> =
  | ({ ok: true } & ([T] extends [undefined | void] ? { value?: undefined } : { value: T }))
  | { ok: false; code: ErrorCode; message: string; fieldErrors?: Record<string, string[]>; details?: Record<string, unknown> };

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
