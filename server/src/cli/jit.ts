// V8's optimizing compiler, set for a batch run: no inlining of one function into another.
//
// A CLI run is short and its hot functions are large (the claim matcher, micromark's tokenizer,
// mdast's compiler). With inlining, TurboFan builds huge graphs for them: one optimization of the
// block checker took ~200-400 ms of compile time, and it was redone after each deoptimization, on
// every thread. Without it the code runs about as fast once optimized and is ready much sooner:
// over the bench's 1,000 articles (-j 2) 5.16 → 4.67 s wall and 9.9 → 8.9 s CPU, over 100
// articles 1.87 → 1.50 s (medians of 3, alternated runs, 2026-11-23). The flag is set before any
// of the checking code has run; worker threads share the process's flags. Node's own
// `--turbo-inlining` on the command line wins.
import { setFlagsFromString } from 'node:v8';

if (!process.execArgv.some((a) => a.includes('turbo-inlining'))) setFlagsFromString('--no-turbo-inlining');
