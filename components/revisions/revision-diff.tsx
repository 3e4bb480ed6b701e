import clsx from "clsx";
import type { BlockDiff, MetadataChange, RevisionDiff, Segment } from "@/lib/content/diff";
import { blockChangeLabel, blockLabel } from "./labels";
import { ScrollingTable } from "@/components/ui/scrolling-table";

const insClass = "rounded-sm bg-emerald-100 text-emerald-950 underline decoration-emerald-700 decoration-2 underline-offset-2 dark:bg-emerald-950 dark:text-emerald-100";
const delClass = "rounded-sm bg-red-100 text-red-950 line-through decoration-red-700 decoration-2 dark:bg-red-950 dark:text-red-100";

/**
 * What changed between two revisions: the fields as a table, then the body block by block. Insertions
 * and deletions are <ins> and <del> (underlined and struck through, not colour alone), with words a
 * screen reader speaks at each change.
 */
export function RevisionDiffView({ diff, fromNumber, toNumber }: { diff: RevisionDiff; fromNumber: number; toNumber: number }) {
  const bodyChanged = diff.body.some((block) => block.change !== "same");
  return (
    <div className="space-y-8">
      <section aria-labelledby="diff-fields">
        <h3 id="diff-fields" className="mb-3 text-base font-semibold">
          Details
        </h3>
        {diff.metadata.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">No changes to the headline or other details.</p>
        ) : (
          <MetadataTable changes={diff.metadata} fromNumber={fromNumber} toNumber={toNumber} />
        )}
      </section>
      <section aria-labelledby="diff-body">
        <h3 id="diff-body" className="mb-3 text-base font-semibold">
          Text
        </h3>
        {!bodyChanged && <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">No changes to the text.</p>}
        <BodyDiff blocks={diff.body} collapse={bodyChanged} />
      </section>
    </div>
  );
}

function MetadataTable({ changes, fromNumber, toNumber }: { changes: MetadataChange[]; fromNumber: number; toNumber: number }) {
  return (
    <ScrollingTable boxClassName="rounded-lg border border-slate-200 dark:border-slate-800">
      <caption className="sr-only">
        Changed details, revision {fromNumber} compared with revision {toNumber}
      </caption>
      <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-900 dark:text-slate-400">
        <tr>
          <th scope="col" className="px-3 py-2">
            Field
          </th>
          <th scope="col" className="px-3 py-2">
            Revision {fromNumber}
          </th>
          <th scope="col" className="px-3 py-2">
            Revision {toNumber}
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
        {changes.map((change) => (
          <tr key={change.field} className="align-top">
            <th scope="row" className="whitespace-nowrap px-3 py-2 font-medium">
              {change.label}
            </th>
            <td className="whitespace-pre-wrap px-3 py-2">{change.before ? <del className={delClass}>{change.before}</del> : <Empty />}</td>
            <td className="whitespace-pre-wrap px-3 py-2">{change.after ? <ins className={insClass}>{change.after}</ins> : <Empty />}</td>
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

function Empty() {
  return <span className="italic text-slate-500">(empty)</span>;
}

type Run = { kind: "blocks"; blocks: BlockDiff[] } | { kind: "hidden"; blocks: BlockDiff[] };

/** Long runs of unchanged blocks fold away (first and last stay as context) when something changed. */
function foldUnchanged(blocks: BlockDiff[], collapse: boolean): Run[] {
  if (!collapse) return [{ kind: "blocks", blocks }];
  const runs: Run[] = [];
  let index = 0;
  while (index < blocks.length) {
    if (blocks[index]!.change !== "same") {
      runs.push({ kind: "blocks", blocks: [blocks[index]!] });
      index += 1;
      continue;
    }
    let end = index;
    while (end < blocks.length && blocks[end]!.change === "same") end += 1;
    const same = blocks.slice(index, end);
    if (same.length >= 4) {
      runs.push({ kind: "blocks", blocks: [same[0]!] });
      runs.push({ kind: "hidden", blocks: same.slice(1, -1) });
      runs.push({ kind: "blocks", blocks: [same.at(-1)!] });
    } else runs.push({ kind: "blocks", blocks: same });
    index = end;
  }
  return runs;
}

function BodyDiff({ blocks, collapse }: { blocks: BlockDiff[]; collapse: boolean }) {
  if (blocks.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">Both revisions have no text.</p>;
  return (
    <div className="space-y-2">
      {foldUnchanged(blocks, collapse).map((run, runIndex) =>
        run.kind === "hidden" ? (
          <details key={runIndex} className="rounded-md border border-dashed border-slate-300 px-3 py-2 text-sm dark:border-slate-700">
            <summary className="cursor-pointer text-slate-600 dark:text-slate-400">
              {run.blocks.length} unchanged {run.blocks.length === 1 ? "block" : "blocks"}
            </summary>
            <div className="mt-2 space-y-2">
              {run.blocks.map((block, index) => (
                <BlockView key={index} block={block} />
              ))}
            </div>
          </details>
        ) : (
          run.blocks.map((block, index) => <BlockView key={`${runIndex}-${index}`} block={block} />)
        ),
      )}
    </div>
  );
}

const BLOCK_TONE: Record<BlockDiff["change"], string> = {
  same: "border-slate-200 dark:border-slate-800",
  added: "border-emerald-600 bg-emerald-50/50 dark:bg-emerald-950/30",
  removed: "border-red-600 bg-red-50/50 dark:bg-red-950/30",
  changed: "border-amber-500",
};

function BlockView({ block }: { block: BlockDiff }) {
  const text = (
    <div className={clsx("whitespace-pre-wrap", block.kind === "heading" && "font-semibold", block.kind === "quote" && "italic")}>
      {block.change === "added" ? (
        <ins className={insClass}>{block.segments.map((segment) => segment.text).join("")}</ins>
      ) : block.change === "removed" ? (
        <del className={delClass}>{block.segments.map((segment) => segment.text).join("")}</del>
      ) : (
        block.segments.map((segment, index) => <SegmentView key={index} segment={segment} />)
      )}
    </div>
  );
  return (
    <div data-change={block.change} className={clsx("rounded-r-md border-l-4 py-1.5 pl-3 pr-2", BLOCK_TONE[block.change])}>
      <p className={clsx("text-xs font-medium", block.change === "same" ? "text-slate-500" : "text-slate-700 dark:text-slate-300")}>
        {block.change === "same" ? blockLabel(block) : blockChangeLabel(block)}
      </p>
      {block.kind === "listItem" ? (
        <div className="flex gap-2">
          <span aria-hidden="true">{block.list === "ordered" ? "#" : "•"}</span>
          {text}
        </div>
      ) : (
        text
      )}
    </div>
  );
}

function SegmentView({ segment }: { segment: Segment }) {
  if (segment.kind === "added") {
    return (
      <ins className={insClass}>
        <span className="sr-only">[added: </span>
        {segment.text}
        <span className="sr-only">]</span>
      </ins>
    );
  }
  if (segment.kind === "removed") {
    return (
      <del className={delClass}>
        <span className="sr-only">[removed: </span>
        {segment.text}
        <span className="sr-only">]</span>
      </del>
    );
  }
  return <>{segment.text}</>;
}
