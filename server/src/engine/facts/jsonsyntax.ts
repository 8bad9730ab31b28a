// Where JSON text goes wrong. JSON.parse's messages carry a position only in some Node versions and
// only for some errors, so a small scanner finds the offset of the first error itself. Iterative
// (an explicit stack), so deep nesting cannot overflow the call stack.

export interface JsonSyntaxError {
  /** UTF-16 offset of the offending character (text.length at an unexpected end). */
  offset: number;
  message: string;
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

function show(text: string, i: number): string {
  if (i >= text.length) return 'end of input';
  const c = text[i];
  return c === '\n' ? 'line break' : JSON.stringify(c);
}

/** The first syntax error of `text` as JSON (RFC 8259), or undefined when it is valid. */
export function findJsonError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const n = text.length;
  const skipWs = () => {
    while (i < n && WS.has(text.charCodeAt(i))) i++;
  };
  const err = (message: string, at = i): JsonSyntaxError => ({ offset: Math.min(at, n), message });

  /** Scans a string starting at the opening quote. */
  const scanString = (): JsonSyntaxError | undefined => {
    const start = i;
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return err('invalid \\u escape in string');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return err(`invalid escape \\${e ?? ''} in string`);
        continue;
      }
      if (c < 0x20) return err(c === 0x0a ? 'unterminated string (line break inside a string)' : 'control character in string');
      i++;
    }
    return err('unterminated string', start);
  };

  const scanValue = (): JsonSyntaxError | 'open' | undefined => {
    const c = text[i];
    if (c === '"') return scanString();
    if (c === '{' || c === '[') return 'open';
    if (c === '-' || (c >= '0' && c <= '9')) {
      const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
      if (!m) return err('invalid number');
      i += m[0].length;
      return undefined;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return undefined;
      }
    }
    if (i >= n) return err('unexpected end of input');
    if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) return err('comments are not allowed in JSON');
    if (c === "'") return err('strings must use double quotes');
    return err(`unexpected ${show(text, i)}`);
  };

  const badKey = (): JsonSyntaxError => {
    if (i >= n) return err('unexpected end of input');
    if (text[i] === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) return err('comments are not allowed in JSON');
    return err(`expected a property name in double quotes, got ${show(text, i)}`);
  };

  // Stack of open containers: '{' or '['.
  const stack: string[] = [];
  skipWs();
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  skipWs();
  if (i >= n) return err('empty input');
  let state: 'value' | 'after-value' = 'value';
  for (let guard = 0; guard <= n * 2 + 10; guard++) {
    skipWs();
    const top = stack[stack.length - 1];
    if (state === 'value') {
      const r = scanValue();
      if (r === 'open') {
        const open = text[i];
        i++;
        skipWs();
        if (open === '{') {
          stack.push('{');
          if (text[i] === '}') {
            i++;
            stack.pop();
            state = 'after-value';
            continue;
          }
          if (text[i] !== '"') return badKey();
          const e = scanString();
          if (e) return e;
          skipWs();
          if (text[i] !== ':') return err(`expected ':' after the property name, got ${show(text, i)}`);
          i++;
          state = 'value';
        } else {
          stack.push('[');
          if (text[i] === ']') {
            i++;
            stack.pop();
            state = 'after-value';
            continue;
          }
          state = 'value';
        }
        continue;
      }
      if (r) return r;
      state = 'after-value';
      continue;
    }
    // after a value
    if (!top) {
      return i < n ? err(`unexpected ${show(text, i)} after the end of the JSON value`) : undefined;
    }
    const c = text[i];
    if (c === ',') {
      i++;
      skipWs();
      if (top === '{') {
        if (text[i] === '}') return err('trailing comma before }');
        if (text[i] !== '"') return badKey();
        const e = scanString();
        if (e) return e;
        skipWs();
        if (text[i] !== ':') return err(`expected ':' after the property name, got ${show(text, i)}`);
        i++;
      } else if (text[i] === ']') return err('trailing comma before ]');
      state = 'value';
      continue;
    }
    if ((top === '{' && c === '}') || (top === '[' && c === ']')) {
      i++;
      stack.pop();
      continue;
    }
    if (i >= n) return err(`unexpected end of input (a ${top === '{' ? 'mapping' : 'list'} is not closed)`);
    if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) return err('comments are not allowed in JSON');
    return err(`expected ',' or '${top === '{' ? '}' : ']'}', got ${show(text, i)}`);
  }
  return undefined;
}
