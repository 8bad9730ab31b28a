// A linear-time tokenizer for prose: numbers, words and single symbols with their offsets.
// Whitespace is skipped; each token records whether space came before it, so "$50bn" and
// "$ 50 bn" can be told apart. No regular expression here can backtrack.

export type TokenKind = 'num' | 'word' | 'sym';

export interface Token {
  kind: TokenKind;
  /** Offsets into the scanned text, [start, end). */
  start: number;
  end: number;
  text: string;
  /** Lower-cased text (words), or the text itself. */
  lower: string;
  /** Whitespace (or the start of text) before this token. */
  space: boolean;
  /** A line break inside that whitespace. */
  newline: boolean;
  /** For numbers: the numeric value, digits after the point, and whether commas grouped thousands. */
  value?: number;
  decimals?: number;
  grouped?: boolean;
}

const MAX_DIGITS = 40;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isLetter(c: number): boolean {
  // ASCII letters, Latin-1 and general BMP letters (approximation without a regex).
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x370 && c <= 0x1fff);
}

function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

function isUpperAscii(c: number): boolean {
  return c >= 65 && c <= 90;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x2009 || c === 0x202f || c === 0x200b || c === 12 || c === 11;
}

export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  let i = from;
  let space = true;
  let newline = false;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      space = true;
      if (c === 10 || c === 13) newline = true;
      i++;
      continue;
    }
    const start = i;
    if (isDigit(c) || (c === 46 && i + 1 < to && isDigit(text.charCodeAt(i + 1)) && (i === from || !isDigit(text.charCodeAt(i - 1))))) {
      // Number: 16,000 | 830,000,000,000 | 2.1 | .5 | 2026
      let j = i;
      let intDigits = 0;
      while (j < to && isDigit(text.charCodeAt(j))) {
        j++;
        intDigits++;
      }
      let grouped = false;
      // Thousands groups: only when the first group has 1-3 digits and each group has exactly 3.
      if (intDigits >= 1 && intDigits <= 3) {
        let k = j;
        while (k + 3 < to + 1 && text.charCodeAt(k) === 44 && isDigit(text.charCodeAt(k + 1)) && isDigit(text.charCodeAt(k + 2)) && isDigit(text.charCodeAt(k + 3)) && !(k + 4 < to && isDigit(text.charCodeAt(k + 4)))) {
          k += 4;
          grouped = true;
        }
        j = k;
      }
      let decimals = 0;
      if (j + 1 < to && text.charCodeAt(j) === 46 && isDigit(text.charCodeAt(j + 1))) {
        j++;
        while (j < to && isDigit(text.charCodeAt(j))) {
          j++;
          decimals++;
        }
      }
      const raw = text.slice(start, j);
      const digits = raw.replace(/,/g, '');
      const value = digits.length > MAX_DIGITS ? Number.POSITIVE_INFINITY : Number(digits);
      tokens.push({ kind: 'num', start, end: j, text: raw, lower: raw, space, newline, value, decimals, grouped });
      i = j;
    } else if (isLetter(c)) {
      const j = wordEnd(text, i, to);
      // Keep "U.S." and "Jan." style abbreviations' dots out; they are separate tokens.
      const raw = text.slice(start, j);
      tokens.push({ kind: 'word', start, end: j, text: raw, lower: raw.toLowerCase(), space, newline });
      i = j;
    } else {
      // One symbol (a surrogate pair counts as one symbol).
      let j = i + 1;
      if (c >= 0xd800 && c <= 0xdbff && j < to) {
        const d = text.charCodeAt(j);
        if (d >= 0xdc00 && d <= 0xdfff) j++;
      }
      const raw = text.slice(start, j);
      tokens.push({ kind: 'sym', start, end: j, text: raw, lower: raw, space, newline });
      i = j;
    }
    space = false;
    newline = false;
  }
  return tokens;
}

/** The end of the word token that starts at i (a letter). */
function wordEnd(text: string, i: number, to: number): number {
  let j = i + 1;
  // Split run-together words at a lower-to-Upper-lower change ("billionIn", "AmazonUp" from a
  // flattened table); "OpenAI" and "ChatGPT" stay whole. Aliases are tokenized the same way.
  while (j < to && isLetter(text.charCodeAt(j)) && !(isLower(text.charCodeAt(j - 1)) && isUpperAscii(text.charCodeAt(j)) && isLower(text.charCodeAt(j + 1)))) j++;
  return j;
}

/**
 * Whether `tokenize(text)` would give a number token, or a word token whose lower-cased text is in
 * `words` (each `minLength` to `maxLength` characters long), without making the tokens.
 */
export function hasNumberOrWord(text: string, words: ReadonlySet<string>, minLength: number, maxLength: number): boolean {
  const to = text.length;
  let i = 0;
  while (i < to) {
    const c = text.charCodeAt(i);
    // A number token starts at a digit (or a point before one).
    if (isDigit(c)) return true;
    if (isLetter(c)) {
      const j = wordEnd(text, i, to);
      if (j - i >= minLength && j - i <= maxLength && words.has(text.slice(i, j).toLowerCase())) return true;
      i = j;
    } else i++;
  }
  return false;
}

/** True when token b follows token a with no space between them. */
export function adjacent(a: Token | undefined, b: Token | undefined): boolean {
  return !!a && !!b && a.end === b.start;
}
