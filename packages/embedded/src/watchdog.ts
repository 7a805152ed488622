import { spawn } from 'node:child_process';

/**
 * Stops `childPid` when `ownerPid` dies, even by SIGKILL, so a crashed owner never leaves an
 * orphan server holding the data directory. A detached shell polls the owner once a second.
 */
export function killWithOwner(childPid: number, signal: 'INT' | 'TERM', ownerPid = process.pid): void {
  const script = `while kill -0 ${ownerPid} 2>/dev/null && kill -0 ${childPid} 2>/dev/null; do sleep 1; done; kill -${signal} ${childPid} 2>/dev/null; exit 0`;
  const watcher = spawn('/bin/sh', ['-c', script], { detached: true, stdio: 'ignore' });
  watcher.unref();
}
