/**
 * JUnit XML in the shape CI systems read (GitHub/GitLab test reports, Jenkins'
 * junit-10 XSD, whose attributes it keeps to): one <testcase> per notebook,
 * classname its directory and name its file name. A cell error or timeout, or
 * errors that --allow-errors let through, are a <failure>; a kernel that died or never started, or a notebook that could not
 * be read, is an <error>. Tracebacks lose their ANSI colours and any character
 * XML 1.0 cannot carry.
 */
import { hostname } from 'node:os';
import { basename, dirname } from 'node:path';
import type { NotebookResult } from './notebook-run.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;
// eslint-disable-next-line no-control-regex
const NOT_XML = /[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

export const stripAnsi = (s: string) => s.replace(ANSI, '');

const text = (s: string) => stripAnsi(s).replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const attr = (s: string) => text(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;');

const FAILURES = new Set(['failed', 'timeout', 'errors']);

/** --allow-errors ran every cell: one <failure> lists the cells that raised. */
function allowedErrorsXml(r: NotebookResult): string {
  const message = `${r.errors.length} cell${r.errors.length === 1 ? '' : 's'} raised an error (--allow-errors)`;
  const body = r.errors.map((f) => `Cell ${f.cell}/${r.total} (In [${f.executionCount ?? ' '}]):\n${f.source}\n\n${f.traceback.join('\n')}`).join('\n\n');
  return `\n      <failure type="CellErrors" message="${attr(message)}">${text(body)}</failure>\n    `;
}

function failureXml(r: NotebookResult): string {
  if (r.status === 'ok') return '';
  if (r.status === 'errors') return allowedErrorsXml(r);
  const f = r.failure;
  const kind = FAILURES.has(r.status) ? 'failure' : 'error';
  const message = f ? `${f.ename}: ${f.evalue}` : `notebook ${r.status}`;
  const where = f && f.cell > 0 ? `Cell ${f.cell}/${r.total} (In [${f.executionCount ?? ' '}]):\n${f.source}\n\n` : '';
  const body = where + (f?.traceback.join('\n') ?? message);
  return `\n      <${kind} type="${attr(f?.ename ?? r.status)}" message="${attr(message.slice(0, 1000))}">${text(body)}</${kind}>\n    `;
}

export function junitXml(results: NotebookResult[], suiteName = 'tsml run'): string {
  const count = (k: 'failure' | 'error') => results.filter((r) => r.status !== 'ok' && (k === 'failure') === FAILURES.has(r.status)).length;
  const time = results.reduce((s, r) => s + r.seconds, 0).toFixed(3);
  const totals = `tests="${results.length}" failures="${count('failure')}" errors="${count('error')}" time="${time}"`;
  const cases = results.map((r) => {
    const dir = dirname(r.job.label);
    return `    <testcase classname="${attr(dir === '.' ? 'notebooks' : dir)}" name="${attr(basename(r.job.label))}" time="${r.seconds.toFixed(3)}">${failureXml(r)}</testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attr(suiteName)}" ${totals}>`,
    `  <testsuite name="${attr(suiteName)}" ${totals} skipped="0" timestamp="${new Date().toISOString().slice(0, 19)}" hostname="${attr(hostname())}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
