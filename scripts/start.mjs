// `npm start`: one resident process. Migrating, seeding and building happen in a short-lived child
// (scripts/prepare.ts: it needs TypeScript, the react-server conditions and, for the build, a lot of
// memory); when it has finished, this process becomes the production server by importing
// scripts/server.mjs (Node 20 has no process.execve), so nothing else stays resident beside it.
import { spawn } from "node:child_process";

/** Runs scripts/prepare.ts; resolves with its exit code. A signal meanwhile goes to it. */
function prepare() {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/prepare.ts"], { stdio: "inherit" });
    /** @param {NodeJS.Signals} signal */
    const forward = (signal) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

const code = await prepare();
if (code !== 0) process.exit(code);
Object.assign(process.env, { NODE_ENV: "production" });
await import("./server.mjs");
