// Measuring whole processes: wall time (hrtime around spawn → exit), CPU (user + sys) and peak
// RSS from GNU time (`/usr/bin/time -f`), which counts the process and every child it waited
// for. Without GNU time, RSS comes from polling /proc/<pid>/status (VmHWM) and CPU is unknown.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const GNU_TIME = ['/usr/bin/time', '/bin/time'].find((p) => {
  try {
    return spawnSync(p, ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0;
  } catch {
    return false;
  }
});

const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'factlint-bench-'));
process.on('exit', () => fs.rmSync(TMP, { recursive: true, force: true }));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));
let seq = 0;

/**
 * Runs `cmd args` once with stdout and stderr to files; resolves {wallMs, cpuMs, rssMB, code,
 * stdoutFile, stderrTail}. `ok` lists the exit codes that count as success (linters exit 1 on
 * findings).
 */
export function timeCommand(cmd, args, { cwd, env = process.env, ok = [0, 1] } = {}) {
  const id = seq++;
  const outFile = path.join(TMP, `out-${id}`);
  const errFile = path.join(TMP, `err-${id}`);
  const timeFile = path.join(TMP, `time-${id}`);
  const out = fs.openSync(outFile, 'w');
  const err = fs.openSync(errFile, 'w');
  const [file, argv] = GNU_TIME ? [GNU_TIME, ['-f', '%U %S %M', '-o', timeFile, cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(file, argv, { cwd, env, stdio: ['ignore', out, err] });
    let hwm = 0;
    const poll = GNU_TIME
      ? undefined
      : setInterval(() => {
          const kb = vmHwmKb(child.pid);
          if (kb > hwm) hwm = kb;
        }, 10);
    child.on('error', (e) => {
      if (poll) clearInterval(poll);
      reject(e);
    });
    child.on('exit', (code, signal) => {
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      if (poll) clearInterval(poll);
      fs.closeSync(out);
      fs.closeSync(err);
      let cpuMs = NaN;
      let rssMB = hwm / 1024 || NaN;
      if (GNU_TIME) {
        // The last line: "user sys maxrss"; earlier lines may say "Command exited with non-zero status 1".
        const lines = fs.readFileSync(timeFile, 'utf8').trim().split('\n');
        const [u, s, m] = lines[lines.length - 1].trim().split(/\s+/).map(Number);
        cpuMs = (u + s) * 1000;
        rssMB = m / 1024;
      }
      const stderrTail = tail(errFile, 1500);
      if (signal || !ok.includes(code)) {
        reject(new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited with ${signal ?? code}:\n${stderrTail}`));
        return;
      }
      resolve({ wallMs, cpuMs, rssMB, code, stdoutFile: outFile, stderrFile: errFile, stderrTail });
    });
  });
}

function tail(file, n) {
  const s = fs.readFileSync(file, 'utf8');
  return s.length > n ? `…${s.slice(-n)}` : s;
}

export function vmHwmKb(pid) {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

export function median(xs) {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/** Nearest-rank percentile, p in [0, 100]. */
export function percentile(xs, p) {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * v.length));
  return v[Math.min(v.length, rank) - 1];
}

export function fmtMs(ms) {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(2)} ms`;
}

export function fmtMB(mb) {
  return Number.isFinite(mb) ? `${mb.toFixed(0)} MB` : 'n/a';
}

export function fmtX(r) {
  if (!Number.isFinite(r)) return 'n/a';
  return r >= 10 ? `${r.toFixed(0)}x` : `${r.toFixed(2)}x`;
}

/** Machine facts for the report. */
export function machine() {
  const cpus = os.cpus();
  const [l1, l5, l15] = os.loadavg();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    memGB: os.totalmem() / 2 ** 30,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    load: `${l1.toFixed(2)}, ${l5.toFixed(2)}, ${l15.toFixed(2)}`,
    load1: l1,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}

export function loadNow() {
  return os.loadavg()[0];
}
