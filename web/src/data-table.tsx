import { Table, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { ScrollRegion } from './components';

/** A column's header: its text, or a label with the class its cells share (a column hidden at phone width, say). */
export type Column = string | { key: string; label: ReactNode; className?: string };

/** The last column of a table whose rows end in buttons: named for screen readers, blank on screen. */
export const ACTIONS: Column = { key: 'actions', label: <VisuallyHidden>Actions</VisuallyHidden> };

/** Every list of the UI: a Mantine table under a header row, scrolling inside itself at phone width. */
export function DataTable({
  label,
  columns,
  className,
  caption,
  children,
}: {
  label: string;
  columns: readonly Column[];
  className?: string;
  /** Said to screen readers before the rows, when the label alone does not say what a row is. */
  caption?: string;
  children: ReactNode;
}) {
  return (
    <ScrollRegion label={label}>
      <Table className={className} verticalSpacing="xs" highlightOnHover>
        {caption && (
          <Table.Caption>
            <VisuallyHidden>{caption}</VisuallyHidden>
          </Table.Caption>
        )}
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) =>
              typeof column === 'string' ? (
                <Table.Th key={column}>{column}</Table.Th>
              ) : (
                <Table.Th key={column.key} className={column.className}>
                  {column.label}
                </Table.Th>
              ),
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </ScrollRegion>
  );
}
