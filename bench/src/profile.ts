import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './services';
import { round } from './stats';

interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    hitCount?: number;
  }>;
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Samples counted: those taken while the searches were timed (`windowed`), else all. */
  samples: number;
  windowed: boolean;
  sampledMs: number;
  /** How much of the sampled time the process was running JavaScript, GC or native code (not idle). */
  busyPercent: number;
  /** Where the API process spent its CPU: self time by function, then by package or file. */
  topFunctions: Array<{ name: string; where: string; percent: number }>;
  topSources: Array<{ where: string; percent: number }>;
}

/** A short place for a script URL: the package under node_modules, or the repo path. */
function source(url: string): string {
  if (!url) return '(native)';
  const file = url.replace(/^file:\/\//, '');
  const modules = file.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const rest = file.slice(modules + '/node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? file);
  }
  if (file.startsWith('node:')) return file;
  return path.relative(repoRoot, file);
}

/**
 * Summarizes the V8 CPU profile in `dir` (written by `node --cpu-prof` when the API process
 * exits), keeping the samples taken between `fromUs` and `toUs` (monotonic clock, as
 * process.hrtime) when given.
 */
export function summarizeProfile(dir: string, window?: { fromUs: number; toUs: number }): ProfileSummary | null {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  } catch {
    return null;
  }
  // One file per thread (tsx's module loader runs in a thread of its own): the busiest is the app.
  const summaries = files.map((f) => summarizeFile(path.join(dir, f), window));
  return summaries.sort((a, b) => b.sampledMs * b.busyPercent - a.sampledMs * a.busyPercent)[0] ?? null;
}

function summarizeFile(file: string, window?: { fromUs: number; toUs: number }): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  // Sample i was taken at startTime + the sum of the first i+1 deltas; it stands for its delta.
  const times: number[] = [];
  let t = profile.startTime;
  for (const delta of profile.timeDeltas) {
    t += delta;
    times.push(t);
  }
  const inWindow = (time: number) => !window || (time >= window.fromUs && time <= window.toUs);
  // If the clocks do not line up (no sample in the window), the whole profile is summarized.
  const windowed = Boolean(window) && times.some(inWindow);
  const selfUs = new Map<number, number>();
  let total = 0;
  let samples = 0;
  for (const [i, id] of profile.samples.entries()) {
    if (windowed && !inWindow(times[i] ?? 0)) continue;
    const delta = profile.timeDeltas[i] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
    total += delta;
    samples++;
  }
  const functions = new Map<string, { name: string; where: string; us: number }>();
  const sources = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node || node.callFrame.functionName === '(idle)') continue;
    const where = source(node.callFrame.url);
    const name = node.callFrame.functionName || '(anonymous)';
    const key = `${name}@${where}:${node.callFrame.lineNumber}`;
    const entry = functions.get(key) ?? { name, where: `${where}:${node.callFrame.lineNumber + 1}`, us: 0 };
    entry.us += us;
    functions.set(key, entry);
    sources.set(where, (sources.get(where) ?? 0) + us);
  }
  // Shares of the busy time: an API waiting on PostgreSQL and Meilisearch is mostly idle.
  let idleUs = 0;
  for (const [id, us] of selfUs) if (byId.get(id)?.callFrame.functionName === '(idle)') idleUs += us;
  const busy = Math.max(1, total - idleUs);
  const percent = (us: number) => round((100 * us) / busy, 1);
  return {
    samples,
    windowed,
    sampledMs: round(total / 1000, 0),
    busyPercent: round((100 * (total - idleUs)) / Math.max(1, total), 1),
    topFunctions: [...functions.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, 20)
      .map((f) => ({ name: f.name, where: f.where, percent: percent(f.us) })),
    topSources: [...sources.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([where, us]) => ({ where, percent: percent(us) })),
  };
}
