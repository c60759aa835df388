import path from 'node:path';

/** A template that does not compile or render; `file` is its absolute path, `line` 1-based. */
export class TemplateError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'TemplateError';
  }
}

/** "templates/email/x.hbs:12: detail" — the path relative to cwd when under it, else absolute. */
export function templateError(file: string, line: number | undefined, detail: string, cause?: unknown): TemplateError {
  const rel = path.relative(process.cwd(), file);
  const shown = rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
  const err = new TemplateError(`${shown}${line ? `:${line}` : ''}: ${detail}`, file, line);
  if (cause !== undefined) (err as { cause?: unknown }).cause = cause;
  return err;
}
