import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";
import { CONNECT_TIMEOUT_S, reconnectBackoffSeconds, watchDatabase } from "./database-watch";
import { acquirePgliteFolder } from "./pglite-lock";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseHandle = {
  db: Database;
  kind: "postgres" | "pglite";
  /** Rows of a raw statement, whichever driver runs it. */
  rows<T = Record<string, unknown>>(statement: Parameters<Database["execute"]>[0]): Promise<T[]>;
  close(): Promise<void>;
};

export class DatabaseUnreachableError extends Error {
  constructor(url: string, cause: unknown) {
    const where = safeLocation(url);
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`Cannot reach the Postgres server at ${where} (DATABASE_URL): ${reason}`);
    this.name = "DatabaseUnreachableError";
  }
}

function safeLocation(url: string) {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return "an unparseable address";
  }
}

/** The database is known to be down (the circuit breaker is open): nothing waited for it. */
export class DatabaseUnavailableError extends Error {
  constructor() {
    super("The database is not answering; it is probed every second and used again as soon as it answers.");
    this.name = "DatabaseUnavailableError";
  }
}

export type ConnectOptions = {
  url?: string;
  pgliteDir: string;
  max?: number;
  checkReachable?: boolean;
  /**
   * The server process's own handle: watch its connections so that a database that refuses, drops or
   * stops answering opens the circuit breaker within about two seconds (db/database-watch.ts).
   */
  failFast?: boolean;
};

/** postgres.js when a URL is given, PGlite in a folder otherwise. Never falls back from one to the other. */
export async function connect(options: ConnectOptions): Promise<DatabaseHandle> {
  if (options.url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const watch = options.failFast ? watchDatabase(options.url) : null;
    const sql = postgres(options.url, {
      max: options.max ?? 10,
      onnotice: () => {},
      connect_timeout: watch ? CONNECT_TIMEOUT_S : 10,
      idle_timeout: 60,
      backoff: reconnectBackoffSeconds,
      // postgres.js opens its connections through this when given (not in its type declarations).
      ...(watch ? ({ socket: watch.socket } as object) : {}),
    });
    if (options.checkReachable !== false) {
      try {
        await sql`select 1`;
      } catch (error) {
        await sql.end({ timeout: 1 }).catch(() => {});
        watch?.abandon();
        throw new DatabaseUnreachableError(options.url, error);
      }
    }
    const db = drizzle(sql, { schema }) as unknown as Database;
    return {
      db,
      kind: "postgres",
      rows: async <T,>(statement: Parameters<Database["execute"]>[0]) =>
        (await db.execute(statement)) as unknown as T[],
      close: async () => {
        watch?.stop();
        await sql.end({ timeout: 5 });
      },
    };
  }
  const release = acquirePgliteFolder(options.pgliteDir);
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const { drizzle } = await import("drizzle-orm/pglite");
    const client = await PGlite.create(options.pgliteDir);
    const db = drizzle(client, { schema }) as unknown as Database;
    return {
      db,
      kind: "pglite",
      rows: async <T,>(statement: Parameters<Database["execute"]>[0]) =>
        ((await db.execute(statement)) as unknown as { rows: T[] }).rows,
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
