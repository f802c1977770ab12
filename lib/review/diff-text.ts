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

/**
 * The smallest contiguous run of tokens that differs between two texts, with up to `context` tokens either side;
 * `undefined` when the texts have the same tokens (they differ only in layout). One run covers every
 * difference, so two distant edits show as one.
 */
export function tokenChange(oldText: string, newText: string, context = 6): TokenChange | undefined {
  const a = tokenize(oldText);
  const b = tokenize(newText);
  let start = 0;
  while (start < a.length && start < b.length && a[start].text === b[start].text) start++;
  if (start === a.length && start === b.length) return undefined;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1].text === b[endB - 1].text) {
    endA--;
    endB--;
  }
  const span = (text: string, tokens: Token[], from: number, to: number) => (from >= to ? '' : flat(text.slice(tokens[from].start, tokens[to - 1].end)));
  const before = Math.max(0, start - context);
  const after = Math.min(b.length, endB + context);
  // Spaces around the mark only where the text has them, so `map(‹…›.trim())` reads as written.
  const gap = (from: number, to: number) => (from >= 0 && to < b.length && /\s/.test(newText.slice(b[from].end, b[to].start)) ? ' ' : '');
  const within = [
    before > 0 ? '... ' : '',
    span(newText, b, before, start),
    start > before ? gap(start - 1, start < endB ? start : endB) : '',
    CHANGE_MARK,
    after > endB ? gap(endB > start ? endB - 1 : start - 1, endB) : '',
    span(newText, b, endB, after),
    after < b.length ? ' ...' : '',
  ].join('');
  const change = { old: span(oldText, a, start, endA), new: span(newText, b, start, endB), within };
  return insideStringLiteral(change, context) ?? change;
}

/**
 * When the change is one string literal replaced by another (a message in CEL), the words that differ
 * inside it, with the literal's context around them.
 */
function insideStringLiteral(change: TokenChange, context: number): TokenChange | undefined {
  const literal = /^(["'])(.*)\1$/s;
  const old = literal.exec(change.old);
  const now = literal.exec(change.new);
  if (!old || !now || old[1] !== now[1]) return undefined;
  const inner = tokenChange(old[2], now[2], context);
  return inner && { ...inner, within: change.within.replace(CHANGE_MARK, `${now[1]}${inner.within}${now[1]}`) };
}

/** One line of a line diff: `-` only in the old text, `+` only in the new one. */
export interface LineChange {
  readonly sign: '-' | '+';
  readonly text: string;
}

/** Above this many line pairs the line diff is not computed; every line then shows as replaced. */
const MAX_LINE_PAIRS = 4_000_000;

/** The lines removed and added between two texts (longest common subsequence), in text order. */
export function lineChanges(oldText: string, newText: string): LineChange[] {
  const a = oldText.split('\n');
  const b = newText.split('\n');
  if (a.length * b.length > MAX_LINE_PAIRS) {
    return [...a.map((text) => ({ sign: '-' as const, text })), ...b.map((text) => ({ sign: '+' as const, text }))];
  }
  // common[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const common = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      common[i][j] = a[i] === b[j] ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
    }
  }
  const changes: LineChange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (j >= b.length || (i < a.length && common[i + 1][j] >= common[i][j + 1])) {
      changes.push({ sign: '-', text: a[i++] });
    } else {
      changes.push({ sign: '+', text: b[j++] });
    }
  }
  return changes;
}

function flat(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
