import { setProcessDatabase } from "@/db/client";
import { connect, DatabaseUnreachableError, type DatabaseHandle } from "@/db/connect";
import { PgliteFolderBusyError } from "@/db/pglite-lock";
import { env } from "@/env";

/**
 * Opens the app's database for a command-line tool: refuses a PGlite folder a running server holds
 * (two processes on one folder silently lose writes) and names an unreachable server clearly.
 */
export async function openCliDatabase(): Promise<DatabaseHandle> {
  try {
    const handle = await connect({ url: env.DATABASE_URL, pgliteDir: env.pgliteDir, max: 2 });
    setProcessDatabase(handle);
    return handle;
  } catch (error) {
    if (error instanceof PgliteFolderBusyError || error instanceof DatabaseUnreachableError) fail(error.message);
    throw error;
  }
}

export function fail(message: string): never {
  console.error(`error: ${message}`);
  process.exit(1);
}

/** Runs a CLI body with a clear message instead of a stack trace for the errors we expect. */
export async function runCli(body: () => Promise<void>) {
  try {
    await body();
    process.exit(0);
  } catch (error) {
    if (error instanceof PgliteFolderBusyError || error instanceof DatabaseUnreachableError) fail(error.message);
    if (error instanceof Error && error.name === "AppError") fail(error.message);
    console.error(error);
    process.exit(1);
  }
}
