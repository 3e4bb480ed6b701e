import { FEED_FILES, feedPath, type FeedFormat, type FeedScope } from "@/lib/feeds/discovery";

/** Visible links to the feeds that the page also announces in its metadata. */
export function FeedLinks({ scope, label = "Subscribe" }: { scope: FeedScope; label?: string }) {
  const formats = Object.keys(FEED_FILES) as FeedFormat[];
  return (
    <p className="feed-links text-sm text-slate-600 dark:text-slate-400">
      <span>{label}: </span>
      {formats.map((format, index) => (
        <span key={format}>
          {index > 0 && <span aria-hidden="true"> / </span>}
          <a href={feedPath(scope, format)} type={FEED_FILES[format].mediaType} className="underline underline-offset-2 hover:text-slate-900 dark:hover:text-slate-100">
            {FEED_FILES[format].label}
          </a>
        </span>
      ))}
    </p>
  );
}
