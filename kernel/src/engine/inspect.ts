/**
 * inspect_request and `?name` help: what the name under the cursor is (kind,
 * signature, value preview) and its documentation, taken from the JSDoc comment
 * before its declaration in the notebook's cells.
 */
import { inspect as nodeInspect } from 'node:util';
import { chainAround, codePointsToIndex, evaluateChain, signatureOf, splitChain } from './introspect.js';

const BOLD = '\x1b[1m';
const RESET = '\x1b[0m';

export interface InspectResult {
  found: boolean;
  text: string;
}

/** JSDoc of `name` from the most recent cell that declares it. */
export function docFor(name: string, sources: string[]): string | undefined {
  const escaped = name.replace(/\$/g, '\\$');
  const decl = new RegExp(
    String.raw`/\*\*((?:(?!\*/)[\s\S])*)\*/\s*(?:export\s+)?(?:async\s+)?(?:function\s*\*?\s*${escaped}\b|class\s+${escaped}\b|(?:const|let|var)\s+${escaped}\b)`,
  );
  for (let i = sources.length - 1; i >= 0; i--) {
    const m = decl.exec(sources[i]);
    if (m) {
      return m[1]
        .split('\n')
        .map((l) => l.replace(/^\s*\*\s?/, '').trimEnd())
        .join('\n')
        .trim();
    }
  }
  return undefined;
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'function') return /^class[\s{]/.test(Function.prototype.toString.call(value)) ? 'class' : 'function';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}

/** Describes a chain such as `Math.floor` or `model.fit`; `detail` 1 adds the source. */
export function describe(chain: string, detail: 0 | 1, sources: string[]): InspectResult {
  const { found, value } = evaluateChain(chain);
  if (!found) return { found: false, text: '' };
  const name = splitChain(chain).at(-1)!;
  const lines = [`${BOLD}Name:${RESET}      ${chain}`, `${BOLD}Kind:${RESET}      ${kind(value)}`];
  if (typeof value === 'function') {
    lines.push(`${BOLD}Signature:${RESET} ${signatureOf(name, value)}`);
  } else {
    const preview = nodeInspect(value, { depth: 1, maxArrayLength: 10, maxStringLength: 200, breakLength: 80 });
    lines.push(`${BOLD}Value:${RESET}     ${preview.length > 800 ? preview.slice(0, 800) + ' …' : preview}`);
  }
  const doc = docFor(name, sources);
  if (doc) lines.push(`${BOLD}Docstring:${RESET}\n${doc}`);
  if (detail === 1 && typeof value === 'function') {
    lines.push(`${BOLD}Source:${RESET}\n${Function.prototype.toString.call(value)}`);
  }
  return { found: true, text: lines.join('\n') };
}

export function inspectAt(code: string, cursorPos: number, detail: 0 | 1, sources: string[]): InspectResult {
  const index = codePointsToIndex(code, cursorPos);
  const { chain } = chainAround(code, index);
  if (!chain) return { found: false, text: '' };
  return describe(chain, detail, sources);
}

/** `?expr`, `expr?` (and `??` for source) in a cell ask for help instead of running code. */
export function helpRequest(code: string): { chain: string; detail: 0 | 1 } | undefined {
  const m = /^\s*(\?{1,2})\s*([A-Za-z_$][\w$.]*)\s*$/.exec(code) ?? /^\s*([A-Za-z_$][\w$.]*)\s*(\?{1,2})\s*$/.exec(code);
  if (!m) return undefined;
  const [q, chain] = m[1].startsWith('?') ? [m[1], m[2]] : [m[2], m[1]];
  return { chain, detail: q.length === 2 ? 1 : 0 };
}
