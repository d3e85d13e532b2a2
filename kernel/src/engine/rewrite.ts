/**
 * REPL rewrite of a cell (already plain JavaScript) into a script that:
 * - carries top-level declarations (const/let/var/function/class/import) to
 *   later cells as global bindings, so they can be re-declared, as in a REPL;
 * - runs inside an async function, so top-level `await` works;
 * - returns the value of the last expression statement (the cell's Out[n]);
 * - resolves static and dynamic imports through the kernel's resolver;
 * - polls the interrupt flag at every loop iteration, so even a loop that only
 *   awaits resolved promises (and thus starves the event loop) stops on interrupt.
 * Every edit stays on its line, so runtime line numbers equal the cell's.
 */
import * as acorn from 'acorn';
import { Edits } from './edits.js';

/** The global through which rewritten code reaches the kernel runtime. */
export const RUNTIME = '__tsml_rt';
export const CHECK = '__tsml_chk';

export interface ImportBinding {
  local: string;
  specifier: string;
  /** The export it binds: a name, 'default', or '*' for a namespace. */
  imported: string;
}

export interface Rewritten {
  code: string;
  /** Names this cell declares at top level (for completion). */
  declared: string[];
  /** Static imports, so inspect can find a binding's type declarations. */
  imports: ImportBinding[];
}

type AnyNode = acorn.Node & Record<string, any>;

const LOOPS = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement']);

export function parseScript(js: string): acorn.Program {
  return acorn.parse(js, {
    ecmaVersion: 'latest',
    sourceType: 'script',
    allowAwaitOutsideFunction: true,
    allowImportExportEverywhere: true,
    allowHashBang: true,
  });
}

function patternNames(node: AnyNode | null, out: string[]): void {
  if (!node) return;
  switch (node.type) {
    case 'Identifier':
      out.push(node.name);
      break;
    case 'ObjectPattern':
      for (const p of node.properties) patternNames(p.type === 'RestElement' ? p.argument : p.value, out);
      break;
    case 'ArrayPattern':
      for (const e of node.elements) patternNames(e, out);
      break;
    case 'RestElement':
      patternNames(node.argument, out);
      break;
    case 'AssignmentPattern':
      patternNames(node.left, out);
      break;
  }
}

/** Visits every node; loops get an interrupt check, import() and import.meta go through the runtime. */
function instrument(node: AnyNode, edits: Edits): void {
  if (LOOPS.has(node.type)) {
    const body = node.body as AnyNode;
    if (body.type === 'BlockStatement') edits.insert(body.start + 1, `${CHECK}();`);
    else {
      edits.insert(body.start, `{${CHECK}();`);
      edits.insert(body.end, '}');
    }
  } else if (node.type === 'ImportExpression') {
    edits.replace(node.start, node.start + 'import'.length, `${RUNTIME}.import`, '');
  } else if (node.type === 'MetaProperty' && node.meta.name === 'import') {
    edits.replace(node.start, node.end, `${RUNTIME}.importMeta`, '');
  }
  for (const key in node) {
    if (key === 'loc' || key === 'range') continue;
    const v = node[key];
    if (Array.isArray(v)) {
      for (const c of v) if (c && typeof c.type === 'string') instrument(c, edits);
    } else if (v && typeof v === 'object' && typeof v.type === 'string') {
      instrument(v, edits);
    }
  }
}

let importSeq = 0;

function rewriteImport(node: AnyNode, js: string, edits: Edits, declared: string[], imports: ImportBinding[]): void {
  const source = JSON.stringify(node.source.value);
  const attrs = node.attributes?.length
    ? `, {with: {${node.attributes.map((a: AnyNode) => `${JSON.stringify(a.key.name ?? a.key.value)}: ${JSON.stringify(a.value.value)}`).join(', ')}}}`
    : '';
  const m = `__tsml_m${importSeq++}`;
  const parts = [`;const ${m} = await ${RUNTIME}.import(${source}${attrs});`];
  for (const s of node.specifiers as AnyNode[]) {
    const local = s.local.name;
    declared.push(local);
    const specifier = String(node.source.value);
    if (s.type === 'ImportDefaultSpecifier') {
      parts.push(`${local} = ${RUNTIME}.defaultOf(${m});`);
      imports.push({ local, specifier, imported: 'default' });
    } else if (s.type === 'ImportNamespaceSpecifier') {
      parts.push(`${local} = ${m};`);
      imports.push({ local, specifier, imported: '*' });
    } else {
      const imported = s.imported.type === 'Identifier' ? s.imported.name : s.imported.value;
      parts.push(`${local} = ${RUNTIME}.named(${m}, ${JSON.stringify(imported)}, ${source});`);
      imports.push({ local, specifier, imported });
    }
  }
  edits.replace(node.start, node.end, parts.join(' '), js);
}

function rewriteVariables(node: AnyNode, edits: Edits, declared: string[]): void {
  edits.replace(node.start, node.start + node.kind.length, ';void (', '');
  for (const d of node.declarations as AnyNode[]) {
    patternNames(d.id, declared);
    if (!d.init) {
      // `var x;` keeps x's value (JS semantics); `let x;` re-declared in a REPL means undefined.
      edits.insert(d.id.end, node.kind === 'var' ? '' : ' = undefined');
    }
  }
  const last = node.declarations[node.declarations.length - 1] as AnyNode;
  edits.insert(last.end, ')');
}

/** Rewrites a cell's JavaScript into a script for `vm.Script#runInThisContext`. */
export function rewriteCell(js: string, program: acorn.Program = parseScript(js)): Rewritten {
  const edits = new Edits();
  const declared: string[] = [];
  const imports: ImportBinding[] = [];
  const functions: string[] = [];
  const body = program.body as AnyNode[];

  body.forEach((raw, i) => {
    let node = raw;
    if (node.type === 'ExportNamedDeclaration' || node.type === 'ExportDefaultDeclaration') {
      if (!node.declaration) {
        edits.replace(node.start, node.end, ';', js); // `export { a }` has no meaning in a notebook
        return;
      }
      edits.replace(node.start, node.declaration.start, '', js);
      node = node.declaration;
    }
    switch (node.type) {
      case 'ImportDeclaration':
        return rewriteImport(node, js, edits, declared, imports);
      case 'VariableDeclaration':
        instrument(node, edits);
        return rewriteVariables(node, edits, declared);
      case 'FunctionDeclaration':
        if (node.id) {
          declared.push(node.id.name);
          functions.push(node.id.name);
        }
        return instrument(node, edits);
      case 'ClassDeclaration':
        if (node.id) {
          declared.push(node.id.name);
          edits.insert(node.start, `;${node.id.name} = `);
          edits.insert(node.end, ';');
        }
        return instrument(node, edits);
      case 'ExpressionStatement':
        instrument(node, edits);
        if (i === body.length - 1) {
          // The statement, not its expression: acorn's expression span excludes wrapping parens.
          const end = js[node.end - 1] === ';' ? node.end - 1 : node.end;
          edits.insert(node.start, 'return [(');
          edits.insert(end, ')]');
        }
        return;
      default:
        return instrument(node, edits);
    }
  });

  const unique = [...new Set(declared)];
  const hoist = unique.length ? `var ${unique.join(', ')}; ` : '';
  const fnAssign = functions.map((f) => `${RUNTIME}.g.${f} = ${f};`).join(' ');
  const prefix = `${hoist}(async () => { const ${CHECK} = ${RUNTIME}.check; ${fnAssign}`;
  return { code: `${prefix}${edits.apply(js)}\n})()`, declared: unique, imports };
}
