import path from 'node:path';
import { round } from './stats';

/**
 * Where a cold load's time goes on the page's main thread, from a Chromium trace: self time
 * (each event's duration less its children's) between navigation start and the first result,
 * grouped by activity and by script. What is left of the window is idle: the page waiting for
 * the network or the server.
 */
export interface TraceSummary {
  /** Navigation start → first result on screen, in the trace's clock. */
  windowMs: number;
  /** Main-thread time spent in tasks within the window (wall clock). */
  busyMs: number;
  /** Of which the thread ran on a CPU (the rest it waited for one: other work on the machine). */
  busyCpuMs: number;
  byActivity: Array<{ activity: string; ms: number; cpuMs: number }>;
  /** JavaScript time (compile and run) by the script it belongs to. */
  byScript: Array<{ script: string; ms: number; cpuMs: number }>;
}

/** The trace categories the summary reads (Chromium's Performance panel records the same). */
export const TRACE_CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'v8',
  'blink.user_timing',
  'loading',
];

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  cat?: string;
  args?: { name?: string; data?: { url?: string; frame?: string }; fileName?: string };
}

const ACTIVITIES: Array<[RegExp, string]> = [
  [/^ParseHTML$/, 'parse HTML'],
  [
    /^(v8\.compile|v8\.compileModule|V8\.CompileCode|v8\.produceModuleCache|v8\.produceCache|CompileScript)/,
    'compile JS',
  ],
  [/GC|^BlinkGC/, 'garbage collection'],
  [
    /^(EvaluateScript|v8\.evaluateModule|FunctionCall|v8\.run|V8\.Execute|TimerFire|FireAnimationFrame|EventDispatch|RunMicrotasks|v8\.callFunction|RunMicrotask|V8\.BytecodeBudgetInterrupt|V8\.StackGuard|v8\.newInstance)/,
    'run JS',
  ],
  [/^(UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet|ScheduleStyleRecalculation)$/, 'style'],
  [/^Layout$/, 'layout'],
  [/^(Paint|PrePaint|Layerize|UpdateLayer|UpdateLayerTree|CompositeLayers|Commit|PaintImage|RasterTask)$/, 'paint'],
  [
    /^(ResourceSendRequest|ResourceReceiveResponse|ResourceReceivedData|ResourceFinish|ResourceChangePriority)$/,
    'network events',
  ],
  [
    /^(HTMLDocumentParser::|DocumentLoader::|NavigationBodyLoader::|LocalWindowProxy::|ContextCreatedNotification|InstallConditionalFeatures)/,
    'document setup',
  ],
  [/^(ThreadControllerImpl::RunTask|RunTask|Receive mojo message|SimpleWatcher::OnHandleReady)$/, 'task overhead, IPC'],
];

const activityOf = (name: string) => ACTIVITIES.find(([pattern]) => pattern.test(name))?.[1] ?? null;

/**
 * Summarizes `events` (a trace's `traceEvents`) for the page that set the `endMark` user-timing
 * mark: its renderer's main thread, from the navigation start before the mark to the mark.
 */
export function summarizeTrace(events: TraceEvent[], endMark: string): TraceSummary | null {
  const end = events.find((e) => e.name === endMark && e.cat?.includes('blink.user_timing'));
  if (!end) return null;
  const threadName = events.find(
    (e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === end.pid && e.tid === end.tid,
  );
  if (threadName && threadName.args?.name !== 'CrRendererMain') {
    // The mark is recorded on the main thread; anything else means the trace is not what we think.
    return null;
  }
  // The page's navigation; when it started in another process (a new site gets a new renderer),
  // the first event of the page's own process instead.
  const starts = events
    .filter((e) => e.name === 'navigationStart' && e.pid === end.pid && e.ts <= end.ts)
    .sort((a, b) => b.ts - a.ts);
  const from =
    starts[0]?.ts ?? Math.min(...events.filter((e) => e.pid === end.pid && e.ph !== 'M' && e.ts > 0).map((e) => e.ts));
  const to = end.ts;

  // Complete events of the main thread, parents before their children. `dur` is wall time,
  // `tdur` the thread's CPU time: on a loaded machine the difference is time the thread was ready
  // but not running.
  const main = events
    .filter((e) => e.pid === end.pid && e.tid === end.tid && e.ph === 'X' && typeof e.dur === 'number')
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const stack: Array<{ event: TraceEvent; end: number; script: string | null; activity: string | null }> = [];
  const self = new Map<TraceEvent, { wall: number; cpu: number; script: string | null; activity: string | null }>();
  // The share of an event inside the window (tdur scaled alike).
  const inWindow = (e: TraceEvent) => {
    const dur = e.dur ?? 0;
    const wall = Math.max(0, Math.min(e.ts + dur, to) - Math.max(e.ts, from));
    return { wall, cpu: dur > 0 ? ((e.tdur ?? dur) * wall) / dur : 0 };
  };
  let busy = 0;
  let busyCpu = 0;
  for (const event of main) {
    const eventEnd = event.ts + (event.dur ?? 0);
    while (stack.length > 0 && (stack.at(-1)?.end ?? 0) <= event.ts) stack.pop();
    const parent = stack.at(-1);
    const url = event.args?.data?.url || event.args?.fileName || null;
    const script = url ? path.basename(new URL(url, 'http://x').pathname) || url : (parent?.script ?? null);
    const activity = activityOf(event.name) ?? parent?.activity ?? null;
    const share = inWindow(event);
    const mine = self.get(event) ?? { wall: 0, cpu: 0, script, activity };
    self.set(event, { ...mine, wall: mine.wall + share.wall, cpu: mine.cpu + share.cpu });
    if (parent) {
      const theirs = self.get(parent.event);
      if (theirs) self.set(parent.event, { ...theirs, wall: theirs.wall - share.wall, cpu: theirs.cpu - share.cpu });
    } else {
      busy += share.wall;
      busyCpu += share.cpu;
    }
    stack.push({ event, end: eventEnd, script, activity });
  }
  const byActivity = new Map<string, { wall: number; cpu: number }>();
  const byScript = new Map<string, { wall: number; cpu: number }>();
  const add = (map: Map<string, { wall: number; cpu: number }>, key: string, wall: number, cpu: number) => {
    const sum = map.get(key) ?? { wall: 0, cpu: 0 };
    map.set(key, { wall: sum.wall + wall, cpu: sum.cpu + Math.max(0, cpu) });
  };
  for (const { wall, cpu, script, activity } of self.values()) {
    if (wall <= 0) continue;
    add(byActivity, activity ?? 'other', wall, cpu);
    if (script && (activity === 'compile JS' || activity === 'run JS' || activity === 'garbage collection')) {
      add(byScript, script, wall, cpu);
    }
  }
  const ms = (us: number) => round(us / 1000, 1);
  const sorted = (map: Map<string, { wall: number; cpu: number }>) => [...map].sort((a, b) => b[1].wall - a[1].wall);
  return {
    windowMs: ms(to - from),
    busyMs: ms(busy),
    busyCpuMs: ms(busyCpu),
    byActivity: sorted(byActivity).map(([activity, t]) => ({ activity, ms: ms(t.wall), cpuMs: ms(t.cpu) })),
    byScript: sorted(byScript)
      .slice(0, 12)
      .map(([script, t]) => ({ script, ms: ms(t.wall), cpuMs: ms(t.cpu) })),
  };
}
