// A report written draft by draft: `file` as soon as a draft's diagnostics are known (in the
// drafts' order), `end` once after the last. Nothing is kept per draft but running counts.
import type { FileReport } from '../report.js';

export interface ReportStream {
  file(report: FileReport): void;
  end(): void;
}
