// The peer for edit latency: a language server that does the least a linter can do. Incremental
// sync, and on every change one regular expression over the whole document, each match published
// as a diagnostic; hover answers from the same matches. No debounce.
//   node bench/trivial-server.mjs --stdio
import lsp from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, DiagnosticSeverity } = lsp;
const FIGURE = /\$\d[\d,.]*(?:\s?(?:billion|million|bn|m))?|\d+(?:\.\d+)?\s?(?:%|percent|per cent)/g;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

connection.onInitialize(() => ({
  capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental, hoverProvider: true },
  serverInfo: { name: 'trivial-regex-server' },
}));

function figures(doc) {
  const text = doc.getText();
  const out = [];
  for (const m of text.matchAll(FIGURE)) out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  return out;
}

documents.onDidChangeContent(({ document }) => {
  const diagnostics = figures(document).map((f) => ({
    range: { start: document.positionAt(f.start), end: document.positionAt(f.end) },
    severity: DiagnosticSeverity.Information,
    source: 'trivial',
    message: `figure ${f.text}`,
  }));
  connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
});

connection.onHover(({ textDocument, position }) => {
  const doc = documents.get(textDocument.uri);
  if (!doc) return null;
  const at = doc.offsetAt(position);
  const f = figures(doc).find((x) => x.start <= at && at <= x.end);
  return f ? { contents: { kind: 'markdown', value: `figure **${f.text}**` } } : null;
});

documents.listen(connection);
connection.listen();
