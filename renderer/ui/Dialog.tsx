// A modal dialog on Radix: focus moves in and is trapped, Escape and the close button close it,
// focus returns to what opened it, and the title and description name it for screen readers.
import * as RadixDialog from '@radix-ui/react-dialog';
import type { ReactNode } from 'react';

export interface DialogProps {
  open: boolean;
  /** Called when the person closes it: Escape, a click outside, or a close button. */
  onClose: () => void;
  title: string;
  description: ReactNode;
  children: ReactNode;
  /** For longer forms. */
  wide?: boolean;
  /** Where focus goes on close when the element that opened the dialog is gone. */
  onCloseAutoFocus?: (event: Event) => void;
  /** False while closing would lose something for good (a value shown once): a click outside
   * or Escape then does nothing, and only the dialog's own buttons close it. */
  dismissible?: boolean;
}

export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
  wide,
  onCloseAutoFocus,
  dismissible = true,
}: DialogProps) {
  const hold = (event: Event): void => {
    if (!dismissible) event.preventDefault();
  };
  return (
    <RadixDialog.Root
      open={open}
      onOpenChange={(next) => {
        if (!next) onClose();
      }}
    >
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="dialog-overlay" />
        <RadixDialog.Content
          className={wide === true ? 'dialog dialog-wide' : 'dialog'}
          {...(onCloseAutoFocus === undefined ? {} : { onCloseAutoFocus })}
          onEscapeKeyDown={hold}
          onInteractOutside={hold}
        >
          <RadixDialog.Title className="dialog-title">{title}</RadixDialog.Title>
          <RadixDialog.Description className="dialog-description">
            {description}
          </RadixDialog.Description>
          {children}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

/** Closes the surrounding Dialog. */
export function DialogClose({ children }: { children: ReactNode }) {
  return (
    <RadixDialog.Close className="button button-secondary" type="button">
      {children}
    </RadixDialog.Close>
  );
}
