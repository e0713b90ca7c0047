/** A form whose submit runs an action instead of navigating (Enter in a field or its submit button). */
import type { ReactNode } from 'react';

/** `<form>` (no browser validation, no page load) that calls onSubmit; className defaults to a row of fields. */
export function ActionForm({ onSubmit, className = 'row', children }: { onSubmit(): void; className?: string; children: ReactNode }) {
  return (
    <form
      noValidate
      className={className}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
}
