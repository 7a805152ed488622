import fp from 'fastify-plugin';
import nodemailer from 'nodemailer';

/** One message: both parts, always (text for every client, HTML for those that show it). */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

/** Real delivery through SMTP; `app.mail` is null when SMTP_URL is not set. */
export interface MailTransport {
  readonly from: string;
  /** Resolves once the SMTP server accepted the message; rejects when it did not. */
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
}

declare module 'fastify' {
  interface FastifyInstance {
    mail: MailTransport | null;
  }
}

/** How long one SMTP exchange may take: shorter than a delivery's lease, so a live sender never loses it. */
export const SMTP_TIMEOUT_MS = 30_000;

export function smtpTransport(smtpUrl: string, from: string): MailTransport & { close(): void } {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  } as never);
  return {
    from,
    async send(mail) {
      const info = await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: mail.headers,
      });
      return { messageId: String(info.messageId ?? '') };
    },
    close: () => transport.close(),
  };
}

/** `app.mail`: nodemailer over SMTP_URL, or null (no e-mail; the app works in-app only). */
export default fp<{ smtpUrl?: string; mailFrom?: string }>(
  async (app, options) => {
    if (!options.smtpUrl) {
      app.decorate('mail', null);
      return;
    }
    const transport = smtpTransport(options.smtpUrl, options.mailFrom ?? 'Advisory KB <alerts@localhost>');
    app.decorate('mail', transport);
    app.addHook('onClose', async () => transport.close());
  },
  { name: 'mail' },
);
