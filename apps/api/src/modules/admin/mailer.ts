import type { Role } from '@kb/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { MailTransport } from '../../plugins/mail';

/** A message carrying a one-time link to the person it is for. */
export interface AccountMail {
  kind: 'invitation' | 'password_reset';
  to: string;
  /** The one-time link: a secret — deliver it, never log it. */
  url: string;
  expiresAt: Date;
  role?: Role;
  sentBy: { name: string; email: string };
}

/**
 * Where invitation and password-reset links are delivered. The app needs no mail server: the
 * admin always sees the link. A deployment can plug in real delivery through buildApp's `mailer`.
 */
export interface Mailer {
  /** Resolves true when the message was handed to a delivery service. */
  send(mail: AccountMail): Promise<boolean>;
}

/** The default: delivers nothing, notes that a link was issued (never the link itself). */
export function logOnlyMailer(log: FastifyBaseLogger): Mailer {
  return {
    async send(mail) {
      log.info(
        { mail: { kind: mail.kind, expiresAt: mail.expiresAt } },
        'one-time link issued; no mail delivery configured',
      );
      return false;
    },
  };
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** Real delivery of invitation and reset links over SMTP (SMTP_URL); the admin still sees the link. */
export function smtpMailer(transport: MailTransport): Mailer {
  return {
    async send(mail) {
      const expires = mail.expiresAt.toUTCString();
      const who = `${mail.sentBy.name} (${mail.sentBy.email})`;
      const invitation = mail.kind === 'invitation';
      const subject = invitation ? 'Your invitation to Advisory KB' : 'Reset your Advisory KB password';
      const lead = invitation
        ? `${who} invited you to Advisory KB${mail.role ? ` as ${mail.role === 'admin' ? 'an' : 'a'} ${mail.role}` : ''}. Open this link to create your account:`
        : `${who} sent you a link to set a new password for Advisory KB:`;
      const tail = `The link works once and expires ${expires}. If you did not expect this message, ignore it.`;
      await transport.send({
        to: mail.to,
        subject,
        text: `${lead}\n\n${mail.url}\n\n${tail}\n`,
        html: `<!doctype html><html><body><p>${escapeHtml(lead)}</p><p><a href="${escapeHtml(mail.url)}">${escapeHtml(mail.url)}</a></p><p>${escapeHtml(tail)}</p></body></html>`,
      });
      return true;
    },
  };
}
