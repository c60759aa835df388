/** The message under an invalid input; its id goes into the input's aria-describedby. */
export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error" data-testid={`error-${id}`}>
      <span aria-hidden="true">⚠ </span>
      {message}
    </p>
  );
}

/** Joins describedby ids, skipping the empty ones. */
export function describedBy(...ids: (string | false | undefined | null)[]): string | undefined {
  const list = ids.filter(Boolean).join(' ');
  return list || undefined;
}
