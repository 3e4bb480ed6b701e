import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * PGlite lets two processes open one folder without complaint and then silently loses writes, so every
 * process that opens a folder records its pid beside it, and refuses a folder held by a live process.
 */
export class PgliteFolderBusyError extends Error {
  constructor(
    readonly folder: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database at ${folder} is in use by another process (pid ${pid}), probably a running Pressroom server. ` +
        `Stop it first, or run this command against a Postgres server with DATABASE_URL.`,
    );
    this.name = "PgliteFolderBusyError";
  }
}

function lockFile(folder: string) {
  return `${folder.replace(/\/+$/, "")}.lock`;
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function holderOf(folder: string): number | null {
  const file = lockFile(folder);
  if (!existsSync(file)) return null;
  const pid = Number.parseInt(readFileSync(file, "utf8"), 10);
  if (!Number.isInteger(pid) || pid === process.pid || !isAlive(pid)) return null;
  return pid;
}

export function acquirePgliteFolder(folder: string): () => void {
  const holder = holderOf(folder);
  if (holder !== null) throw new PgliteFolderBusyError(folder, holder);
  mkdirSync(path.dirname(folder), { recursive: true });
  const file = lockFile(folder);
  writeFileSync(file, String(process.pid));
  const release = () => {
    try {
      if (existsSync(file) && readFileSync(file, "utf8") === String(process.pid)) rmSync(file);
    } catch {
      // the lock is advisory; a leftover file of a dead pid is ignored by the next opener
    }
  };
  process.once("exit", release);
  return release;
}
