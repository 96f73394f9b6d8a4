import { Button, Group, Modal, Text, type ButtonProps } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';

/**
 * A button for what cannot be undone (delete, revoke, remove): it asks first in a dialog whose confirm button says the
 * same verb, with focus kept in the dialog and returned to the button afterwards.
 */
export function ConfirmButton({
  children,
  title,
  message,
  onConfirm,
  disabled,
  ...props
}: { children: string; title: string; message: ReactNode; onConfirm: () => void; disabled?: boolean } & ButtonProps) {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button color="red" variant="light" disabled={disabled} onClick={open} {...props}>
        {children}
      </Button>
      <Modal opened={opened} onClose={close} title={title} centered>
        <Text mb="lg">{message}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Keep
          </Button>
          <Button
            color="red"
            data-autofocus
            onClick={() => {
              close();
              onConfirm();
            }}
          >
            {children}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
