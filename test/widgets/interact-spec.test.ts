/** interact()'s spec: entries it cannot make a control from fail with what to give instead. */
import { describe, expect, it } from 'vitest';
import { widgetFor } from '../../kernel/src/widgets/interact.js';

describe('interact spec', () => {
  it('refuses an empty list or object (a dropdown with nothing to choose)', () => {
    expect(() => widgetFor('kind', {} as never)).toThrow("interact: 'kind' has no options to choose from; give a list ['a', 'b'], an object { label: value }, or [min, max] for a slider");
    expect(() => widgetFor('kind', [] as never)).toThrow("'kind' has no options to choose from");
  });

  it('refuses a reversed range and a value of no known kind', () => {
    expect(() => widgetFor('n', [10, 0])).toThrow("interact: 'n': [min, max] needs min <= max, got [10, 0]");
    expect(() => widgetFor('f', (() => 1) as never)).toThrow(/cannot make a control for 'f'/);
  });
});
