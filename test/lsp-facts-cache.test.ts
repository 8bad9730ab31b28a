// Facts read back from the cache check drafts exactly as facts parsed from the file.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFactBase } from '../server/src/engine/claims/factbase.js';
import { checkDocument } from '../server/src/engine/check.js';
import { parseFactsText } from '../server/src/engine/facts/load.js';
import { FactsCache } from '../server/src/engine/facts/diskcache.js';
import { longDraft, MIXED, FOOTNOTES, EMOJI_CRLF } from './fixtures/lsp/drafts.js';
import { FACTS_DIR } from './helpers/bundled.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factlint-cache-unit-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the facts cache', () => {
  it('gives back facts that check every draft the same', async () => {
    const file = path.join(FACTS_DIR, 'amazon-openai.facts.yaml');
    const text = fs.readFileSync(file, 'utf8');
    const parsed = parseFactsText(text, file);
    expect(parsed.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const cache = new FactsCache(dir);
    const key = cache.key([{ file, text }]);
    expect(cache.key([{ file, text: `${text} ` }])).not.toBe(key);
    expect(cache.key([{ file: `${file}x`, text }])).not.toBe(key);
    cache.put(key, { ...parsed, problems: [] });
    // Written at once: a session that ends right after loading leaves it for the next.
    expect(cache.get(key)).toBeDefined();
    const back = cache.get(key)!;
    expect(back.problems).toEqual([]);
    expect([...back.locations]).toEqual([...parsed.locations]);
    const fresh = buildFactBase(parsed.data!, parsed.locations);
    const cached = buildFactBase(back.data!, back.locations);
    expect(cached.fingerprint).toBe(fresh.fingerprint);
    for (const draft of [longDraft(60), MIXED, FOOTNOTES, EMOJI_CRLF]) expect(checkDocument(draft, cached)).toEqual(checkDocument(draft, fresh));
  });

  it('misses on anything unreadable, and stores nothing without a directory or with problems', () => {
    const cache = new FactsCache(dir);
    fs.writeFileSync(path.join(dir, 'facts-bad.json'), '{not json');
    expect(cache.get('bad')).toBeUndefined();
    expect(cache.get('absent')).toBeUndefined();
    const none = new FactsCache(undefined);
    none.put('k', { data: { facts: [] } as never, problems: [], locations: new Map(), file: 'x' });
    expect(none.get('k')).toBeUndefined();
  });
});
