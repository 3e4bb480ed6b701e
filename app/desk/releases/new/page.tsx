import type { Metadata } from "next";
import { connection } from "next/server";
import { NewReleaseForm } from "@/components/desk/new-release-form";
import { listTaxonomy } from "@/db/taxonomy/queries";
import { requireStaffPage } from "@/db/viewer";

export const metadata: Metadata = { title: "New release" };

export default async function NewReleasePage() {
  await connection();
  await requireStaffPage("/desk/releases/new");
  const { types } = await listTaxonomy();
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-8">
      <h1 className="mb-6 text-2xl font-semibold">New release</h1>
      <NewReleaseForm types={types.map(({ slug, name }) => ({ slug, name }))} />
    </main>
  );
}
