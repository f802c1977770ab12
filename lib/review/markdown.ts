/** Small Markdown builders for the generated pages; every cell is escaped so spec text cannot break a table. */

/** A Markdown table; `align` marks columns to right-align (numbers). */
export function table(headers: readonly string[], rows: ReadonlyArray<readonly string[]>, align: readonly boolean[] = []): string {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const rule = `|${headers.map((_, i) => (align[i] ? '---:' : '---')).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

/** A table cell: pipes escaped, line breaks flattened, empty cells stay empty. */
export function cell(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').trim();
  return flat;
}

/** Inline code, for names and values a reader may search for. */
export function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}
