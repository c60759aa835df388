// Reads a template directory and compiles all of it up front, so a mistake in any file stops
// the process at start with "file:line: what", instead of failing in a worker at send time.
//   email/*.html.hbs  → HTML-escaped        partials/<name>.hbs → partial <name>
//   *.text.hbs, *.json.hbs → not escaped    any other file      → also partial "email/layout" etc.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type Handlebars from 'handlebars';
import { templateError } from './errors.js';
import { hb } from './handlebars.js';

type Delegate = Handlebars.TemplateDelegate;
type Mode = 'html' | 'raw';
type AstNode = { type: string; loc?: { start: { line: number } } } & Record<string, unknown>;

export interface CompiledEntry { file: string; mode: Mode; run: Delegate }

export interface CompiledDir {
  entries: Map<string, CompiledEntry>;
  /** Partials compiled in each escaping mode: an HTML template gets escaping ones. */
  partials: Record<Mode, Record<string, Delegate>>;
}

interface Source { file: string; rel: string; src: string; ast: hbs.AST.Program }

export async function compileDir(dir: string, required: readonly string[]): Promise<CompiledDir> {
  const root = path.resolve(dir);
  let files: string[];
  try {
    files = (await readdir(root, { recursive: true })).filter((f) => f.endsWith('.hbs')).sort();
  } catch (err) {
    throw templateError(root, undefined, `cannot read the template directory (${(err as Error).message})`, err);
  }
  const sources: Source[] = [];
  for (const rel of files.map((f) => f.split(path.sep).join('/'))) {
    const file = path.join(root, rel);
    const src = await readFile(file, 'utf8');
    sources.push({ file, rel, src, ast: parse(file, src) });
  }

  const partialNames = new Map(sources.map((s) => [partialName(s.rel), s] as const));
  for (const s of sources) checkNames(s, partialNames);

  const entries = new Map<string, CompiledEntry>();
  const partials: CompiledDir['partials'] = { html: {}, raw: {} };
  for (const [name, s] of partialNames) {
    partials.html[name] = compile(s, 'html');
    partials.raw[name] = compile(s, 'raw');
  }
  for (const s of sources) {
    const mode: Mode = s.rel.endsWith('.html.hbs') ? 'html' : 'raw';
    entries.set(s.rel.replace(/\.hbs$/, ''), { file: s.file, mode, run: compile(s, mode) });
  }
  for (const name of required) {
    if (!entries.has(name)) throw templateError(path.join(root, `${name}.hbs`), undefined, 'template is missing');
  }
  return { entries, partials };
}

/** `partials/badge.hbs` → `badge`; `email/layout.html.hbs` → `email/layout`. */
function partialName(rel: string): string {
  const base = rel.replace(/\.hbs$/, '').replace(/\.(html|text|json)$/, '');
  return base.startsWith('partials/') ? base.slice('partials/'.length) : base;
}

function compile(s: Source, mode: Mode): Delegate {
  // Parsing again rather than sharing one AST: compile() may annotate the tree it is given.
  return hb.compile(hb.parse(s.src), { strict: false, noEscape: mode === 'raw' });
}

function parse(file: string, src: string): hbs.AST.Program {
  try {
    return hb.parse(src);
  } catch (err) {
    const msg = (err as Error).message;
    const e = err as { lineNumber?: number };
    let line = e.lineNumber ?? Number(/on line (\d+)/.exec(msg)?.[1] ?? NaN);
    let detail = msg.split('\n')[0] ?? msg;
    if (/got 'EOF'/.test(msg)) {
      // Handlebars points at the end of the file; the useful line is where the block opened.
      const open = unclosedBlock(src);
      if (open) {
        detail = `{{#${open.name}}} opened on line ${open.line} is never closed (the file ends on line ${line})`;
        line = open.line;
      }
    }
    throw templateError(file, Number.isFinite(line) ? line : undefined, detail, err);
  }
}

function unclosedBlock(src: string): { name: string; line: number } | undefined {
  // Comments may hold example mustaches; blank them but keep their newlines for line numbers.
  const text = src.replace(/\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}/g, (c) => c.replace(/[^\n]/g, ' '));
  const stack: { name: string; line: number }[] = [];
  for (const m of text.matchAll(/\{\{~?\s*([#^/])\s*[*>]?\s*([^\s}~()]+)/g)) {
    const line = text.slice(0, m.index).split('\n').length;
    if (m[1] === '/') stack.pop();
    else stack.push({ name: m[2] ?? '', line });
  }
  return stack.at(-1);
}

/** Unknown helpers and partials are runtime errors in Handlebars; find them now, with a line. */
function checkNames(s: Source, partials: Map<string, Source>): void {
  walk(s.ast as unknown as AstNode, (node) => {
    const line = node.loc?.start.line;
    if (node.type === 'PartialStatement' || node.type === 'PartialBlockStatement') {
      const name = node.name as AstNode & { original?: string };
      if (name.type === 'PathExpression' && name.original !== '@partial-block' && !partials.has(String(name.original))) {
        throw templateError(s.file, line, `unknown partial "${name.original}"`);
      }
    } else if (node.type === 'MustacheStatement' || node.type === 'BlockStatement' || node.type === 'SubExpression') {
      const p = node.path as AstNode & { original?: string; data?: boolean; parts?: string[]; depth?: number };
      const call = node.type === 'SubExpression' || (node.params as unknown[]).length > 0 || node.hash !== undefined;
      const simple = p.type === 'PathExpression' && !p.data && p.depth === 0 && p.parts?.length === 1;
      if (call && simple && !Object.hasOwn(hb.helpers, String(p.original))) {
        throw templateError(s.file, line, `unknown helper "${p.original}"`);
      }
    }
  });
}

function walk(node: unknown, visit: (n: AstNode) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit);
  } else if (node && typeof node === 'object') {
    const n = node as AstNode;
    if (typeof n.type === 'string') visit(n);
    for (const [key, value] of Object.entries(n)) if (key !== 'loc' && key !== 'strip') walk(value, visit);
  }
}
