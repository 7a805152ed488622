/** A server process this process started: it can be stopped, and it tells when it exits. */
export interface Supervisable {
  exited: Promise<void>;
  stop(): Promise<void>;
}

export interface Supervised<T extends Supervisable> {
  /** The server running now (a new one after each restart). */
  current(): T;
  /** Stops supervising, then stops the server. */
  stop(): Promise<void>;
}

/** Pauses between restarts: from half a second, doubling, to at most 30 s. */
export const RESTART_BACKOFF_MS = [500, 1_000, 2_000, 4_000, 8_000, 15_000, 30_000];
/** A server that has stayed up this long is healthy again: the next failure restarts it quickly. */
const STABLE_AFTER_MS = 60_000;

/**
 * Keeps an embedded server running: when it exits without being asked to (killed, crashed, out
 * of memory), starts it again — same data, same port, so every client reconnects where it
 * was — after a pause that grows while restarts keep failing. Each step is logged.
 */
export function supervise<T extends Supervisable>(
  name: string,
  first: T,
  restart: () => Promise<T>,
  notice: (line: string) => void,
  backoffMs: number[] = RESTART_BACKOFF_MS,
): Supervised<T> {
  let server = first;
  let stopping = false;
  let failures = 0;
  let startedAt = Date.now();
  let pause: { timer: NodeJS.Timeout; resolve: () => void } | undefined;
  let restarting: Promise<void> | undefined;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      pause = { timer: setTimeout(resolve, ms), resolve };
    }).finally(() => {
      pause = undefined;
    });

  const watch = (watched: T) => {
    void watched.exited.then(() => {
      if (stopping || watched !== server) return;
      restarting = revive();
    });
  };

  const revive = async () => {
    if (Date.now() - startedAt > STABLE_AFTER_MS) failures = 0;
    notice(`${name} stopped unexpectedly; restarting it`);
    while (!stopping) {
      const wait = backoffMs[Math.min(failures, backoffMs.length - 1)] ?? 1_000;
      await sleep(wait);
      if (stopping) return;
      try {
        server = await restart();
        startedAt = Date.now();
        failures += 1;
        notice(`${name} restarted`);
        watch(server);
        return;
      } catch (error) {
        failures += 1;
        notice(`${name} did not restart (${String((error as Error)?.message ?? error).split('\n')[0]}); retrying`);
      }
    }
  };

  watch(first);
  return {
    current: () => server,
    stop: async () => {
      stopping = true;
      if (pause) {
        clearTimeout(pause.timer);
        pause.resolve();
      }
      await restarting;
      await server.stop();
    },
  };
}
