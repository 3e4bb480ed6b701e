import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";

/** Helpers the benchmarks share: the production server as a child process, and its cost from /proc. */

const CLOCK_TICKS = Number(spawnSync("getconf", ["CLK_TCK"]).stdout.toString().trim() || 100);

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS; // utime + stime
}

/** CPU seconds of each process, skipping those that have exited. */
export function cpuOf(pids: Iterable<number>): Map<number, number> {
  const seconds = new Map<number, number>();
  for (const pid of pids) {
    try {
      seconds.set(pid, cpuSeconds(pid));
    } catch {
      // gone
    }
  }
  return seconds;
}

/** CPU seconds used between two readings of cpuOf (a process first seen in `after` counts from zero). */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}

/** Resident memory of a process in MB, from /proc/<pid>/status. */
export function rssMegabytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((entry) => entry.startsWith("VmRSS:"));
  return Number(/(\d+)/.exec(line ?? "")?.[1] ?? NaN) / 1024;
}

/** The 1-, 5- and 15-minute load averages of the machine, as printed beside the figures. */
export function loadAverage(): string {
  return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
}

export function waitForOutput(child: ChildProcess, text: string, what: string) {
  let output = "";
  return new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(text)) resolve();
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => reject(new Error(`${what} exited with ${code}:\n${output}`)));
  });
}

export async function stop(child: ChildProcess | undefined) {
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.on("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/**
 * The V8 heap limit `npm start` runs the server with (package.json): measured as deployed. Without it V8
 * lets the heap grow towards its default of several gigabytes before collecting hard, and the server sat
 * at 436 MB after the soak with about 70 MB of it live.
 */
const SERVER_HEAP_FLAGS = (JSON.parse(readFileSync("package.json", "utf8")).scripts.start as string).match(/--max-old-space-size=\d+/g) ?? [];

/**
 * Starts the production server (scripts/server.mjs) with `env` on top of the benchmark's own; resolves
 * once it serves. `SERVER_PROF=<dir>` has each server write a V8 CPU profile there when it stops
 * (Node refuses --cpu-prof in NODE_OPTIONS).
 */
export async function startServer(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const profile = process.env.SERVER_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.SERVER_PROF}`] : [];
  const app = spawn(process.execPath, [...SERVER_HEAP_FLAGS, ...profile, "scripts/server.mjs"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      SITE_URL: `http://localhost:${port}`,
      SCHEDULER_INTERVAL_MS: "0",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  await waitForOutput(app, "Pressroom is serving", "the app");
  return app;
}
