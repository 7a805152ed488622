import fp from 'fastify-plugin';
import { UnsubscribeLinks } from './alerts.mail';
import { AlertsWorker } from './alerts.worker';

declare module 'fastify' {
  interface FastifyInstance {
    alerts: AlertsWorker;
  }
}

export interface AlertsPluginOptions {
  /** Run the worker in this process (the API does; one-shot CLI commands do not). */
  runWorker: boolean;
  publicUrl: string;
  jwtSecret: string;
  digestHour: number;
  /** The digest clock (tests move it). */
  now?: () => Date;
}

/** The alerts worker as `app.alerts`: fan-out and e-mail in the background, stopped on close. */
export const alertsPlugin = fp<AlertsPluginOptions>(
  async (app, options) => {
    const worker = new AlertsWorker(app.db, app.mail, app.log, {
      publicUrl: options.publicUrl,
      links: new UnsubscribeLinks(options.jwtSecret, options.publicUrl),
      digestHour: options.digestHour,
      now: options.now,
    });
    app.decorate('alerts', worker);
    if (options.runWorker) app.addHook('onReady', async () => worker.start());
    app.addHook('onClose', async () => worker.stop());
  },
  { name: 'alerts', dependencies: ['db', 'mail'] },
);
