/**
 * A minimal position-based editor: insertions and replacements against the
 * original string, applied in one pass. Inserted text never contains newlines
 * (replacements keep the count of the lines they replace), which keeps every
 * line of generated code on the line the user wrote it on — so stack traces
 * point at the user's cell lines without a source map.
 */
interface Edit {
  start: number;
  end: number;
  text: string;
  seq: number;
}

export class Edits {
  private edits: Edit[] = [];
  private seq = 0;

  insert(pos: number, text: string): void {
    this.edits.push({ start: pos, end: pos, text, seq: this.seq++ });
  }

  /** Replaces [start, end); newlines inside the range are kept after the new text. */
  replace(start: number, end: number, text: string, original: string): void {
    const newlines = original.slice(start, end).split('\n').length - 1;
    this.edits.push({ start, end, text: text + '\n'.repeat(newlines), seq: this.seq++ });
  }

  apply(source: string): string {
    const sorted = [...this.edits].sort((a, b) => a.start - b.start || a.end - b.end || a.seq - b.seq);
    let out = '';
    let cursor = 0;
    for (const e of sorted) {
      if (e.start < cursor) continue; // overlaps an earlier replacement: that replacement wins
      out += source.slice(cursor, e.start) + e.text;
      cursor = e.end;
    }
    return out + source.slice(cursor);
  }
}
