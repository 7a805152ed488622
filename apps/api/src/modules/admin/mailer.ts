import type { Role } from '@kb/contracts';
import type { FastifyBaseLogger } from 'fastify';

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
