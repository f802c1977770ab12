/**
 * Changes inside long strings, shown as a reviewer reads them: a CEL or PromQL expression by the tokens
 * that differ, with a few tokens of context around them; multi-line text by the lines that differ. Two
 * 600-character strings that differ in one name are one name changed, not two strings.
 */

/** A token and where it sits in its text. */
interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

// Quoted strings, numbers with units or exponents, identifiers (PromQL metric names may hold colons), two-character
// operators, then any other single character. Whitespace separates tokens and is never one: layout is not meaning.
const TOKEN = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?[a-zA-Z]*|\.\d+|[A-Za-z_:][\w:]*|[=!<>]=|=~|!~|&&|\|\||\S/g;

function tokenize(text: string): Token[] {
  return [...text.matchAll(TOKEN)].map((m) => ({ text: m[0], start: m.index!, end: m.index! + m[0].length }));
}

/** The differing run of tokens between two texts, and where it sits. */
export interface TokenChange {
  /** The differing part of the old text, as written there ('' when tokens were only added). */
  readonly old: string;
  /** The differing part of the new text. */
  readonly new: string;
  /** The new text around the change, with the change itself written {@link CHANGE_MARK}; `...` where context was cut. */
  readonly within: string;
}

/** Stands for the changed tokens in {@link TokenChange.within}. */
export const CHANGE_MARK = '‹…›';

/** Equal tokens between two differing runs up to which they are shown as one change. */
const JOIN_GAP = 2;

/**
 * The runs of tokens that differ between two texts, each with up to `context` tokens either side; empty
 * when the texts have the same tokens (they differ only in layout). Runs closer than {@link JOIN_GAP}
 * equal tokens are one change; a run that replaces one string literal by another is refined to the
 * words that differ inside it.
 */
export function tokenChanges(oldText: string, newText: string, context = 6): TokenChange[] {
  const a = tokenize(oldText);
  const b = tokenize(newText);
  const hunks = differingRuns(a.map((t) => t.text), b.map((t) => t.text));
  const span = (text: string, tokens: Token[], from: number, to: number) => (from >= to ? '' : flat(text.slice(tokens[from].start, tokens[to - 1].end)));
  // Spaces around the mark only where the text has them, so `map(‹…›.trim())` reads as written.
  const spaced = (from: number, to: number) => /\s/.test(newText.slice(b[from].end, b[to].start)) ? ' ' : '';
  return hunks.flatMap(([startA, endA, startB, endB]) => {
    const before = Math.max(0, startB - context);
    const after = Math.min(b.length, endB + context);
    const within = [
      before > 0 ? '... ' : '',
      span(newText, b, before, startB),
      startB > before ? spaced(startB - 1, startB < endB ? startB : endB) : '',
      CHANGE_MARK,
      after > endB ? spaced(endB > startB ? endB - 1 : startB - 1, endB) : '',
      span(newText, b, endB, after),
      after < b.length ? ' ...' : '',
    ].join('');
    const change = { old: span(oldText, a, startA, endA), new: span(newText, b, startB, endB), within };
    return insideStringLiteral(change, context) ?? [change];
  });
}

/**
 * When the change is one string literal replaced by another (a message in CEL), the words that differ
 * inside it, with the literal's context around them.
 */
function insideStringLiteral(change: TokenChange, context: number): TokenChange[] | undefined {
  const literal = /^(["'])(.*)\1$/s;
  const old = literal.exec(change.old);
  const now = literal.exec(change.new);
  if (!old || !now || old[1] !== now[1]) return undefined;
  const inner = tokenChanges(old[2], now[2], context);
  return inner.length === 0 ? undefined : inner.map((c) => ({ ...c, within: change.within.replace(CHANGE_MARK, `${now[1]}${c.within}${now[1]}`) }));
}

/** Above this many token or line pairs no common subsequence is computed: everything is one change. */
const MAX_PAIRS = 4_000_000;

/**
 * The longest common subsequence of two lists as an edit script: `=` kept, `-` only in `a`, `+` only in `b`,
 * removals before additions within each change.
 */
function editScript(a: readonly string[], b: readonly string[]): Array<'=' | '-' | '+'> {
  if (a.length * b.length > MAX_PAIRS) return [...a.map(() => '-' as const), ...b.map(() => '+' as const)];
  // common[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const common = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      common[i][j] = a[i] === b[j] ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
    }
  }
  const script: Array<'=' | '-' | '+'> = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      script.push('=');
      i++;
      j++;
    } else if (j >= b.length || (i < a.length && common[i + 1][j] >= common[i][j + 1])) {
      script.push('-');
      i++;
    } else {
      script.push('+');
      j++;
    }
  }
  return script;
}

/** The differing runs as `[startA, endA, startB, endB]`, runs fewer than {@link JOIN_GAP} equal tokens apart joined. */
function differingRuns(a: readonly string[], b: readonly string[]): Array<[number, number, number, number]> {
  const runs: Array<[number, number, number, number]> = [];
  let i = 0;
  let j = 0;
  let open: [number, number, number, number] | undefined;
  for (const step of editScript(a, b)) {
    if (step === '=') {
      open = undefined;
      i++;
      j++;
      continue;
    }
    if (!open) {
      const last = runs[runs.length - 1];
      if (last && i - last[1] <= JOIN_GAP) open = last;
      else runs.push((open = [i, i, j, j]));
    }
    if (step === '-') open[1] = ++i;
    else open[3] = ++j;
    // A joined run spans the equal tokens between its parts on both sides.
    open[1] = Math.max(open[1], i);
    open[3] = Math.max(open[3], j);
  }
  return runs;
}

/** One line of a line diff: `-` only in the old text, `+` only in the new one. */
export interface LineChange {
  /** `-` removed, `+` added. */
  readonly sign: '-' | '+';
  /** The line, without its line break. */
  readonly text: string;
}

/** The lines removed and added between two texts (longest common subsequence), in text order. */
export function lineChanges(oldText: string, newText: string): LineChange[] {
  const a = oldText.split('\n');
  const b = newText.split('\n');
  const changes: LineChange[] = [];
  let i = 0;
  let j = 0;
  for (const step of editScript(a, b)) {
    if (step === '=') {
      i++;
      j++;
    } else if (step === '-') changes.push({ sign: '-', text: a[i++] });
    else changes.push({ sign: '+', text: b[j++] });
  }
  return changes;
}

function flat(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
