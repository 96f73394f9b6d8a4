import { Group, type MantineSpacing } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';

/**
 * A form whose labelled inputs and button stand in one row, their boxes aligned at the bottom, and wrap at phone
 * width. A child that should take the rest of the row sets `flex={1}`; one that should have a row of its own, `w="100%"`.
 */
export function FormRow({
  onSubmit,
  children,
  className,
  label,
  role,
  mb,
}: {
  onSubmit: (event: FormEvent) => void;
  children: ReactNode;
  className?: string;
  /** The form's accessible name, where the page around it does not already say what it is for. */
  label?: string;
  role?: 'search';
  mb?: MantineSpacing;
}) {
  return (
    <form className={className} aria-label={label} role={role} onSubmit={onSubmit}>
      <Group align="flex-end" gap="sm" wrap="wrap" mb={mb}>
        {children}
      </Group>
    </form>
  );
}
