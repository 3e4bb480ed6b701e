import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { ImportWorkflow } from "@/components/import/import-workflow";
import { listTaxonomy } from "@/db/taxonomy/queries";
import { requireStaffPage } from "@/db/viewer";

export const metadata: Metadata = { title: "Import a document" };

export default async function ImportReleasePage() {
  await connection();
  await requireStaffPage("/desk/releases/import");
  const { types } = await listTaxonomy();

  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-8">
      <Link href="/desk" className="text-sm text-slate-600 hover:underline dark:text-slate-400">
        ← Desk
      </Link>
      <h1 className="mb-2 mt-3 text-2xl font-semibold">Import a document</h1>
      <p className="mb-8 text-sm text-slate-600 dark:text-slate-400">
        Start a draft from a release written elsewhere. The letterhead is left out; the type, date, place, reference and headline are recognised, and the
        text keeps its headings, lists, links, bold and italic. You check everything before the draft is created.
      </p>
      <ImportWorkflow types={types.map(({ slug, name }) => ({ slug, name }))} />
    </main>
  );
}
