import { readFileSync } from 'node:fs';

/** Busy and total CPU time of all CPUs so far, in clock ticks (Linux /proc/stat). */
function cpuTimes(): { busy: number; total: number } | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
    const total = fields.reduce((sum, v) => sum + v, 0);
    // user nice system idle iowait irq softirq steal…: idle and iowait are not busy.
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/** The share (0–1) of all CPUs busy over the next `ms`; null where /proc/stat is missing. */
export async function cpuBusyOver(ms: number): Promise<number | null> {
  const before = cpuTimes();
  await new Promise((r) => setTimeout(r, ms));
  const after = cpuTimes();
  if (!before || !after || after.total === before.total) return null;
  return (after.busy - before.busy) / (after.total - before.total);
}

/**
 * Waits until the machine is nearly idle — CPUs under `threshold` busy over half a second —
 * for at most `timeoutMs`, and returns the share seen last. Work left over from the previous
 * run must not be measured as the next system's: a search Meilisearch is still answering after
 * its client stopped, PostgreSQL finishing the multi-second queries of a concurrent run. The
 * load average cannot tell: it lags by a minute.
 */
export async function settle(threshold = 0.2, timeoutMs = 20_000): Promise<number | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const busy = await cpuBusyOver(500);
    if (busy === null || busy < threshold || Date.now() > deadline) return busy;
  }
}
