import { readdirSync, readFileSync } from 'node:fs';
import { memoryKiB } from './mock-process';

/** The peak memory of a process tree: the largest of any one process (VmHWM) and of all at once (VmRSS summed per sample). */
export interface TreeMemory {
  readonly perProcessKiB: number;
  readonly wholeKiB: number;
  readonly processes: number;
}

/** The children of every process, from /proc (Linux). */
function childrenOf(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command may hold spaces and parentheses; the parent pid is the second field after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // Gone meanwhile.
    }
  }
  return children;
}

function descendants(root: number): number[] {
  const children = childrenOf();
  const found: number[] = [];
  const visit = (pid: number) => {
    found.push(pid);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(root);
  return found;
}

/** Samples the tree under `root` every `everyMs` until stopped (a process's VmHWM is read while it lives). */
export function watchTreeMemory(root: number, everyMs = 100): () => TreeMemory {
  const peaks = new Map<number, number>();
  let whole = 0;
  const sample = () => {
    let sum = 0;
    for (const pid of descendants(root)) {
      const rss = memoryKiB(pid, 'VmRSS');
      const hwm = memoryKiB(pid, 'VmHWM');
      if (rss !== undefined) sum += rss;
      if (hwm !== undefined) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, hwm));
    }
    whole = Math.max(whole, sum);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return () => {
    clearInterval(timer);
    return { perProcessKiB: Math.max(0, ...peaks.values()), wholeKiB: whole, processes: peaks.size };
  };
}
