import type { Metadata } from "next";
import { connection } from "next/server";
import { NameList } from "@/components/settings/name-list";
import { SettingsForm } from "@/components/settings/settings-form";
import { readSettingsForAdmin } from "@/db/settings/update";
import { listTaxonomy } from "@/db/taxonomy/queries";
import { requireStaffPage } from "@/db/viewer";
import { can } from "@/lib/access/permissions";
import { createReleaseTypeAction, createTopicAction, deleteReleaseTypeAction, deleteTopicAction } from "./actions";
import { mediaUrl } from "@/lib/media/files";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await connection();
  const viewer = await requireStaffPage("/desk/settings");
  if (!can(viewer.role, "settings:manage")) {
    return (
      <main id="main" className="mx-auto max-w-3xl px-4 py-8">
        <h1 className="text-2xl font-semibold">Settings</h1>
        <p className="mt-4">You do not have access to the settings.</p>
      </main>
    );
  }
  const [row, taxonomy] = await Promise.all([readSettingsForAdmin(viewer), listTaxonomy()]);
  const values = {
    version: row.version,
    organisationName: row.organisationName,
    address: row.letterhead.address.join("\n"),
    phones: row.letterhead.phones.join("\n"),
    fax: row.letterhead.fax ?? "",
    email: row.letterhead.email ?? "",
    website: row.letterhead.website ?? "",
    accentColor: row.accentColor,
    timeZone: row.timeZone,
    defaultLanguage: row.defaultLanguage,
    boilerplate: row.boilerplate,
    contactName: row.defaultContact?.name ?? "",
    contactEmail: row.defaultContact?.email ?? "",
    contactPhone: row.defaultContact?.phone ?? "",
  };
  const logoUrl = row.logoKey ? mediaUrl(row.logoKey) : null;
  return (
    <main id="main" className="mx-auto grid max-w-6xl gap-10 px-4 py-8 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <section aria-labelledby="organisation-heading">
        <h1 className="text-2xl font-semibold">Settings</h1>
        <h2 id="organisation-heading" className="mt-6 mb-4 text-lg font-semibold">
          Organisation and letterhead
        </h2>
        <SettingsForm values={values} logoUrl={logoUrl} />
      </section>
      <div className="space-y-10">
        <section aria-labelledby="types-heading">
          <h2 id="types-heading" className="mb-3 text-lg font-semibold">
            Release types
          </h2>
          <NameList noun="release type" items={taxonomy.types} createAction={createReleaseTypeAction} deleteAction={deleteReleaseTypeAction} />
        </section>
        <section aria-labelledby="topics-heading">
          <h2 id="topics-heading" className="mb-3 text-lg font-semibold">
            Topics
          </h2>
          <NameList noun="topic" items={taxonomy.topics} createAction={createTopicAction} deleteAction={deleteTopicAction} />
        </section>
      </div>
    </main>
  );
}
