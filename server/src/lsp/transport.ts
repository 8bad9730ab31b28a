// The connection to the client. Over stdio, messages are written by an encoder that gives lists
// of diagnostics (publishDiagnostics, and full reports of pull diagnostics) their JSON from the
// text each diagnostic carries (diagnostics.ts, TAIL) instead of serialising thousands of objects
// again on every edit; every other message, and other transports (--node-ipc serialises in
// Node's own channel), go through JSON.stringify as usual. Same JSON text either way. The
// message's bytes are written as the pieces they are made of (one writev), not copied into one
// buffer first (3.6 MB for a long draft's diagnostics, on every edit).
import { format } from 'node:util';
import {
  AbstractMessageWriter,
  createConnection,
  ProposedFeatures,
  type Connection,
  type ContentTypeEncoder,
  type Message,
  type MessageWriter,
} from 'vscode-languageserver/node';
import { diagnosticListPieces, LIST_TEXT, TAIL, type FastDiagnostic, type FastDiagnosticList } from './diagnostics.js';

const PUBLISH = 'textDocument/publishDiagnostics';

/** Whether every item is a diagnostic with its JSON text at hand. */
function fastList(list: unknown): list is FastDiagnosticList {
  if (!Array.isArray(list) || list.length === 0) return false;
  // Made by a DiagnosticMaker: every item has it.
  if ((list as FastDiagnosticList)[LIST_TEXT] !== undefined) return true;
  for (const d of list) if (d === null || typeof d !== 'object' || (d as FastDiagnostic)[TAIL] === undefined) return false;
  return true;
}

function onlyKeys(o: object, allowed: readonly string[]): boolean {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) return false;
  return true;
}

function framed(head: string, list: FastDiagnosticList, end: string): Buffer[] {
  return [Buffer.from(`${head}[`, 'utf-8'), ...diagnosticListPieces(list), Buffer.from(`]${end}`, 'utf-8')];
}

/** The UTF-8 JSON text of a message (what JSON.stringify gives, faster for lists of diagnostics). */
export function messageBytes(msg: Message): Buffer {
  const pieces = messagePieces(msg);
  return pieces.length === 1 ? pieces[0] : Buffer.concat(pieces);
}

/** The UTF-8 JSON text of a message, in pieces to write one after the other (see messageBytes). */
export function messagePieces(msg: Message): Buffer[] {
  const m = msg as unknown as Record<string, unknown>;
  if (m.method === PUBLISH && onlyKeys(m, ['jsonrpc', 'method', 'params'])) {
    const p = m.params as Record<string, unknown> | undefined;
    if (p && typeof p === 'object' && onlyKeys(p, ['uri', 'version', 'diagnostics']) && fastList(p.diagnostics)) {
      const version = p.version === undefined ? '' : `"version":${JSON.stringify(p.version)},`;
      return framed(`{"jsonrpc":${JSON.stringify(m.jsonrpc)},"method":"${PUBLISH}","params":{"uri":${JSON.stringify(p.uri)},${version}"diagnostics":`, p.diagnostics, '}}');
    }
  } else if (m.id !== undefined && m.result && typeof m.result === 'object' && onlyKeys(m, ['jsonrpc', 'id', 'result'])) {
    // A full document diagnostic report.
    const r = m.result as Record<string, unknown>;
    if (r.kind === 'full' && onlyKeys(r, ['kind', 'resultId', 'items']) && fastList(r.items)) {
      const resultId = r.resultId === undefined ? '' : `"resultId":${JSON.stringify(r.resultId)},`;
      return framed(`{"jsonrpc":${JSON.stringify(m.jsonrpc)},"id":${JSON.stringify(m.id)},"result":{"kind":"full",${resultId}"items":`, r.items, '}}');
    }
  }
  return [Buffer.from(JSON.stringify(msg), 'utf-8')];
}

export const FAST_JSON_ENCODER: ContentTypeEncoder = {
  name: 'application/json',
  encode(msg, options) {
    try {
      const bytes = messageBytes(msg);
      return Promise.resolve(options.charset === 'ascii' ? Buffer.from(bytes.toString('utf-8'), 'ascii') : bytes);
    } catch (err) {
      return Promise.reject(err);
    }
  },
};

/**
 * Writes LSP messages (Content-Length framing) to a stream, each in the pieces messagePieces
 * makes, corked so the stream writes them together. Messages are written whole and in the order
 * given (each write is synchronous up to the stream).
 */
export class PiecesMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;

  constructor(private readonly stream: NodeJS.WritableStream & { cork?(): void; uncork?(): void }) {
    super();
    stream.on('error', (err: Error) => this.fireError(err));
    stream.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    let pieces: Buffer[];
    try {
      pieces = messagePieces(msg);
    } catch (err) {
      this.fireError(err as Error, msg, ++this.errorCount);
      return Promise.reject(err);
    }
    let length = 0;
    for (const p of pieces) length += p.byteLength;
    return new Promise<void>((resolve, reject) => {
      const done = (err?: Error | null) => {
        if (err) {
          this.fireError(err, msg, ++this.errorCount);
          reject(err);
        } else resolve();
      };
      try {
        this.stream.cork?.();
        this.stream.write(`Content-Length: ${length}\r\n\r\n`, 'ascii');
        for (let i = 0; i < pieces.length; i++) {
          if (i === pieces.length - 1) this.stream.write(pieces[i], done);
          else this.stream.write(pieces[i]);
        }
        this.stream.uncork?.();
      } catch (err) {
        done(err as Error);
      }
    });
  }

  end(): void {
    this.stream.end();
  }
}

/**
 * The connection for the transport named on the command line (--stdio, --node-ipc, --socket=N,
 * --pipe=NAME). Over stdio, writes with PiecesMessageWriter; stdout belongs to the protocol, so
 * console output goes to the client's log, as vscode-languageserver does for stdio.
 */
export function connect(argv: readonly string[] = process.argv.slice(2)): Connection {
  if (!argv.includes('--stdio')) return createConnection(ProposedFeatures.all);
  const writer = new PiecesMessageWriter(process.stdout);
  // stdin as a stream: the connection ends the process when it closes, as it does for --stdio.
  const connection = createConnection(ProposedFeatures.all, process.stdin, writer as unknown as NodeJS.WritableStream);
  const log = (level: 'log' | 'info' | 'warn' | 'error') => (...args: unknown[]) => connection.console[level](format(...args));
  console.log = log('log');
  console.info = log('info');
  console.debug = log('log');
  console.warn = log('warn');
  console.error = log('error');
  console.trace = log('log');
  return connection;
}
