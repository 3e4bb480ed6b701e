import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const SOURCES = ["app", "components", "lib", "db", "public", "auth.ts", "env.ts", "proxy.ts", "instrumentation.ts", "next.config.ts", "package-lock.json", "postcss.config.mjs", "tsconfig.json"];

/** A hash of everything a production build depends on, so `npm start` rebuilds only when it changed. */
export function sourceFingerprint(root = process.cwd()): string {
  const hash = createHash("sha256");
  const visit = (relative: string) => {
    const absolute = path.join(root, relative);
    if (!existsSync(absolute)) return;
    const stat = statSync(absolute);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(absolute).sort()) {
        if (entry === "node_modules" || entry.startsWith(".")) continue;
        visit(path.join(relative, entry));
      }
      return;
    }
    if (relative.endsWith(".test.ts")) return;
    hash.update(relative).update("\0").update(readFileSync(absolute)).update("\0");
  };
  for (const source of SOURCES) visit(source);
  return hash.digest("hex");
}

export const FINGERPRINT_FILE = path.join(".next", "pressroom-fingerprint");

/** Runs `next build` and records the fingerprint it was built from. */
export function buildNow(): boolean {
  const fingerprint = sourceFingerprint();
  const result = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) return false;
  writeFileSync(FINGERPRINT_FILE, fingerprint);
  return true;
}

/** Builds only when no build exists or the sources changed since the last one. */
export function buildIfNeeded(): boolean {
  const built = existsSync(".next/BUILD_ID") && existsSync(FINGERPRINT_FILE) && readFileSync(FINGERPRINT_FILE, "utf8") === sourceFingerprint();
  if (built) return true;
  console.log("Building Pressroom (first start or changed sources)…");
  return buildNow();
}
