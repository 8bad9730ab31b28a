// Which of a draft's diagnostics are sent: at most `factlint.maxProblems` (default 1,000).
//
// VS Code shows at most 1,000 diagnostics per file and source: of more, it keeps the first 1,000
// by severity and then in the order given (document order), and drops the rest, all hints
// included (extHostDiagnostics.ts). In a long draft that hides the problems of its later part,
// wherever the writer is working, and every edit still sends (and the editor still parses) them
// all. So the server chooses: errors first, then warnings, information and hints, and within a
// severity the diagnostics nearest the last edit, plus one note saying how many are not shown. The
// command line and `Fix all` still see every finding, and hovers every sourced figure.
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { LIST_TEXT, SOURCE, withTail, type FastDiagnostic, type FastDiagnosticList } from './diagnostics.js';

/** The code of the note that some diagnostics are not shown. */
export const NOT_SHOWN = 'not-shown';

/** The default of `factlint.maxProblems`: VS Code's own limit. */
export const DEFAULT_MAX_PROBLEMS = 1000;

/** 0 for errors ... 3 for hints (and anything else). */
function rank(d: FastDiagnostic): number {
  const s = d.severity ?? DiagnosticSeverity.Error;
  return s >= 1 && s <= 4 ? s - 1 : 3;
}

/**
 * At most `limit` diagnostics of a list in document order (the list itself when it fits): the
 * note first (at the start of the draft), then those chosen, in document order. Within the
 * severity that does not fit whole, those whose lines are nearest `focusLine` are chosen (the
 * earlier of two as near).
 */
export function shownDiagnostics(list: FastDiagnosticList, limit: number, focusLine: number): FastDiagnosticList {
  if (list.length <= limit) return list;
  const room = Math.max(0, limit - 1);
  const counts = [0, 0, 0, 0];
  for (const d of list) counts[rank(d)]++;
  // The severity that does not fit whole, and how many of it fit.
  let cut = 0;
  let left = room;
  while (cut < 3 && counts[cut] <= left) left -= counts[cut++];
  const keep = new Uint8Array(list.length);
  const partial: number[] = [];
  for (let i = 0; i < list.length; i++) {
    const r = rank(list[i]);
    if (r < cut) keep[i] = 1;
    else if (r === cut) partial.push(i);
  }
  // Nearest the focus, walking out from it both ways.
  let hi = 0;
  while (hi < partial.length && list[partial[hi]].range.start.line < focusLine) hi++;
  let lo = hi - 1;
  for (; left > 0 && (lo >= 0 || hi < partial.length); left--) {
    const up = lo >= 0 ? focusLine - list[partial[lo]].range.start.line : Infinity;
    const down = hi < partial.length ? list[partial[hi]].range.start.line - focusLine : Infinity;
    keep[up <= down ? partial[lo--] : partial[hi++]] = 1;
  }
  const out: FastDiagnosticList = [notShown(list.length - room, list.length, limit)];
  for (let i = 0; i < list.length; i++) if (keep[i]) out.push(list[i]);
  // The shown lists are one document's successive lists: their text is kept the same way.
  out[LIST_TEXT] = list[LIST_TEXT];
  return out;
}

function notShown(hidden: number, total: number, limit: number): FastDiagnostic {
  const n = (x: number) => x.toLocaleString('en-US');
  return withTail({
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: SOURCE,
    code: NOT_SHOWN,
    message: `factlint found ${n(total)} problems in this draft and shows ${n(total - hidden)} (factlint.maxProblems is ${n(limit)}): errors first, then those nearest your last edit. The factlint command lists them all.`,
  });
}
