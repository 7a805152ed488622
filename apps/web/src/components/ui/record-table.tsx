import type { ReactNode } from 'react';

/** A column's heading: its text, or a heading with a class (a number column, one hidden when narrow). */
export type RecordColumn = string | { key: string; label: ReactNode; className?: string };

/**
 * A table of records under one row of column headings; when the rows end in buttons, a last
 * column named "Actions" for screen readers only. The rows are the children.
 */
export function RecordTable({
  columns,
  caption,
  actions = false,
  className,
  headClassName,
  children,
}: {
  columns: RecordColumn[];
  /** Said to screen readers: what the rows are. */
  caption?: string;
  actions?: boolean;
  className?: string;
  headClassName?: string;
  children: ReactNode;
}) {
  return (
    <table className={className}>
      {caption ? <caption className="visually-hidden">{caption}</caption> : null}
      <thead className={headClassName}>
        <tr>
          {columns.map((column) =>
            typeof column === 'string' ? (
              <th key={column} scope="col">
                {column}
              </th>
            ) : (
              <th key={column.key} scope="col" className={column.className}>
                {column.label}
              </th>
            ),
          )}
          {actions ? (
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
