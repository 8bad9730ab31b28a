// "Did you mean …": the closest ids to a mistyped one.

/** Edit distance (insertions, deletions, substitutions), stopping early above `max`. */
export function levenshtein(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (cur[j] < rowMin) rowMin = cur[j];
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/**
 * The ids closest to `id`, best first: small edit distance (at most a quarter of the length, at least
 * 2), or one containing the other ("amazon" -> "amazon-openai-investment"). Case-insensitive.
 */
export function suggestIds(id: string, ids: Iterable<string>, max = 5): string[] {
  const q = id.trim().toLowerCase();
  if (!q) return [];
  const limit = Math.max(2, Math.floor(q.length / 4));
  const scored: { id: string; contains: boolean; d: number }[] = [];
  const seen = new Set<string>();
  for (const cand of ids) {
    if (seen.has(cand)) continue;
    seen.add(cand);
    const c = cand.toLowerCase();
    if (c === q) {
      scored.push({ id: cand, contains: true, d: -1 });
      continue;
    }
    const contains = q.length >= 3 && (c.includes(q) || (c.length >= 3 && q.includes(c)));
    const d = levenshtein(q, c, contains ? Infinity : limit);
    if (d <= limit || contains) scored.push({ id: cand, contains, d });
  }
  scored.sort((a, b) => a.d - b.d || Number(b.contains) - Number(a.contains) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return scored.slice(0, max).map((s) => s.id);
}

/** ` (did you mean "a" or "b"?)`, or '' when nothing is close. */
export function didYouMean(id: string, ids: Iterable<string>, max = 3): string {
  const s = suggestIds(id, ids, max);
  if (!s.length) return '';
  const quoted = s.map((x) => `"${x}"`);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
  return ` (did you mean ${list}?)`;
}
