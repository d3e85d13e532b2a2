/** Every function and class a cell reaches through `tsml.*` has a declaration and a doc comment, which inspect (Shift+Tab) shows. */
import { describe, expect, it } from 'vitest';
import * as api from '../../kernel/src/index.js';
import { moduleDoc } from '../../kernel/src/engine/docs.js';

describe('tsml API docs', () => {
  it('documents every exported function and class (from the built declaration files)', () => {
    const undocumented = Object.entries(api)
      .filter(([, v]) => typeof v === 'function')
      .map(([name]) => [name, moduleDoc('tsml', [name], process.cwd())] as const)
      .filter(([, d]) => !d?.doc)
      .map(([name]) => name);
    expect(undocumented).toEqual([]);
  });

  it('reaches the datasets and their generators', () => {
    expect(moduleDoc('tsml', ['datasets', 'census'], process.cwd())?.signature).toMatch(/^export declare function census\(/);
  });
});
