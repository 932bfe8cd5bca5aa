// Peak memory of a process tree, from /proc (Linux only): sums Pss of every descendant of the
// given PID every 500 ms; on SIGTERM prints one line `peak PSS <MB> MB (<n> processes) ...` and exits.
// Usage: node scripts/e2e/mem-sampler.mjs <root pid>
import { readdirSync, readFileSync } from 'node:fs';

const root = Number(process.argv[2]);
const self = process.pid;
let peak = { pss: 0, count: 0, groups: {} };

function children() {
  const byParent = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!byParent.has(ppid)) byParent.set(ppid, []);
      byParent.get(ppid).push(Number(name));
    } catch {
      /* exited meanwhile */
    }
  }
  return byParent;
}

function group(cmd) {
  if (/chrom/.test(cmd)) return 'chromium';
  if (/--type=extensionHost/.test(cmd)) return 'extension-host';
  if (/dist\/server\.js/.test(cmd)) return 'language-server';
  if (/code-server/.test(cmd)) return 'code-server';
  if (/node/.test(cmd)) return 'node-driver';
  return 'other';
}

function sample() {
  const byParent = children();
  const stack = [root];
  let pss = 0;
  let count = 0;
  const groups = {};
  while (stack.length) {
    const pid = stack.pop();
    for (const c of byParent.get(pid) ?? []) stack.push(c);
    if (pid === self) continue;
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      const kb = Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      pss += kb;
      count++;
      const g = group(cmd);
      groups[g] = (groups[g] ?? 0) + kb;
    } catch {
      /* exited or not readable */
    }
  }
  if (pss > peak.pss) peak = { pss, count, groups };
}

const timer = setInterval(sample, 500);
sample();
process.on('SIGTERM', () => {
  clearInterval(timer);
  const mb = (kb) => (kb / 1024).toFixed(0);
  const parts = Object.entries(peak.groups)
    .sort((a, b) => b[1] - a[1])
    .map(([g, kb]) => `${g} ${mb(kb)}`)
    .join(', ');
  process.stdout.write(`peak PSS ${mb(peak.pss)} MB (${peak.count} processes; MB by group: ${parts})\n`);
  process.exit(0);
});
