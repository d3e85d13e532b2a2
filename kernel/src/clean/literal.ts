/**
 * JavaScript source for a value, so generated code carries learned
 * statistics exactly: numbers round-trip (shortest form, NaN and ±Infinity
 * included), strings are JSON-escaped, Dates become `new Date(ms)`.
 */
export function literal(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : v === Infinity ? 'Infinity' : v === -Infinity ? '-Infinity' : Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'string' || typeof v === 'boolean') return JSON.stringify(v);
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  if (Array.isArray(v) || ArrayBuffer.isView(v)) return `[${Array.from(v as ArrayLike<unknown>, literal).join(', ')}]`;
  if (typeof v === 'object') {
    const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
    return `{ ${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${key(k)}: ${literal(x)}`).join(', ')} }`;
  }
  throw new TypeError(`cannot write ${typeof v} as code`);
}
