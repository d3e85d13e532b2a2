/**
 * Documentation for inspect: the declaration text and JSDoc of a name, read
 * from `.d.ts` files — TypeScript's own lib files for JavaScript builtins
 * (`Math.floor`, `[].push`) and a package's type declarations for its exports
 * (`tf.tensor`, `aq.table`). Files are only parsed (no type-check), once each,
 * and the TypeScript compiler is loaded on the first request, never at start.
 */
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as TS from 'typescript';

export interface Doc {
  /** The declaration as written, without body, e.g. `floor(x: number): number;`. */
  signature: string;
  doc?: string;
  /** For a class (or a builtin's constructor interface): its constructor signatures, one a line. */
  ctor?: string;
}

interface Decl extends Doc {
  members: Map<string, Doc>;
  /** For `declare var Math: Math`: the interface that describes the value. */
  typeName?: string;
}

interface FileIndex {
  decls: Map<string, Decl>;
  /** Local name → module file whose namespace it is (`export * as layers from './layers'`). */
  namespaces: Map<string, string>;
  /** Exported name → [file, name there]. */
  reexports: Map<string, [string, string]>;
  star: string[];
}

const require = createRequire(import.meta.url);
let ts: typeof TS | undefined;
const indexes = new Map<string, FileIndex>();

function tsApi(): typeof TS {
  return (ts ??= require('typescript') as typeof TS);
}

function jsDoc(node: TS.Node): string | undefined {
  const t = tsApi();
  const docs = (node as { jsDoc?: TS.JSDoc[] }).jsDoc;
  if (!docs?.length) return undefined;
  const d = docs[docs.length - 1];
  const text = [t.getTextOfJSDocComment(d.comment) ?? ''];
  for (const tag of d.tags ?? []) {
    const name = t.isJSDocParameterTag(tag) ? ` ${tag.name.getText()}` : '';
    text.push(`@${tag.tagName.text}${name} ${t.getTextOfJSDocComment(tag.comment) ?? ''}`.trimEnd());
  }
  return text.join('\n').trim() || undefined;
}

function declText(node: TS.Node, sf: TS.SourceFile): string {
  const text = node.getText(sf);
  const brace = /^(?:export\s+)?(?:declare\s+)?(?:abstract\s+)?(?:class|interface|namespace|module)\b/.test(text) ? text.indexOf('{') : -1;
  return (brace > 0 ? text.slice(0, brace) : text).replace(/\s+/g, ' ').trim();
}

function nameOf(node: TS.Node): string | undefined {
  const n = (node as { name?: TS.Node }).name;
  return n && tsApi().isIdentifier(n) ? n.text : n && tsApi().isStringLiteral(n) ? n.text : undefined;
}

function resolveModule(spec: string, fromFile: string): string | undefined {
  if (!spec.startsWith('.')) return typesEntry(spec, dirname(fromFile));
  const base = resolvePath(dirname(fromFile), spec).replace(/\.(m|c)?js$/, '');
  for (const c of [`${base}.d.ts`, `${base}.d.mts`, `${base}.d.cts`, join(base, 'index.d.ts')]) if (existsSync(c)) return c;
  return undefined;
}

function indexFile(file: string): FileIndex {
  const cached = indexes.get(file);
  if (cached) return cached;
  const t = tsApi();
  const sf = t.createSourceFile(file, readFileSync(file, 'utf8'), t.ScriptTarget.Latest, true);
  const idx: FileIndex = { decls: new Map(), namespaces: new Map(), reexports: new Map(), star: [] };
  indexes.set(file, idx);
  const add = (name: string, node: TS.Node, members: Map<string, Doc> = new Map(), ctor?: string) => {
    const prev = idx.decls.get(name);
    if (!prev) {
      idx.decls.set(name, { signature: declText(node, sf), doc: jsDoc(node), members, ctor });
      return;
    }
    for (const [k, v] of members) if (!prev.members.has(k)) prev.members.set(k, v); // declarations merge
    prev.ctor ??= ctor;
  };
  for (const st of sf.statements) {
    if (t.isInterfaceDeclaration(st) || t.isClassDeclaration(st)) {
      const members = new Map<string, Doc>();
      const ctors: string[] = [];
      for (const m of st.members as TS.NodeArray<TS.Node>) {
        if (t.isConstructorDeclaration(m) || t.isConstructSignatureDeclaration(m)) ctors.push(declText(m, sf));
        const n = nameOf(m);
        if (n && !members.has(n)) members.set(n, { signature: declText(m, sf), doc: jsDoc(m) });
      }
      if (st.name) add(st.name.text, st, members, ctors.join('\n') || undefined);
    } else if (t.isFunctionDeclaration(st) && st.name) {
      if (!idx.decls.has(st.name.text)) add(st.name.text, st);
    } else if (t.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (!t.isIdentifier(d.name)) continue;
        const typeName = d.type && t.isTypeReferenceNode(d.type) && t.isIdentifier(d.type.typeName) ? d.type.typeName.text : undefined;
        const prev = idx.decls.get(d.name.text);
        if (prev) prev.typeName ??= typeName; // `interface Math` + `declare var Math: Math`
        else idx.decls.set(d.name.text, { signature: declText(st, sf), doc: jsDoc(st), members: new Map(), typeName });
      }
    } else if (t.isExportDeclaration(st) && st.moduleSpecifier && t.isStringLiteral(st.moduleSpecifier)) {
      const target = resolveModule(st.moduleSpecifier.text, file);
      if (!target) continue;
      if (!st.exportClause) idx.star.push(target);
      else if (t.isNamespaceExport(st.exportClause)) idx.namespaces.set(st.exportClause.name.text, target);
      else for (const e of st.exportClause.elements) idx.reexports.set(e.name.text, [target, (e.propertyName ?? e.name).text]);
    } else if (t.isImportDeclaration(st) && t.isStringLiteral(st.moduleSpecifier)) {
      const b = st.importClause?.namedBindings;
      const target = resolveModule(st.moduleSpecifier.text, file);
      if (!target || !b) continue;
      if (t.isNamespaceImport(b)) idx.namespaces.set(b.name.text, target);
      else for (const e of b.elements) idx.reexports.set(e.name.text, [target, (e.propertyName ?? e.name).text]);
    }
  }
  return idx;
}

type Found = { kind: 'decl'; decl: Decl; file: string } | { kind: 'module'; file: string };

/** Finds an exported name in a declaration file, following re-exports (bounded depth). */
function findExport(file: string, name: string, depth = 0): Found | undefined {
  if (depth > 12) return undefined;
  const idx = indexFile(file);
  const decl = idx.decls.get(name);
  if (decl) return { kind: 'decl', decl, file };
  const ns = idx.namespaces.get(name);
  if (ns) return { kind: 'module', file: ns };
  const re = idx.reexports.get(name);
  if (re) return findExport(re[0], re[1], depth + 1);
  for (const s of idx.star) {
    const f = findExport(s, name, depth + 1);
    if (f) return f;
  }
  return undefined;
}

/** The `.d.ts` entry of a package (its `types`, or `@types/<name>`), resolved from `fromDir` upward. */
export function typesEntry(pkg: string, fromDir: string): string | undefined {
  const name = pkg.startsWith('node:') ? 'node' : pkg;
  const candidates = [name, `@types/${name.startsWith('@') ? name.slice(1).replace('/', '__') : name}`];
  for (let dir = fromDir; ; dir = dirname(dir)) {
    for (const c of candidates) {
      const root = join(dir, 'node_modules', c);
      const pj = join(root, 'package.json');
      if (!existsSync(pj)) continue;
      const meta = JSON.parse(readFileSync(pj, 'utf8'));
      const exp = meta.exports?.['.'];
      const fromExports = typeof exp === 'object' ? (exp.types ?? exp.import?.types ?? exp.require?.types) : undefined;
      const entry = [fromExports, meta.types, meta.typings, 'index.d.ts'].find((e) => typeof e === 'string' && existsSync(join(root, e)));
      if (entry) return join(root, entry);
    }
    if (dirname(dir) === dir) return undefined;
  }
}

let libFiles: string[] | undefined;
function libs(): string[] {
  if (!libFiles) {
    const dir = dirname(require.resolve('typescript'));
    libFiles = readdirSync(dir)
      .filter((f) => /^lib\.es(5|20\d\d(\.[a-z.]+)?)\.d\.ts$/.test(f) && !f.includes('.full.'))
      .map((f) => join(dir, f));
  }
  return libFiles;
}

function inLibs(name: string): Decl | undefined {
  let merged: Decl | undefined;
  for (const f of libs()) {
    const d = indexFile(f).decls.get(name);
    if (!d) continue;
    if (!merged) merged = { ...d, members: new Map(d.members) };
    else for (const [k, v] of d.members) if (!merged.members.has(k)) merged.members.set(k, v);
  }
  return merged;
}

/** Docs of a JavaScript builtin: `Math.floor` (static) or `Array.push` (instance member of interface Array). */
export function builtinDoc(path: string[]): Doc | undefined {
  const root = inLibs(path[0]);
  if (!root) return undefined;
  if (path.length === 1) return { ...root, ctor: root.ctor ?? inLibs(root.typeName ?? `${path[0]}Constructor`)?.ctor };
  const holder = root.typeName ? inLibs(root.typeName) : inLibs(`${path[0]}Constructor`) ?? root;
  return holder?.members.get(path[1]) ?? root.members.get(path[1]);
}

const KERNEL_DIR = dirname(fileURLToPath(import.meta.url));

/** The kernel's own declarations (what `import … from 'tsml'` gives a cell, and the `tsml` global): its package's `types`. */
function ownTypes(specifier: string): string | undefined {
  if (specifier !== 'tsml') return undefined;
  for (let dir = KERNEL_DIR; dirname(dir) !== dir; dir = dirname(dir)) {
    const pj = join(dir, 'package.json');
    if (!existsSync(pj)) continue;
    const meta = JSON.parse(readFileSync(pj, 'utf8'));
    return meta.name === 'tsml' && typeof meta.types === 'string' ? join(dir, meta.types) : undefined;
  }
  return undefined;
}

/** Docs of `exportName.member…` exported by a package, found where the kernel's import finds it. */
export function moduleDoc(specifier: string, path: string[], fromDir: string): Doc | undefined {
  const entry = ownTypes(specifier) ?? typesEntry(specifier, fromDir) ?? typesEntry(specifier, KERNEL_DIR);
  if (!entry) return undefined;
  let found: Found | undefined = { kind: 'module', file: entry };
  for (const seg of path) {
    if (!found) return undefined;
    if (found.kind === 'module') found = findExport(found.file, seg);
    else {
      const m = found.decl.members.get(seg);
      if (!m) return undefined;
      found = { kind: 'decl', decl: { ...m, members: new Map() }, file: found.file };
    }
  }
  return found?.kind === 'decl' ? found.decl : undefined;
}
