import { eventually, startSmtpServer, type TestSmtpServer } from '@kb/api/testing';
import type { Database } from '@kb/db';
import { freePort } from '@kb/embedded';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printFigures } from '../security/support';
import {
  type ApiProcess,
  advisoryContent,
  call,
  type Deployment,
  distinctWord,
  signedInUser,
  startDeployment,
} from './support';

/**
 * Acceptance 2 of the alerts issue: the API (a real process) is SIGKILLed right after a publish
 * commits and before any alert could be delivered (the SMTP server is not up yet), then started
 * again with the SMTP server listening: every follower gets exactly one message.
 */
const FOLLOWERS = 3;

let deployment: Deployment;
let db: Database;
let api: ApiProcess | undefined;
let smtp: TestSmtpServer | undefined;
let smtpPort: number;

beforeAll(async () => {
  smtpPort = await freePort();
  deployment = await startDeployment({
    replicas: 1,
    tag: 'ak',
    extra: {
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      MAIL_FROM: 'Advisory KB <alerts@faults.example.org>',
      PUBLIC_URL: 'http://kb.faults.example.org',
    },
    // Only this test's documents matter: the seeded library is not fanned out either.
    prepare: async (clone) => {
      await clone.$client.query(
        'insert into alert_fanouts (event_id, recipients) select id, 0 from document_events on conflict do nothing',
      );
    },
  });
  db = deployment.db;
  api = deployment.replicas[0];
}, 240_000);

afterAll(async () => {
  await deployment?.stop();
  await smtp?.close();
});

/** Kills the running API with SIGKILL and waits for it to be gone. */
async function killApi(): Promise<void> {
  if (!api) return;
  api.server.child.kill('SIGKILL');
  await api.server.exited();
  await api.stop();
  api = undefined;
}

describe('the API killed between a publish and its alerts', () => {
  it('sends exactly one message per follower after a restart, whether it died before the fan-out or while delivery was retrying', async () => {
    // A retry starts where a failed attempt left off: its SMTP server closed, an API running.
    await smtp?.close();
    smtp = undefined;
    api ??= await deployment.startReplica();
    const editor = await signedInUser(api, deployment.databaseUrl, 'editor');
    const followers: Array<{ email: string; token: string }> = [];
    const words = [distinctWord(17), distinctWord(18)];
    for (let i = 0; i < FOLLOWERS; i++) {
      const reader = await signedInUser(api, deployment.databaseUrl, 'reader');
      for (const word of words) {
        const watch = await call(api.baseUrl, '/api/me/watches', {
          method: 'POST',
          token: reader.token,
          body: { kind: 'search', target: `q=${word}` },
        });
        expect(watch.status, watch.text).toBe(201);
      }
      followers.push(reader);
    }
    const figures: Record<string, unknown> = { followers: FOLLOWERS };
    for (const [round, word] of words.entries()) {
      const scenario = round === 0 ? 'killed before the fan-out' : 'killed while delivery was retrying';
      const live = api as ApiProcess;
      const created = await call(live.baseUrl, '/api/documents', {
        method: 'POST',
        token: editor.token,
        body: advisoryContent(`Alert drill ${word}`, `# Overview\n\nThe ${word} rule changed.\n`),
      });
      expect(created.status, created.text).toBe(201);
      const { id, revisionId } = created.body as { id: string; revisionId: string };
      const published = await call(live.baseUrl, `/api/documents/${id}/publish`, {
        method: 'POST',
        token: editor.token,
        body: { revisionId },
      });
      expect(published.status, published.text).toBe(200);
      // The publish committed; no message can leave (nothing listens on the SMTP port now).
      if (round === 1) {
        // Let the worker fan out and fail a first SMTP attempt: the deliveries wait for a retry.
        // Killed between retries, not during one: a delivery killed in its SMTP exchange is never
        // sent again, by design (at most once, see AlertsWorker), so each must be waiting a while.
        await eventually(
          async () => {
            const { rows } = await db.$client.query<{ n: string }>(
              `select count(*) as n from alert_deliveries d join notifications n on n.delivery_id = d.id
             where n.document_id = $1 and d.attempts > 0 and d.status = 'pending'
               and d.available_at > now() + interval '1 second'`,
              [id],
            );
            return Number(rows[0]?.n) === FOLLOWERS;
          },
          30_000,
          100,
        );
      }
      await killApi();
      const { rows: before } = await db.$client.query<{ notifications: string; sent: string }>(
        `select (select count(*) from notifications where document_id = $1) as notifications,
                (select count(*) from alert_deliveries d join notifications n on n.delivery_id = d.id
                 where n.document_id = $1 and d.status = 'sent') as sent`,
        [id],
      );
      smtp = await startSmtpServer({ port: smtpPort });
      const restarted = Date.now();
      // Same deployment: the restarted process accepts the sessions of the first.
      api = await deployment.startReplica();
      const mailbox = smtp;
      const mine = (email: string) => mailbox.to(email).filter((m) => m.subject.includes(word));
      await eventually(async () => followers.every((f) => mine(f.email).length >= 1), 60_000, 100);
      const deliveredMs = Date.now() - restarted;
      // Long enough for any duplicate (a retry, a replayed fan-out) to arrive.
      await new Promise((r) => setTimeout(r, 5_000));
      const counts = followers.map((f) => mine(f.email).length);
      const { rows: after } = await db.$client.query<{ status: string; n: string }>(
        `select d.status, count(*) as n from alert_deliveries d
         join notifications n on n.delivery_id = d.id where n.document_id = $1 group by d.status`,
        [id],
      );
      figures[scenario] = {
        'notifications when killed': Number(before[0]?.notifications ?? 0),
        'sent before the kill': Number(before[0]?.sent ?? 0),
        'messages per follower': counts.join(', '),
        'delivered within (ms of the restart)': deliveredMs,
        deliveries: Object.fromEntries(after.map((r) => [r.status, Number(r.n)])),
      };
      expect(Number(before[0]?.sent ?? 0)).toBe(0);
      if (round === 1) expect(Number(before[0]?.notifications)).toBe(FOLLOWERS);
      expect(counts).toEqual(followers.map(() => 1));
      expect(after).toEqual([{ status: 'sent', n: String(FOLLOWERS) }]);
      // The next round starts with the SMTP server down again.
      await mailbox.close();
      smtp = undefined;
    }
    printFigures('alerts across a SIGKILL', figures);
  }, 300_000);
});
