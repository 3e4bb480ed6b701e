import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { AuditTrailTable, auditActionLabel } from "@/components/desk/audit-trail-table";
import { buttonClass } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { AccessRefused } from "@/components/desk/access-refused";
import { Notice } from "@/components/ui/notice";
import { checkAuditChain } from "@/db/audit/check-audit-chain";
import { listAuditFilters } from "@/db/audit/list-audit-filters";
import { listAuditTrail, type AuditTrailQuery } from "@/db/audit/list-audit-trail";
import { getPublicSettings } from "@/db/public/settings";
import { requireStaffPage } from "@/db/viewer";
import { can } from "@/lib/access/permissions";
import { isAppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Audit trail" };

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

function pageHref(filters: { action?: string; actor?: string }, extra: Record<string, string | number>) {
  const query = new URLSearchParams();
  if (filters.action) query.set("action", filters.action);
  if (filters.actor) query.set("actor", filters.actor);
  for (const [name, value] of Object.entries(extra)) query.set(name, String(value));
  const text = query.toString();
  return text ? `/desk/audit?${text}` : "/desk/audit";
}

export default async function AuditTrailPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  const viewer = await requireStaffPage("/desk/audit");

  if (!can(viewer.role, "audit:read")) {
    return <AccessRefused title="Audit trail" what="the audit trail" testId="audit-forbidden" />;
  }

  const params = await searchParams;
  const filters = { action: first(params.action), actor: first(params.actor) };
  const query: AuditTrailQuery = { action: filters.action, actorId: filters.actor, before: first(params.before), after: first(params.after) };
  const [settings, options, verification] = await Promise.all([
    getPublicSettings(),
    listAuditFilters(viewer),
    first(params.verify) === "1" ? checkAuditChain(viewer) : null,
  ]);
  // A hand-edited address with a malformed filter or cursor shows the whole trail and says why.
  const { page, invalid } = await listAuditTrail(viewer, query).then(
    (result) => ({ page: result, invalid: null as string | null }),
    async (error: unknown) => {
      if (!isAppError(error) || error.code !== "invalid") throw error;
      return { page: await listAuditTrail(viewer, {}), invalid: error.message };
    },
  );
  const shownFilters: { action?: string; actor?: string } = invalid ? {} : filters;

  return (
    <main id="main" className="mx-auto max-w-6xl space-y-6 px-4 py-8">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">Audit trail</h1>
        <Link href={pageHref(shownFilters, { verify: 1 })} className={buttonClass("secondary")} data-testid="audit-verify">
          Check the chain
        </Link>
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Every recorded step across the newsroom, newest first: workflow changes, approvals, share links, staff changes and sign-ins.
        Each row is chained to the one before it by its hash, so a removed or altered row shows up in the check. Times are in{" "}
        {settings.timeZone}.
      </p>

      {verification &&
        (verification.ok ? (
          <Notice tone="success" testId="audit-verification">
            The chain is intact: all {verification.checked.toLocaleString("en")} rows follow one another and match their hashes.
          </Notice>
        ) : (
          <Notice tone="error" testId="audit-verification">
            The chain is broken at row {verification.brokenId}: {verification.reason}. {verification.checked.toLocaleString("en")} rows
            before it check out.
          </Notice>
        ))}
      {invalid && (
        <Notice tone="warning" testId="audit-invalid-filter">
          {invalid} Showing the whole trail instead.
        </Notice>
      )}

      <form method="get" action="/desk/audit" className="flex flex-wrap items-end gap-4" aria-label="Filter the audit trail">
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Action</span>
          <Select name="action" defaultValue={shownFilters.action ?? ""}>
            <option value="">All actions</option>
            {options.actions.map((action) => (
              <option key={action} value={action}>
                {auditActionLabel(action)}
              </option>
            ))}
          </Select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Who</span>
          <Select name="actor" defaultValue={shownFilters.actor ?? ""}>
            <option value="">Everyone</option>
            {options.actors.map((actor) => (
              <option key={actor.id} value={actor.id}>
                {actor.name} ({actor.email})
              </option>
            ))}
          </Select>
        </label>
        <button type="submit" className={buttonClass("primary")}>
          Filter
        </button>
        {(shownFilters.action || shownFilters.actor) && (
          <Link href="/desk/audit" className="text-sm hover:underline">
            Clear filters
          </Link>
        )}
      </form>

      {page.entries.length > 0 ? (
        <AuditTrailTable entries={page.entries} timeZone={settings.timeZone} caption="Audit trail, newest first" siteWide />
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">No audit rows match.</p>
      )}

      <nav aria-label="Audit trail pages" className="flex items-center justify-between text-sm">
        {page.newer !== null ? (
          <Link href={pageHref(shownFilters, { after: page.newer })} className="hover:underline" rel="prev">
            ← Newer entries
          </Link>
        ) : (
          <span />
        )}
        {page.older !== null && (
          <Link href={pageHref(shownFilters, { before: page.older })} className="hover:underline" rel="next">
            Older entries →
          </Link>
        )}
      </nav>
    </main>
  );
}
