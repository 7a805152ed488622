import { describe, expect, it } from 'vitest';
import { type Supervisable, supervise } from './supervisor';

/** A stand-in server: `die()` ends it as a crash would. */
function fakeServer(id: number) {
  let die!: () => void;
  const exited = new Promise<void>((resolve) => (die = resolve));
  let stopped = false;
  const server = {
    id,
    exited,
    die,
    stopped: () => stopped,
    stop: async () => {
      stopped = true;
      die();
    },
  } satisfies Supervisable & Record<string, unknown>;
  return server;
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

describe('the supervisor of the embedded servers', () => {
  it('restarts a server that died, retries a failed restart with a growing pause, and logs each step', async () => {
    const lines: string[] = [];
    let attempts = 0;
    const first = fakeServer(0);
    const supervised = supervise(
      'test server',
      first,
      async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('port busy\nstack');
        return fakeServer(attempts);
      },
      (line) => lines.push(line),
      [5, 10],
    );
    first.die();
    await until(() => supervised.current().id === 2);
    expect(lines).toEqual([
      'test server stopped unexpectedly; restarting it',
      'test server did not restart (port busy); retrying',
      'test server restarted',
    ]);
    // It keeps watching the new one.
    (supervised.current() as ReturnType<typeof fakeServer>).die();
    await until(() => supervised.current().id === 3);
    await supervised.stop();
    expect((supervised.current() as ReturnType<typeof fakeServer>).stopped()).toBe(true);
  });

  it('does not restart a server it was asked to stop', async () => {
    const first = fakeServer(0);
    let restarts = 0;
    const supervised = supervise(
      'test server',
      first,
      async () => {
        restarts += 1;
        return fakeServer(1);
      },
      () => {},
      [1],
    );
    await supervised.stop();
    await new Promise((r) => setTimeout(r, 30));
    expect(restarts).toBe(0);
    expect(first.stopped()).toBe(true);
  });
});
