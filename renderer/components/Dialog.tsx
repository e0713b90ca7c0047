/** A modal dialog on the native <dialog> element: focus is kept inside, Esc closes it (onClose), the page behind is inert. */
import { useEffect, useRef, type ReactNode } from 'react';

/** Props of Dialog. */
export interface DialogProps {
  title: string;
  /** Called when the dialog closes by Esc or a Close/Cancel button. */
  onClose(): void;
  children: ReactNode;
  className?: string;
}

/** Shows `children` in a modal dialog while mounted. */
export function Dialog({ title, onClose, children, className }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    // Esc fires 'cancel' then closes the element: report it once, and let React unmount the dialog
    const cancel = (event: Event) => {
      event.preventDefault();
      close.current();
    };
    dialog.addEventListener('cancel', cancel);
    return () => {
      dialog.removeEventListener('cancel', cancel);
      if (dialog.open) dialog.close();
    };
  }, []);
  return (
    <dialog ref={ref} aria-label={title} className={`modal${className ? ` ${className}` : ''}`}>
      <header className="modal-head">
        <h2>{title}</h2>
        <button type="button" aria-label="Close" onClick={() => close.current()}>×</button>
      </header>
      {children}
    </dialog>
  );
}
