"use client";

import type { ReleaseContent } from "@/lib/content/release";
import { BodyEditor } from "@/components/editor/body-editor";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Options, typeOptions } from "@/components/ui/options";
import { LANGUAGES } from "@/lib/i18n/languages";

/** The release as the editor holds it: exactly the content the server's schema accepts (one definition). */
export type ReleaseDraft = ReleaseContent;
export type MediaContactDraft = ReleaseContent["contacts"][number];
export type RelatedDocumentDraft = ReleaseContent["relatedDocuments"][number];


type Option = { slug: string; name: string };

function TextField(props: { id: string; label: string; value: string | null; onChange: (value: string | null) => void; readOnly: boolean; type?: string; hint?: string; multiline?: boolean }) {
  const shared = {
    id: props.id,
    value: props.value ?? "",
    readOnly: props.readOnly,
    className: inputClass,
    "aria-describedby": props.hint ? `${props.id}-hint` : undefined,
  };
  return (
    <div className="space-y-1">
      <label htmlFor={props.id} className="block text-sm font-medium">
        {props.label}
      </label>
      {props.multiline ? (
        <textarea {...shared} rows={4} onChange={(event) => props.onChange(event.target.value || null)} />
      ) : (
        <input {...shared} type={props.type ?? "text"} onChange={(event) => props.onChange(event.target.value || null)} />
      )}
      {props.hint && (
        <p id={`${props.id}-hint`} className="text-xs text-slate-500">
          {props.hint}
        </p>
      )}
    </div>
  );
}

/** Everything about a release except its headline and body, in the editor's side panel. */
export function MetadataPanel({
  draft,
  update,
  readOnly,
  types,
  topics,
  defaultBoilerplate,
}: {
  draft: ReleaseDraft;
  update: (change: Partial<ReleaseDraft>) => void;
  readOnly: boolean;
  types: Option[];
  topics: Option[];
  defaultBoilerplate: string;
}) {
  const setContact = (index: number, change: Partial<MediaContactDraft>) =>
    update({ contacts: draft.contacts.map((contact, at) => (at === index ? { ...contact, ...change } : contact)) });
  const setDocument = (index: number, change: Partial<RelatedDocumentDraft>) =>
    update({ relatedDocuments: draft.relatedDocuments.map((document, at) => (at === index ? { ...document, ...change } : document)) });

  return (
    <div className="space-y-5 text-sm">
      <div className="space-y-1">
        <label htmlFor="meta-type" className="block text-sm font-medium">
          Type
        </label>
        <select id="meta-type" className={inputClass} value={draft.type ?? ""} disabled={readOnly} onChange={(event) => update({ type: event.target.value || null })}>
          <option value="">(none)</option>
          <Options options={typeOptions(types)} />
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor="meta-language" className="block text-sm font-medium">
          Language
        </label>
        <select id="meta-language" className={inputClass} value={draft.language} disabled={readOnly} onChange={(event) => update({ language: event.target.value })}>
          <Options options={LANGUAGES} />
        </select>
      </div>
      <TextField id="meta-date" label="Date" type="date" value={draft.releaseDate} readOnly={readOnly} onChange={(releaseDate) => update({ releaseDate })} />
      <TextField id="meta-reference" label="Reference number" value={draft.reference} readOnly={readOnly} onChange={(reference) => update({ reference })} hint='For example "No. 2019/12".' />
      <TextField id="meta-dateline" label="Dateline" value={draft.dateline} readOnly={readOnly} onChange={(dateline) => update({ dateline })} hint="The place, e.g. Geneva." />
      <TextField id="meta-subtitle" label="Subtitle" value={draft.subtitle} readOnly={readOnly} onChange={(subtitle) => update({ subtitle })} />
      <TextField id="meta-summary" label="Summary" multiline value={draft.summary} readOnly={readOnly} onChange={(summary) => update({ summary })} hint="Shown in lists and feeds; the first paragraph is used when empty." />

      <fieldset className="space-y-1">
        <legend className="text-sm font-medium">Topics</legend>
        {topics.length === 0 && <p className="text-xs text-slate-500">No topics yet; an admin can add them under Settings.</p>}
        {topics.map((topic) => (
          <label key={topic.slug} className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={draft.topics.includes(topic.slug)}
              disabled={readOnly}
              onChange={(event) =>
                update({ topics: event.target.checked ? [...draft.topics, topic.slug] : draft.topics.filter((slug) => slug !== topic.slug) })
              }
            />
            {topic.name}
          </label>
        ))}
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-sm font-medium">Media contacts</legend>
        {draft.contacts.map((contact, index) => (
          <div key={index} className="space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-700">
            <TextField id={`contact-${index}-name`} label={`Contact ${index + 1}: name`} value={contact.name} readOnly={readOnly} onChange={(name) => setContact(index, { name: name ?? "" })} />
            <TextField id={`contact-${index}-role`} label={`Contact ${index + 1}: role`} value={contact.role} readOnly={readOnly} onChange={(role) => setContact(index, { role })} />
            <TextField id={`contact-${index}-email`} label={`Contact ${index + 1}: email`} type="email" value={contact.email} readOnly={readOnly} onChange={(email) => setContact(index, { email })} />
            <TextField id={`contact-${index}-phone`} label={`Contact ${index + 1}: phone`} value={contact.phone} readOnly={readOnly} onChange={(phone) => setContact(index, { phone })} />
            {!readOnly && (
              <Button variant="ghost" onClick={() => update({ contacts: draft.contacts.filter((_, at) => at !== index) })}>
                Remove contact {index + 1}
              </Button>
            )}
          </div>
        ))}
        {!readOnly && (
          <Button variant="secondary" onClick={() => update({ contacts: [...draft.contacts, { name: "", role: null, email: null, phone: null }] })}>
            Add media contact
          </Button>
        )}
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-sm font-medium">Related documents</legend>
        {draft.relatedDocuments.map((document, index) => (
          <div key={index} className="space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-700">
            <TextField id={`document-${index}-title`} label={`Document ${index + 1}: title`} value={document.title} readOnly={readOnly} onChange={(title) => setDocument(index, { title: title ?? "" })} />
            {document.mediaKey ? (
              <p className="text-xs text-slate-600">Uploaded file: {document.mediaKey}</p>
            ) : (
              <TextField id={`document-${index}-url`} label={`Document ${index + 1}: link`} type="url" value={document.url} readOnly={readOnly} onChange={(url) => setDocument(index, { url })} />
            )}
            <TextField
              id={`document-${index}-note`}
              label={`Document ${index + 1}: note`}
              value={document.note}
              readOnly={readOnly}
              onChange={(note) => setDocument(index, { note })}
              hint='For example "available in English, French and Spanish".'
            />
            {!readOnly && (
              <Button variant="ghost" onClick={() => update({ relatedDocuments: draft.relatedDocuments.filter((_, at) => at !== index) })}>
                Remove document {index + 1}
              </Button>
            )}
          </div>
        ))}
        {!readOnly && (
          <Button variant="secondary" onClick={() => update({ relatedDocuments: [...draft.relatedDocuments, { title: "", url: null, mediaKey: null, note: null }] })}>
            Add related document link
          </Button>
        )}
      </fieldset>

      <div className="space-y-1">
        <span className="block text-sm font-medium">Notes to editors</span>
        {readOnly ? null : (
          <BodyEditor id="notes-to-editors" label="Notes to editors" initialContent={draft.notesToEditors} onChange={(notesToEditors) => update({ notesToEditors })} />
        )}
      </div>
      <TextField
        id="meta-boilerplate"
        label="Boilerplate (About …)"
        multiline
        value={draft.boilerplate}
        readOnly={readOnly}
        onChange={(boilerplate) => update({ boilerplate })}
        hint={`Leave empty to use the organisation's default: "${defaultBoilerplate.slice(0, 80)}${defaultBoilerplate.length > 80 ? "…" : ""}"`}
      />
    </div>
  );
}
