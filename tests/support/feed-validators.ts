import { spawnSync } from "node:child_process";

/** An interpreter with Python feedparser (CI installs python3-feedparser and sets PYTHON), or null. */
export function pythonWithFeedparser(): string | null {
  for (const candidate of [process.env.PYTHON, "python3", "/usr/bin/python3"]) {
    if (candidate && spawnSync(candidate, ["-c", "import feedparser"], { stdio: "ignore" }).status === 0) return candidate;
  }
  return null;
}

/** Whether xmllint (libxml2-utils) is installed. */
export function hasXmllint(): boolean {
  return spawnSync("xmllint", ["--version"], { stdio: "ignore" }).status === 0;
}
