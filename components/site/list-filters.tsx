import Link from "next/link";
import type { PublicFacets } from "@/db/public/facets";
import { hasFilters, type ListFilters } from "@/lib/public/filters";
import { languageName } from "@/lib/i18n/languages";

type Field = { name: keyof ListFilters; label: string; all: string; options: { value: string; label: string }[] };

/**
 * Filters as a plain GET form: works without JavaScript, and the address it leads to can be shared.
 * `hide` leaves out a filter the page already fixes (the topic on a topic page).
 */
export function ListFilterForm({
  action,
  facets,
  filters,
  topicNames,
  hide = [],
}: {
  action: string;
  facets: PublicFacets;
  filters: ListFilters;
  topicNames: Record<string, string>;
  hide?: (keyof ListFilters)[];
}) {
  const fields: Field[] = [
    {
      name: "type",
      label: "Type",
      all: "All types",
      options: facets.types.map((type) => ({ value: type.slug, label: `${type.name} (${type.count})` })),
    },
    {
      name: "topic",
      label: "Topic",
      all: "All topics",
      options: facets.topics
        .map((topic) => ({ value: topic.slug, label: `${topicNames[topic.slug] ?? topic.slug} (${topic.count})` }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    },
    {
      name: "language",
      label: "Language",
      all: "All languages",
      options: facets.languages.map((language) => ({ value: language.code, label: `${languageName(language.code)} (${language.count})` })),
    },
    {
      name: "year",
      label: "Year",
      all: "All years",
      options: facets.years.map((year) => ({ value: String(year.year), label: `${year.year} (${year.count})` })),
    },
  ];
  const shown = fields.filter((field) => !hide.includes(field.name) && field.options.length > 1);
  if (shown.length === 0) return null;
  return (
    <form action={action} method="get" role="search" aria-label="Filter releases" className="list-filters mt-6 flex flex-wrap items-end gap-3 rounded-md border border-slate-200 bg-slate-50 p-4 text-sm dark:border-slate-800 dark:bg-slate-900">
      {shown.map((field) => (
        <label key={field.name} className="flex min-w-[9rem] flex-1 flex-col gap-1">
          <span className="font-medium text-slate-700 dark:text-slate-300">{field.label}</span>
          <select
            name={field.name}
            defaultValue={filters[field.name] === undefined ? "" : String(filters[field.name])}
            className="rounded border border-slate-300 bg-white px-2 py-1.5 text-slate-900 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100"
          >
            <option value="">{field.all}</option>
            {field.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
      ))}
      <div className="flex items-center gap-3">
        <button type="submit" className="button-accent">
          Filter
        </button>
        {hasFilters(Object.fromEntries(Object.entries(filters).filter(([key]) => !hide.includes(key as keyof ListFilters)))) && (
          <Link href={action} className="underline underline-offset-2">
            Clear filters
          </Link>
        )}
      </div>
    </form>
  );
}
