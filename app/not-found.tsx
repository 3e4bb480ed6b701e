import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-2xl px-4 py-24 text-center">
      <p className="text-sm font-semibold uppercase tracking-widest text-slate-500">Error 404</p>
      <h1 className="mt-3 font-serif text-3xl">This page does not exist</h1>
      <p className="mt-4 text-slate-600 dark:text-slate-400">The address may be mistyped, or the page may have moved.</p>
      <p className="mt-8">
        <Link href="/" className="underline">
          Go to the latest releases
        </Link>
      </p>
    </main>
  );
}
