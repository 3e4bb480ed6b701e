import { z } from "zod";
import { saveWorkingCopy } from "@/db/releases/save";
import { requireViewer } from "@/db/viewer";
import { env } from "@/env";
import { cleanInput } from "@/lib/actions/clean-input";
import { MAX_CONTENT_JSON_LENGTH } from "@/lib/actions/content-json";
import { parseInput } from "@/lib/actions/parse-input";
import { failure } from "@/lib/actions/result";
import { ERROR_STATUS } from "@/lib/errors";
import { isSameOrigin } from "@/lib/security/origin";

const NO_STORE = { "Cache-Control": "no-store" };

/** Exactly what the editor's autosave sends; the content itself is checked by db/releases/save.ts. */
const draftBody = z.strictObject({
  expectedVersion: z.number("Say which version this text is based on.").int().min(1),
  content: z.record(z.string(), z.unknown(), "The release content is missing."),
});

/**
 * PUT { expectedVersion, content }: the editor's autosave. The same save as the desk's Save button
 * (db/releases/save.ts: row lock, edit rule, validation, version check, approval voiding, an update
 * started) folded into the writer's recent revision, answered with a few hundred bytes of JSON: the new
 * version, when, the status, whether it wrote a revision of its own and the stored content's hash, or
 * the conflict with the version that won.
 * Unlike a server action it re-renders nothing: the editor asks for a fresh page only when the save
 * moved the release's status or added a revision (the page's header shows its number).
 */
export async function PUT(request: Request, { params }: { params: Promise<{ id: string }> }) {
  if (!isSameOrigin(request.headers, env.siteUrl)) {
    return Response.json({ error: "This request did not come from this site." }, { status: 403, headers: NO_STORE });
  }
  try {
    const viewer = await requireViewer();
    const text = await readText(request, MAX_CONTENT_JSON_LENGTH);
    if (text === null) {
      return refusal(
        422,
        "invalid",
        `The release is too long to save (the limit is ${MAX_CONTENT_JSON_LENGTH / 1_000_000} MB). Split it, or remove pasted images and formatting.`,
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return Response.json({ error: "Send a JSON object." }, { status: 400, headers: NO_STORE });
    }
    const input = parseInput(draftBody, cleanInput(body));
    const saved = await saveWorkingCopy(viewer, { releaseId: (await params).id, expectedVersion: input.expectedVersion, content: input.content }, { autosave: true });
    return Response.json(
      {
        version: saved.version,
        savedAt: new Date().toISOString(),
        status: saved.status,
        statusChanged: saved.statusChanged,
        newRevision: saved.newRevision,
        contentHash: saved.contentHash,
      },
      { headers: NO_STORE },
    );
  } catch (error) {
    const result = failure(error);
    const currentVersion = result.details?.currentVersion;
    return refusal(ERROR_STATUS[result.code], result.code, result.message, {
      ...(typeof currentVersion === "number" ? { currentVersion } : {}),
      ...(result.fieldErrors ? { fieldErrors: result.fieldErrors } : {}),
    });
  }
}

function refusal(status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
  return Response.json({ error: message, code, ...extra }, { status, headers: NO_STORE });
}

/** The body as text, or null once it is longer than `limit` UTF-16 units (read no further than that). */
async function readText(request: Request, limit: number): Promise<string | null> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  // A UTF-16 unit takes at most three UTF-8 bytes: a longer declared body cannot fit.
  if (declared > limit * 3) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    if (text.length > limit) {
      await reader.cancel();
      return null;
    }
  }
  text += decoder.decode();
  return text.length > limit ? null : text;
}
