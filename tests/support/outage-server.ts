import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";

/**
 * A PostgreSQL 15 cluster a test owns, so that it can stop and start it: "outage" on port 5433 (never
 * the shared server on 5432). Created once, idempotently, with Debian's cluster tools, which need root
 * (CI runs as root); every connection from this machine is trusted.
 */
export const OUTAGE_PORT = 5433;
const VERSION = "15";
const NAME = "outage";
const HBA = `/etc/postgresql/${VERSION}/${NAME}/pg_hba.conf`;

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${result.stderr || result.stdout || result.error?.message}`);
  return result.stdout;
}

/** Why this machine cannot own a Postgres server for an outage test, or null when it can. */
export function outageServerUnavailable(): string | null {
  if (!existsSync("/usr/bin/pg_createcluster") || !existsSync(`/usr/lib/postgresql/${VERSION}/bin/postgres`)) {
    return `no PostgreSQL ${VERSION} server installed (Debian: apt-get install postgresql-${VERSION}); the outage test owns a server it stops`;
  }
  if (process.getuid?.() !== 0) return "the outage test creates and stops its own PostgreSQL cluster with pg_createcluster/pg_ctlcluster, which needs root (as in CI)";
  return null;
}

function status(): "online" | "down" | "missing" {
  const line = run("pg_lsclusters", ["--no-header"])
    .split("\n")
    .find((row) => row.split(/\s+/)[0] === VERSION && row.split(/\s+/)[1] === NAME);
  if (!line) return "missing";
  return line.split(/\s+/)[3] === "online" ? "online" : "down";
}

/** Creates the cluster when it does not exist, trusts local connections, and starts it. */
export function startOutageServer() {
  if (status() === "missing") run("pg_createcluster", [VERSION, NAME, "-p", String(OUTAGE_PORT)]);
  writeFileSync(HBA, "local all all trust\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n");
  if (status() !== "online") run("pg_ctlcluster", [VERSION, NAME, "start"]);
}

/** Stops it (fast shutdown: sessions are ended, new connections refused). */
export function stopOutageServer() {
  if (status() === "online") run("pg_ctlcluster", [VERSION, NAME, "stop", "-m", "fast"]);
}

export const outageServerUrl = (database: string) => `postgres://postgres@127.0.0.1:${OUTAGE_PORT}/${database}`;
