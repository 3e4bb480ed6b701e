import { Notice } from "@/components/ui/notice";

/** What a desk page shows a signed-in colleague whose role does not give them that page. */
export function AccessRefused({ title, what, testId }: { title: string; what: string; testId: string }) {
  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="mb-4 text-2xl font-semibold">{title}</h1>
      <Notice tone="error" testId={testId}>
        You do not have access to {what}.
      </Notice>
    </main>
  );
}
