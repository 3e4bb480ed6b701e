import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * The app's validated environment: the one place app code reads process.env.
 * Tool configs, CLIs' own flags and test harnesses read their own variables.
 */
const booleanFlag = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off", ""])
  .optional()
  .transform((value) => (value === undefined || value === "" ? undefined : ["1", "true", "yes", "on"].includes(value)));

const schema = z.object({
  DATABASE_URL: z
    .string()
    .optional()
    .transform((value) => (value ? value : undefined))
    .refine((value) => value === undefined || /^postgres(ql)?:\/\//.test(value), {
      message: "DATABASE_URL must start with postgres:// or postgresql://",
    }),
  DATA_DIR: z.string().min(1).default(".data"),
  PGLITE_DIR: z.string().optional(),
  AUTH_SECRET: z.string().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOSTNAME: z.string().default("0.0.0.0"),
  SITE_URL: z.string().optional(),
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(7 * 24 * 60).default(240),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(30 * 24).default(12),
  SEED_DEMO: booleanFlag,
  /** How often each instance looks for scheduled releases that are due; 0 turns its scheduler off. */
  SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
  /** Uploaded files on local disk (when no S3 bucket is set); default <DATA_DIR>/media. */
  MEDIA_DIR: z.string().optional().transform((value) => (value ? value : undefined)),
  /** The largest upload accepted, in bytes (default 20 MB). */
  MEDIA_MAX_BYTES: z.coerce.number().int().min(1024).max(1024 * 1024 * 1024).default(20 * 1024 * 1024),
  /** S3-compatible object storage: used instead of MEDIA_DIR when S3_BUCKET is set. */
  S3_BUCKET: z.string().optional().transform((value) => (value ? value : undefined)),
  S3_ENDPOINT: z
    .string()
    .optional()
    .transform((value) => (value ? value.replace(/\/+$/, "") : undefined))
    .refine((value) => value === undefined || /^https?:\/\/[^/]+$/.test(value), {
      message: "S3_ENDPOINT must be an http(s) origin such as https://s3.eu-west-1.amazonaws.com (the bucket goes in S3_BUCKET)",
    }),
  S3_REGION: z.string().min(1).default("us-east-1"),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** Outgoing mail for notifications, e.g. smtp://user:pass@mail.example.org:587; unset = no email. */
  SMTP_URL: z
    .string()
    .optional()
    .transform((value) => (value ? value : undefined))
    .refine((value) => value === undefined || /^smtps?:\/\//.test(value), { message: "SMTP_URL must start with smtp:// or smtps://" }),
  /** The sender of notification emails. */
  MAIL_FROM: z.string().default("Pressroom <pressroom@localhost>"),
  /** A WebSub hub (e.g. https://pubsubhubbub.appspot.com/): feeds name it and every publication change pings it. */
  WEBSUB_HUB: z
    .string()
    .optional()
    .transform((value) => (value ? value : undefined))
    .refine((value) => value === undefined || /^https?:\/\/[^\s]+$/.test(value), { message: "WEBSUB_HUB must be an http(s) URL" }),
  /** Jobs each instance's workers run at once (db/jobs/); 0 turns this instance's workers off. */
  JOBS_CONCURRENCY: z.coerce.number().int().min(0).max(100).default(4),
  /** How long a running job is held before another instance may take it back (renewed while it runs). */
  JOBS_LEASE_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(30_000),
  /** How often idle workers look for due jobs. */
  JOBS_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1_000),
  /** Notification emails sent per second, by all instances together (most SMTP services limit this). */
  MAIL_PER_SECOND: z.coerce.number().min(0.1).max(1_000).default(10),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

export type Env = z.infer<typeof schema> & {
  dataDir: string;
  pgliteDir: string;
  mediaDir: string;
  mode: "server" | "embedded";
  siteUrl: string;
};

function load(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
    throw new Error(`Invalid environment:\n${problems}`);
  }
  const value = parsed.data;
  const dataDir = path.resolve(/*turbopackIgnore: true*/ value.DATA_DIR);
  return {
    ...value,
    dataDir,
    pgliteDir: path.resolve(/*turbopackIgnore: true*/ value.PGLITE_DIR ?? path.join(dataDir, "pglite")),
    mediaDir: path.resolve(/*turbopackIgnore: true*/ value.MEDIA_DIR ?? path.join(dataDir, "media")),
    mode: value.DATABASE_URL ? "server" : "embedded",
    siteUrl: (value.SITE_URL ?? `http://localhost:${value.PORT}`).replace(/\/+$/, ""),
  };
}

export const env: Env = load();

const SECRET_FILE = "auth-secret";

/**
 * Embedded mode keeps a generated AUTH_SECRET under the data folder (owner-only) so a fresh clone needs
 * no configuration. Server mode never generates one: several instances must share the same secret.
 */
export function ensureEmbeddedAuthSecret(): string | null {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  if (env.mode === "server") return null;
  const file = path.join(/*turbopackIgnore: true*/ env.dataDir, SECRET_FILE);
  if (!existsSync(file)) {
    mkdirSync(env.dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
  }
  chmodSync(file, 0o600);
  return readFileSync(file, "utf8").trim();
}

/** The secret signing sessions, or null when staff sign-in must stay off (server mode without AUTH_SECRET). */
export function authSecret(): string | null {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  if (env.mode === "server") return null;
  const file = path.join(/*turbopackIgnore: true*/ env.dataDir, SECRET_FILE);
  return existsSync(file) ? readFileSync(file, "utf8").trim() : ensureEmbeddedAuthSecret();
}

export const STAFF_DISABLED_MESSAGE =
  "Staff sign-in is turned off: AUTH_SECRET is not set. Set AUTH_SECRET (the same value on every instance) and restart.";

/** True inside `next build`: nothing may read the database then (the build has none of its own). */
export function isBuildPhase(): boolean {
  return process.env.NEXT_PHASE === "phase-production-build";
}
