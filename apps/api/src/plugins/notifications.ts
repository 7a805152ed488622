import type { FastifyBaseLogger } from 'fastify';
import fp from 'fastify-plugin';
import pg from 'pg';

declare module 'fastify' {
  interface FastifyInstance {
    notifications: Notifications;
  }
}

type Handler = () => void;

/** PostgreSQL LISTEN/NOTIFY for this process: wake-ups from other replicas (and from itself). */
export interface Notifications {
  /** Calls `handler` on every notification on `channel`. */
  on(channel: string, handler: Handler): void;
  /**
   * Calls `handler(true)` each time the listening connection is (re)established and
   * `handler(false)` when it is lost: notifications sent meanwhile were missed.
   */
  onListening(handler: (listening: boolean) => void): void;
  readonly listening: boolean;
}

/** How often the connection proves it is alive: a dead TCP peer may otherwise go unnoticed. */
const HEARTBEAT_MS = 5_000;
const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 5_000;

/**
 * One dedicated connection (LISTEN holds it: a pooled connection would drop it), reconnected
 * with backoff when lost; a heartbeat query finds a connection that died silently.
 */
export class PgListener implements Notifications {
  private client: pg.Client | undefined;
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly listeningHandlers: Array<(listening: boolean) => void> = [];
  private closed = false;
  private retryMs = RETRY_MIN_MS;
  private retryTimer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  listening = false;

  constructor(
    private readonly url: string,
    private readonly log: Pick<FastifyBaseLogger, 'warn' | 'info'>,
  ) {}

  on(channel: string, handler: Handler): void {
    const set = this.handlers.get(channel) ?? new Set();
    const isNew = !this.handlers.has(channel);
    set.add(handler);
    this.handlers.set(channel, set);
    if (isNew && this.client && this.listening) {
      this.client.query(`LISTEN ${pg.escapeIdentifier(channel)}`).catch((error) => this.lost(this.client, error));
    }
  }

  onListening(handler: (listening: boolean) => void): void {
    this.listeningHandlers.push(handler);
  }

  /** Connects (resolves once listening, or once the first attempt failed: reconnecting goes on). */
  async start(): Promise<void> {
    await this.connect();
  }

  private emit(listening: boolean) {
    for (const handler of this.listeningHandlers) handler(listening);
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 3_000, keepAlive: true });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    client.on('notification', (message) => {
      for (const handler of this.handlers.get(message.channel) ?? []) handler();
    });
    this.client = client;
    try {
      await client.connect();
      for (const channel of this.handlers.keys()) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      if (this.client !== client || this.closed) return;
      this.listening = true;
      this.retryMs = RETRY_MIN_MS;
      this.heartbeat = setInterval(() => {
        client
          .query({ text: 'select 1', query_timeout: HEARTBEAT_MS } as pg.QueryConfig)
          .catch((error) => this.lost(client, error));
      }, HEARTBEAT_MS);
      this.heartbeat.unref();
      this.emit(true);
    } catch (error) {
      this.lost(client, error);
    }
  }

  private lost(client: pg.Client | undefined, error?: unknown) {
    if (!client || client !== this.client) return;
    this.client = undefined;
    clearInterval(this.heartbeat);
    client.removeAllListeners('notification');
    client.end().catch(() => {});
    if (this.listening) {
      this.listening = false;
      this.log.warn({ err: error }, 'notifications: the LISTEN connection was lost; reconnecting');
      this.emit(false);
    }
    if (this.closed) return;
    this.retryTimer = setTimeout(() => {
      this.connect().catch(() => {});
    }, this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(RETRY_MAX_MS, this.retryMs * 2);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.heartbeat);
    const client = this.client;
    this.client = undefined;
    if (this.listening) {
      this.listening = false;
      this.emit(false);
    }
    await client?.end().catch(() => {});
  }
}

/** `app.notifications`: listening from start-up (onReady) until the app closes. */
export default fp<{ databaseUrl: string }>(
  async (app, { databaseUrl }) => {
    const listener = new PgListener(databaseUrl, app.log);
    app.decorate('notifications', listener as Notifications);
    app.addHook('onReady', async () => {
      await listener.start();
    });
    app.addHook('onClose', async () => {
      await listener.close();
    });
  },
  { name: 'notifications' },
);
