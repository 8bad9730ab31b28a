// Build-time mends of dependencies (used by esbuild.mjs, the fuzzer's build, the LSP test harness
// and vitest.config.mts): two places in micromark where it works in time quadratic in the length of
// a paragraph or a list (both found by the fuzzer, test/fuzz/), and one needless copy per event in
// mdast-util-from-markdown. Each replacement gives exactly what the original gives
// (test/markdown-mend.test.ts compares events and trees with the originals' on random documents),
// so everything built from them is the same.
//
// 1. The text resolver (lib/initialize/text.js, `createResolver`) merged each run of adjacent
//    `data` events of a paragraph with one `Array#splice` on the paragraph's whole event list. A
//    run of two or more happens wherever a character that may start a construct turns out to be
//    plain text (`a\b`, `a&b`, `a<b`, `a!b`, `a]b`), so a paragraph of thousands of such lines was
//    quadratic in its lines: 24,000 short lines took 4-8 s, a megabyte of them minutes. Now: the
//    same merges, in place, in one pass (each run's first token is stretched over the run).
// 2. The document tokenizer (lib/initialize/document.js) moves the exits of closed containers to
//    just after their content with an EditMap, which copies the document's whole event list each
//    time: once per list item that closes a fenced code block (`1. 1. ~~~` on every line) or per
//    lazy line, so quadratic in the items of a list. Now: the same move with two splices near the
//    end of the list.
// 3. mdast-util-from-markdown (lib/index.js, `compile`) called each event's handler on a fresh copy
//    of its compile context (`Object.assign`), one object per event: a third of what building the
//    tree allocated. Now: one context for all, its `sliceSerialize` set per event.
// 4. micromark-util-subtokenize kept its jumps over embedded content in objects with integer keys,
//    merged with `Object.assign` for each content and text token. Now: Maps, the same jumps.
//
// Each original is matched exactly (white space and semicolons aside, so the development build
// reads the same), as many times as micromark has it: an upgrade that changes it fails the build
// instead of silently losing, or misapplying, a mend.
import { readFileSync } from 'node:fs';

/** Files of micromark, micromark-util-subtokenize and mdast-util-from-markdown (their builds, or development builds under dev/) that are mended. */
export const MENDED_FILES = /[\\/](?:micromark[\\/](?:dev[\\/])?lib[\\/]initialize[\\/](?:text|document)|mdast-util-from-markdown[\\/](?:dev[\\/])?lib[\\/]index|micromark-util-subtokenize[\\/](?:dev[\\/])?index)\.js$/;

const MENDS = [
  {
    file: 'micromark/lib/initialize/text.js',
    what: "micromark's text resolver",
    count: 1,
    original: `    while (++index <= events.length) {
      if (enter === undefined) {
        if (events[index] && events[index][1].type === "data") {
          enter = index;
          index++;
        }
      } else if (!events[index] || events[index][1].type !== "data") {
        // Don’t do anything if there is one data token.
        if (index !== enter + 2) {
          events[enter][1].end = events[index - 1][1].end;
          events.splice(enter + 2, index - enter - 2);
          index = enter + 2;
        }
        enter = undefined;
      }
    }`,
    // As in the original, a run starts at a `data` event and takes the event after it (its exit)
    // unconditionally; `write` is where the next kept event goes.
    replacement: `    let write = 0;
    const length = events.length;
    index = 0;
    while (index < length) {
      if (events[index][1].type !== "data") {
        events[write++] = events[index++];
        continue;
      }
      enter = index;
      index = Math.min(index + 2, length);
      while (index < length && events[index][1].type === "data") index++;
      if (index > enter + 2) events[enter][1].end = events[index - 1][1].end;
      events[write++] = events[enter];
      if (enter + 1 < index) events[write++] = events[enter + 1];
    }
    events.length = write;`,
  },
  {
    file: 'micromark/lib/initialize/document.js',
    what: "micromark's move of container exits",
    count: 2,
    original: `      const editMap = new EditMap();
      // Inject the exits earlier (they’re still also at the end).
      editMap.add(indexBeforeFlow + 1, 0, self.events.slice(indexBeforeExits));
      // Discard the duplicate exits.
      editMap.add(indexBeforeExits, index - indexBeforeExits, []);
      editMap.consume(self.events);`,
    // The exits are the events from indexBeforeExits to the end (index is the length here); they
    // go to just after the flow's last chunk, before the events that followed it.
    replacement: `      const exits = self.events.splice(indexBeforeExits, index - indexBeforeExits);
      const after = self.events.splice(indexBeforeFlow + 1);
      for (const event of exits) self.events.push(event);
      for (const event of after) self.events.push(event);`,
  },
  {
    file: 'mdast-util-from-markdown/lib/index.js',
    what: "mdast-util-from-markdown's call of each event's handler",
    count: 1,
    // (Spaced so that the development build's other line breaks read the same.)
    original: `        handler[events[index][1].type].call( Object.assign( {
          sliceSerialize: events[index][2].sliceSerialize
        } , context ) , events[index][1] ) ;`,
    // One context for every handler, its sliceSerialize set per event (the same keys in the same
    // order), instead of a fresh copy of the context per event: no handler of the packages used
    // assigns to \`this\` or keeps it.
    replacement: `        eventContext.sliceSerialize = events[index][2].sliceSerialize;
        handler[events[index][1].type].call(eventContext, events[index][1]);`,
    more: [
      // Made once, before the loop over the events.
      {
        original: `    index = -1;
    while (++index < events.length) {
      const handler = config[events[index][0]];`,
        replacement: `    const eventContext = Object.assign({ sliceSerialize: undefined }, context);
    index = -1;
    while (++index < events.length) {
      const handler = config[events[index][0]];`,
      },
    ],
  },
  {
    file: 'micromark-util-subtokenize/index.js',
    what: "micromark-util-subtokenize's jumps over subcontent",
    count: 1,
    // The jumps (event index -> index of the event after the embedded content) were plain objects
    // with integer keys, merged with Object.assign per content or text token: Maps instead.
    original: `  const jumps = {};`,
    replacement: `  const jumps = new Map();`,
    more: [
      {
        original: `    while (index in jumps) {
      index = jumps[index];
    }`,
        replacement: `    while (jumps.has(index)) {
      index = jumps.get(index);
    }`,
      },
      {
        original: `        Object.assign(jumps, subcontent(events, index));
        index = jumps[index];`,
        replacement: `        for (const [from, to] of subcontent(events, index)) jumps.set(from, to);
        index = jumps.get(index);`,
      },
      { original: `  const gaps = {};`, replacement: `  const gaps = new Map();` },
      {
        original: `    gaps[adjust + jumps[index][0]] = adjust + jumps[index][1];`,
        replacement: `    gaps.set(adjust + jumps[index][0], adjust + jumps[index][1]);`,
      },
    ],
  },
];

// An original as a pattern that reads the build and the development build alike: white space may
// differ, semicolons may be left out, and a type may be written `types.data` (dev) or "data".
function patternOf(original) {
  const words = original
    .trim()
    .split(/\s+/)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/;$/, ';?').replace(/"(\w+)"/g, '(?:"$1"|types\\.$1)'));
  return new RegExp(words.join('\\s*'), 'g');
}

/** `source` (micromark's text.js or document.js) with its mends; throws when an original is not found as often as expected. */
export function mendMicromark(source, file) {
  // The path without a development build's dev/ (the mends read both builds alike).
  const normal = file.replace(/\\/g, '/').replace(/\/dev\//, '/');
  const mends = MENDS.filter((m) => normal.endsWith(`/${m.file}`));
  if (!mends.length) throw new Error(`${file}: not a file server/build/micromark-mends.mjs mends`);
  let out = source;
  for (const m of mends) {
    // A mend's further parts (`more`) are each found exactly once.
    for (const part of [m, ...(m.more ?? []).map((p) => ({ ...p, count: 1 }))]) {
      const found = [...out.matchAll(patternOf(part.original))];
      if (found.length !== part.count) {
        throw new Error(`${file}: ${m.what} is not the one server/build/micromark-mends.mjs mends (found ${found.length}, expected ${part.count}; was it upgraded?)`);
      }
      const dev = found[0][0].includes('types.');
      const replacement = dev ? part.replacement.trimStart().replace(/"(\w+)"/g, 'types.$1') : part.replacement.trimStart();
      out = out.replace(patternOf(part.original), () => replacement);
    }
  }
  return out;
}

/** The mends as an esbuild plugin. */
export const micromarkMends = {
  name: 'micromark-mends',
  setup(build) {
    build.onLoad({ filter: MENDED_FILES }, (args) => ({
      contents: mendMicromark(readFileSync(args.path, 'utf8'), args.path),
      loader: 'js',
    }));
  },
};

/** The mends as a vite plugin, for vitest (which must inline micromark for them to apply). */
export const micromarkMendsVite = {
  name: 'micromark-mends',
  enforce: 'pre',
  transform(code, id) {
    const file = id.split('?')[0];
    return MENDED_FILES.test(file) ? { code: mendMicromark(code, file), map: null } : undefined;
  },
};
