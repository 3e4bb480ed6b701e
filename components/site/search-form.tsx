/** The search box that sends readers to /search: a plain GET form, so it works without JavaScript. */
export function SearchForm({ id, className, inputClassName }: { id: string; className: string; inputClassName: string }) {
  return (
    <form action="/search" method="get" role="search" className={className}>
      <label htmlFor={id} className="sr-only">
        Search releases
      </label>
      <input id={id} type="search" name="q" maxLength={200} placeholder="Search releases" className={inputClassName} />
      <button type="submit" className="button-accent">
        Search
      </button>
    </form>
  );
}
