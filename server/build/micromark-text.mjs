// A build-time mend of one function in micromark (used by esbuild.mjs and vitest.config.mts).
//
// micromark's text resolver (micromark/lib/initialize/text.js, `createResolver`) merges each run
// of adjacent `data` events of a paragraph with one `Array#splice` on the paragraph's whole event
// list. A run of two or more happens wherever a character that may start a construct turns out to
// be plain text (`a\b`, `a&b`, `a<b`, `a!b`, `a]b`), so a paragraph of thousands of such lines
// takes time quadratic in its lines: 24,000 short lines took 4-6 s, a megabyte of them minutes
// (found by the fuzzer, test/fuzz/). The replacement below makes the same merges in one pass
// (each run's first token is stretched over the run, the rest of the run is dropped), so the
// events, and everything built from them, are the same.
//
// The original function is matched exactly: a micromark upgrade that changes it fails the build
// instead of silently losing (or misapplying) the mend.
import { readFileSync } from 'node:fs';

/** Files whose path ends like this hold the resolver (lib/: the build; dev/lib/: the development build vitest loads). */
export const TEXT_INITIALIZER = /[\\/]micromark[\\/](?:dev[\\/])?lib[\\/]initialize[\\/]text\.js$/;

const ORIGINAL_LOOP = `    while (++index <= events.length) {
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
    }`;

// Same merges, in place, in one pass: `write` is where the next kept event goes. As in the
// original, a run starts at a `data` event and takes the event after it unconditionally (its exit).
const LINEAR_LOOP = `    let write = 0;
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
    events.length = write;`;

// The original loop as a pattern that reads the build and the development build alike: white
// space may differ, semicolons may be left out, and the type may be written \`types.data\`.
const ORIGINAL_PATTERN = new RegExp(
  ORIGINAL_LOOP.trim()
    .split(/\s+/)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/;$/, ';?').replace(/"data"/g, '(?:"data"|types\\.data)'))
    .join('\\s*'),
  'g',
);

/** micromark's text.js with the linear loop; throws when the original loop is not found once. */
export function mendTextInitializer(source, file = 'micromark/lib/initialize/text.js') {
  const found = [...source.matchAll(ORIGINAL_PATTERN)];
  if (found.length !== 1) {
    throw new Error(`${file}: micromark's text resolver is not the one server/build/micromark-text.mjs mends (was micromark upgraded?)`);
  }
  const at = found[0].index;
  return source.slice(0, at) + LINEAR_LOOP.trimStart().replaceAll('"data"', found[0][0].includes('types.data') ? 'types.data' : '"data"') + source.slice(at + found[0][0].length);
}

/** The mend as an esbuild plugin. */
export const linearTextResolver = {
  name: 'micromark-linear-text-resolver',
  setup(build) {
    build.onLoad({ filter: TEXT_INITIALIZER }, (args) => ({
      contents: mendTextInitializer(readFileSync(args.path, 'utf8'), args.path),
      loader: 'js',
    }));
  },
};

/** The mend as a vite plugin, for vitest (which must inline micromark for it to apply). */
export const linearTextResolverVite = {
  name: 'micromark-linear-text-resolver',
  enforce: 'pre',
  transform(code, id) {
    const file = id.split('?')[0];
    return TEXT_INITIALIZER.test(file) ? { code: mendTextInitializer(code, file), map: null } : undefined;
  },
};
