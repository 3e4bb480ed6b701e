import clsx from "clsx";
import type { ReactNode, TableHTMLAttributes } from "react";

/**
 * A full-width table that scrolls sideways inside its own box on a narrow screen, instead of widening
 * the page. `boxClassName` styles the box (border, background); the rest goes to the table.
 */
export function ScrollingTable({ boxClassName, className, children, ...table }: TableHTMLAttributes<HTMLTableElement> & { boxClassName?: string; children: ReactNode }) {
  return (
    <div className={clsx("overflow-x-auto", boxClassName)}>
      <table className={clsx("w-full text-left text-sm", className)} {...table}>
        {children}
      </table>
    </div>
  );
}
