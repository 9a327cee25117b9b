// CSV text as rows of fields: the one parser of the import module's files and of the classifier's labelled files.
/**
 * An incremental RFC 4180 parser: chunks of text in, complete rows out (quoted fields may hold commas, doubled
 * quotes and line breaks, also across chunks). Rows are numbered by the line they start on.
 */
export class CsvParser {
  private field = '';
  private row: string[] = [];
  private inQuotes = false;
  /** A quote seen at the end of a chunk inside a quoted field: a doubled quote or the closing one. */
  private quoteAtEnd = false;
  private afterCr = false;
  private started = false;
  private line = 1;
  private rowLine = 1;

  push(text: string, emit: (cells: string[], line: number) => void): void {
    let i = 0;
    const n = text.length;
    if (this.quoteAtEnd) {
      this.quoteAtEnd = false;
      if (text[0] === '"') { this.field += '"'; i = 1; } else this.inQuotes = false;
    }
    while (i < n) {
      if (this.inQuotes) {
        const q = text.indexOf('"', i);
        if (q < 0) { this.count(text, i, n); this.field += text.slice(i); return; }
        this.count(text, i, q);
        this.field += text.slice(i, q);
        if (q + 1 >= n) { this.quoteAtEnd = true; return; }
        if (text[q + 1] === '"') { this.field += '"'; i = q + 2; } else { this.inQuotes = false; i = q + 1; }
        continue;
      }
      const c = text.charCodeAt(i);
      if (this.afterCr) {
        this.afterCr = false;
        if (c === 10) { i++; continue; }
      }
      if (c === 34 && this.field === '') { this.inQuotes = true; this.started = true; i++; continue; }
      if (c === 44) { this.row.push(this.field); this.field = ''; this.started = true; i++; continue; }
      if (c === 13 || c === 10) {
        this.endRow(emit);
        this.line++;
        this.rowLine = this.line;
        this.afterCr = c === 13;
        i++;
        continue;
      }
      // A run of ordinary characters at once.
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 44 || d === 13 || d === 10 || d === 34) break;
        j++;
      }
      this.field += text.slice(i, j);
      this.started = true;
      i = j;
    }
  }

  /** The last row; throws on an unclosed quote. */
  end(emit: (cells: string[], line: number) => void): void {
    if (this.quoteAtEnd) { this.quoteAtEnd = false; this.inQuotes = false; }
    if (this.inQuotes) throw this.unclosedQuote(this.rowLine);
    this.endRow(emit);
  }

  /** The error for a quote still open at the end of the text, on the line its row starts (a subclass may refine it). */
  protected unclosedQuote(line: number): Error {
    return new Error(`第 ${line} 行：引号未闭合`);
  }

  private endRow(emit: (cells: string[], line: number) => void): void {
    if (this.started || this.field !== '' || this.row.length) {
      this.row.push(this.field);
      emit(this.row, this.rowLine);
    }
    this.row = [];
    this.field = '';
    this.started = false;
  }

  private count(text: string, from: number, to: number): void {
    for (let k = text.indexOf('\n', from); k >= 0 && k < to; k = text.indexOf('\n', k + 1)) this.line++;
  }
}
