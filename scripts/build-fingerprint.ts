import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
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
