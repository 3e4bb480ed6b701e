import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors";
import type { DatabaseHandle } from "@/db/connect";

/**
 * Helpers for the role matrix (tests/integration/role-matrix.test.ts): what a call answered, normalised
 * across server actions and route handlers, and a snapshot of every table a mutation can touch.
 */

/** "ok", an error code of lib/errors.ts, or "bad_request" (a route's 400 for a body that is not JSON at all). */
export type Expect = "ok" | ErrorCode | "bad_request";

export const EXPECTED_STATUS: Record<Exclude<Expect, "ok">, number> = { ...ERROR_STATUS, bad_request: 400 };

export type Outcome = {
  code: Expect;
  /** HTTP status for route handlers; for actions the status their error code maps to (200 ok, 303 redirect). */
  status: number;
  message?: string;
  redirect?: string;
  value?: unknown;
};

const CODE_OF_STATUS = new Map<number, Expect>(Object.entries(EXPECTED_STATUS).map(([code, status]) => [status, code as Expect]));

/** Runs a server action: a typed result, a redirect Next throws, or (for void actions) nothing. */
export async function actionOutcome(run: () => Promise<unknown>): Promise<Outcome> {
  let result: unknown;
  try {
    result = await run();
  } catch (error) {
    const digest = (error as { digest?: unknown } | null)?.digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT;")) {
      return { code: "ok", status: 303, redirect: digest.split(";")[2] };
    }
    if (typeof digest === "string" && digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;404")) return { code: "not_found", status: 404 };
    throw error;
  }
  if (result && typeof result === "object" && "ok" in result) {
    const typed = result as { ok: boolean; code?: ErrorCode; message?: string; value?: unknown };
    if (typed.ok) return { code: "ok", status: 200, value: typed.value };
    return { code: typed.code!, status: ERROR_STATUS[typed.code!], message: typed.message };
  }
  return { code: "ok", status: 200, value: result };
}

/** A route handler's answer: its status, and the error code its JSON body names (or the status implies). */
export async function responseOutcome(response: Response): Promise<Outcome> {
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  if (response.status < 300) return { code: "ok", status: response.status, value: body };
  const named = (body as { code?: unknown } | null)?.code;
  const code = typeof named === "string" ? (named as Expect) : (CODE_OF_STATUS.get(response.status) ?? ("unavailable" as const));
  return { code, status: response.status, message: (body as { error?: string } | null)?.error };
}

export function formData(fields: Record<string, string | Blob | undefined>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) form.append(key, value);
  return form;
}

export type Snapshot = Record<string, unknown>;

/**
 * Every table a desk mutation can write, in one statement: whole rows where a field could change, counts
 * and the newest id where rows are only appended. Sign-in failures are left out (a refused sign-in counts one).
 */
export async function snapshotDatabase(database: DatabaseHandle): Promise<Snapshot> {
  const rows = (table: string, order: string, columns = "t") =>
    `(select coalesce(jsonb_agg(to_jsonb(${columns}) order by ${order}), '[]'::jsonb) from ${table} t)`;
  const [row] = await database.rows<Snapshot>(
    sql.raw(`select
      ${rows("releases", "t::text")} as releases,
      ${rows("release_revisions", "t.id", "jsonb_build_object('id', t.id, 'release', t.release_id, 'author', t.author_id, 'hash', t.content_hash, 'updated', t.updated_at)")} as revisions,
      ${rows("release_slugs", "t::text")} as slugs,
      ${rows("publications", "t::text")} as publications,
      ${rows("users", "t::text")} as users,
      ${rows("settings", "t::text")} as settings,
      ${rows("topics", "t::text")} as topics,
      ${rows("release_types", "t::text")} as types,
      ${rows("share_links", "t::text")} as share_links,
      ${rows("release_comments", "t.id", "jsonb_build_object('id', t.id, 'release', t.release_id)")} as comments,
      ${rows("notifications", "t.id", "jsonb_build_object('id', t.id, 'read', t.read_at)")} as notifications,
      ${rows("release_presence", "t::text")} as presence,
      ${rows("jobs", "t.id", "jsonb_build_object('id', t.id, 'state', t.state, 'attempts', t.attempts, 'run', t.run_at)")} as jobs,
      (select count(*)::int from media) as media,
      (select count(*)::int from audit_log) as audit_rows,
      (select coalesce(max(id), 0)::text from audit_log) as audit_last`),
  );
  return row!;
}

/** Source files under `root` (relative to the project), recursively. */
export function sourceFiles(root: string, projectDir: string): string[] {
  const found: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(projectDir, relative))) {
      const child = path.join(relative, entry);
      if (statSync(path.join(projectDir, child)).isDirectory()) walk(child);
      else if (/\.(ts|tsx)$/.test(entry) && !/\.test\.tsx?$/.test(entry)) found.push(child.split(path.sep).join("/"));
    }
  };
  walk(root);
  return found.sort();
}

/** Files whose first statement is the "use server" directive: every export is a server action. */
export function serverActionModules(projectDir: string): string[] {
  return sourceFiles("app", projectDir).filter((file) => /^\s*(?:\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*["']use server["']/.test(readFileSync(path.join(projectDir, file), "utf8")));
}

const MUTATING = ["POST", "PUT", "PATCH", "DELETE"] as const;

/** "POST app/api/…/route.ts" for every mutating method a route handler module exports. */
export function mutatingRouteHandlers(projectDir: string): string[] {
  const handlers: string[] = [];
  for (const file of sourceFiles("app", projectDir).filter((name) => /(^|\/)route\.tsx?$/.test(name))) {
    const source = readFileSync(path.join(projectDir, file), "utf8");
    const exported = new Set<string>();
    for (const match of source.matchAll(/export\s+(?:async\s+)?(?:function|const|let)\s+([A-Z]+)\b/g)) exported.add(match[1]!);
    for (const match of source.matchAll(/export\s+const\s*\{([^}]*)\}/g)) {
      for (const name of match[1]!.split(",")) exported.add(name.split(":").pop()!.trim());
    }
    for (const match of source.matchAll(/export\s*\{([^}]*)\}/g)) {
      for (const name of match[1]!.split(",")) exported.add(name.split(/\s+as\s+/).pop()!.trim());
    }
    for (const method of MUTATING) if (exported.has(method)) handlers.push(`${method} ${file}`);
  }
  return handlers.sort();
}
