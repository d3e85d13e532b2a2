import { describe, expect, it } from 'vitest';
import { isTsmlMime, tsmlBundle, TsmlMime } from '../../kernel/src/mime/index.js';
import { formatValue } from '../../kernel/src/display/format.js';

describe('MIME contract', () => {
  it('builds tsml bundles that always carry html and plain fallbacks', () => {
    const b = tsmlBundle(TsmlMime.table, { rows: 3 }, { html: '<table></table>', text: 'Table 3 rows' });
    expect(b).toEqual({ [TsmlMime.table]: { rows: 3 }, 'text/html': '<table></table>', 'text/plain': 'Table 3 rows' });
    expect(isTsmlMime(TsmlMime.loss)).toBe(true);
    expect(isTsmlMime('text/html')).toBe(false);
    for (const m of Object.values(TsmlMime)) expect(m).toMatch(/^application\/vnd\.tsml\.[a-z]+\.v1\+json$/);
  });

  it('formats self-displaying values and adds text/plain when missing', async () => {
    const v = { [Symbol.for('Jupyter.display')]: () => ({ 'text/html': '<b>x</b>', metadata: { 'text/html': { isolated: true } } }) };
    const f = await formatValue(v);
    expect(f.data['text/html']).toBe('<b>x</b>');
    expect(typeof f.data['text/plain']).toBe('string');
    expect(f.metadata).toEqual({ 'text/html': { isolated: true } });
  });

  it('keeps rendering failures visible instead of throwing', async () => {
    const v = { [Symbol.for('Jupyter.display')]: () => { throw new Error('broken renderer') } };
    expect(String((await formatValue(v)).data['text/plain'])).toMatch(/rendering failed: broken renderer/);
  });
});
