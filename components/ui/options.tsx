/** A select's options from value–label pairs (release types by slug and name, languages by code and name…). */
export function Options({ options }: { options: readonly (readonly [value: string, label: string])[] }) {
  return options.map(([value, label]) => (
    <option key={value} value={value}>
      {label}
    </option>
  ));
}

/** Release types as a select's options: the slug is the value, the name what people read. */
export function typeOptions(types: readonly { slug: string; name: string }[]): [string, string][] {
  return types.map((type) => [type.slug, type.name]);
}
