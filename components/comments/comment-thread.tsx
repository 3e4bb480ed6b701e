"use client";

import { useActionState, useState } from "react";
import { addCommentAction } from "@/app/desk/releases/actions";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/errors";

export type ThreadComment = { id: string; parentId: string | null; authorName: string; body: string; action: string | null; createdAt: string };

const ACTION_LABELS: Record<string, string> = { request_changes: "Changes requested", retract: "Retraction reason" };

function CommentForm({ releaseId, parentId, label, onDone }: { releaseId: string; parentId?: string; label: string; onDone?: () => void }) {
  const [sent, setSent] = useState(0);
  const [state, formAction, pending] = useActionState<ActionResult | null, FormData>(async (previous, form) => {
    const result = await addCommentAction(previous, form);
    if (result.ok) {
      setSent((count) => count + 1);
      onDone?.();
    }
    return result;
  }, null);
  const id = `comment-${parentId ?? "new"}`;
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="releaseId" value={releaseId} />
      {parentId && <input type="hidden" name="parentId" value={parentId} />}
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <textarea id={id} name="body" rows={3} required maxLength={5000} className={inputClass} key={sent} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {parentId ? "Reply" : "Add comment"}
      </Button>
      {state && !state.ok && <Notice tone="error">{state.message}</Notice>}
    </form>
  );
}

function CommentItem({ comment, replies, releaseId }: { comment: ThreadComment; replies: ThreadComment[]; releaseId: string }) {
  const [replying, setReplying] = useState(false);
  return (
    <li className="space-y-2">
      <article className="rounded-md border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-950" aria-label={`Comment by ${comment.authorName}`}>
        <p className="text-xs text-slate-500">
          <strong className="text-slate-800 dark:text-slate-200">{comment.authorName}</strong> ·{" "}
          <time dateTime={comment.createdAt}>{new Date(comment.createdAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })}</time>
          {comment.action && ACTION_LABELS[comment.action] && (
            <span className="ml-2 rounded bg-orange-100 px-1.5 text-orange-900 dark:bg-orange-950 dark:text-orange-200">{ACTION_LABELS[comment.action]}</span>
          )}
        </p>
        <p className="mt-1 whitespace-pre-line text-sm">{comment.body}</p>
        {!replying && (
          <button type="button" className="mt-1 text-xs underline" onClick={() => setReplying(true)} aria-label={`Reply to ${comment.authorName}`}>
            Reply
          </button>
        )}
      </article>
      {(replies.length > 0 || replying) && (
        <ul className="ml-6 space-y-2 border-l border-slate-200 pl-4 dark:border-slate-800">
          {replies.map((reply) => (
            <li key={reply.id}>
              <article className="rounded-md border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-950" aria-label={`Reply by ${reply.authorName}`}>
                <p className="text-xs text-slate-500">
                  <strong className="text-slate-800 dark:text-slate-200">{reply.authorName}</strong> ·{" "}
                  <time dateTime={reply.createdAt}>{new Date(reply.createdAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })}</time>
                </p>
                <p className="mt-1 whitespace-pre-line text-sm">{reply.body}</p>
              </article>
            </li>
          ))}
          {replying && (
            <li>
              <CommentForm releaseId={releaseId} parentId={comment.id} label={`Reply to ${comment.authorName}`} onDone={() => setReplying(false)} />
            </li>
          )}
        </ul>
      )}
    </li>
  );
}

/** Review comments on a release: threads of a comment and its replies, and a box for a new one. */
export function CommentThread({ releaseId, comments }: { releaseId: string; comments: ThreadComment[] }) {
  const roots = comments.filter((comment) => !comment.parentId);
  const repliesOf = (id: string) => comments.filter((comment) => comment.parentId === id);
  return (
    <section aria-labelledby="comments-heading" className="space-y-4">
      <h2 id="comments-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
        Review comments ({comments.length})
      </h2>
      {roots.length === 0 ? (
        <p className="text-sm text-slate-600">No comments yet.</p>
      ) : (
        <ul className="space-y-4">
          {roots.map((comment) => (
            <CommentItem key={comment.id} comment={comment} replies={repliesOf(comment.id)} releaseId={releaseId} />
          ))}
        </ul>
      )}
      <CommentForm releaseId={releaseId} label="New comment" />
    </section>
  );
}
