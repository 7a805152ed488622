import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { OutgoingMail } from '../../plugins/mail';

/** What a message says of one notification: what the in-app list shows, nothing more. */
export interface MailItem {
  title: string;
  summary: string;
  /** The SPA path of the change (`/charts/us-ca/pc-273-5-a?diff=…`). */
  url: string;
  createdAt: Date;
}

export interface MailContext {
  publicUrl: string;
  /** The recipient's one-click unsubscribe URL (signed). */
  unsubscribeUrl: string;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** One header line: no line breaks (a title must never add a header), bounded. */
const headerText = (text: string) => text.replace(/[\r\n\t]+/g, ' ').slice(0, 200);

const absolute = (ctx: MailContext, path: string) => `${ctx.publicUrl}${path.startsWith('/') ? path : `/${path}`}`;

function footer(ctx: MailContext) {
  const settings = absolute(ctx, '/account');
  return {
    text: [
      '--',
      'You receive this because you follow this guidance in Advisory KB.',
      `Change how you hear (immediately, a daily digest, or not by e-mail): ${settings}`,
      `Unsubscribe from alert e-mails: ${ctx.unsubscribeUrl}`,
    ].join('\n'),
    html: `<hr><p style="color:#555;font-size:13px">You receive this because you follow this guidance in Advisory KB.<br><a href="${escapeHtml(settings)}">Change how you hear</a> (immediately, a daily digest, or not by e-mail) · <a href="${escapeHtml(ctx.unsubscribeUrl)}">Unsubscribe from alert e-mails</a></p>`,
  };
}

/** RFC 2369 and RFC 8058: mail clients offer a one-click unsubscribe button. */
function listHeaders(ctx: MailContext): Record<string, string> {
  return {
    'List-Unsubscribe': `<${ctx.unsubscribeUrl}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'Auto-Submitted': 'auto-generated',
  };
}

function itemText(ctx: MailContext, item: MailItem): string {
  return [item.title, item.summary, `Open: ${absolute(ctx, item.url)}`].filter(Boolean).join('\n');
}

function itemHtml(ctx: MailContext, item: MailItem): string {
  const summary = item.summary ? `<p>${escapeHtml(item.summary).replace(/\n/g, '<br>')}</p>` : '';
  return `<h2 style="font-size:17px"><a href="${escapeHtml(absolute(ctx, item.url))}">${escapeHtml(item.title)}</a></h2>${summary}`;
}

/** The message for one event (immediate alerts). */
export function alertMessage(to: string, item: MailItem, ctx: MailContext): OutgoingMail {
  const end = footer(ctx);
  return {
    to,
    subject: headerText(`[Advisory KB] ${item.title}`),
    text: `${itemText(ctx, item)}\n\n${end.text}\n`,
    html: `<!doctype html><html><body>${itemHtml(ctx, item)}${end.html}</body></html>`,
    headers: listHeaders(ctx),
  };
}

/** The day's events in one message (daily digest). */
export function digestMessage(to: string, items: MailItem[], day: string, ctx: MailContext): OutgoingMail {
  const end = footer(ctx);
  const count = `${items.length} ${items.length === 1 ? 'change' : 'changes'}`;
  return {
    to,
    subject: headerText(`[Advisory KB] Daily digest for ${day}: ${count} to guidance you follow`),
    text: `Guidance you follow changed (${count}):\n\n${items.map((i) => itemText(ctx, i)).join('\n\n')}\n\n${end.text}\n`,
    html: `<!doctype html><html><body><p>Guidance you follow changed (${escapeHtml(count)}):</p>${items
      .map((i) => itemHtml(ctx, i))
      .join('')}${end.html}</body></html>`,
    headers: listHeaders(ctx),
  };
}

/**
 * Signs and checks unsubscribe links: an HMAC of the user id under a key derived from the
 * JWT secret (replicas sharing the secret share the links). Nobody can unsubscribe another.
 */
export class UnsubscribeLinks {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly publicUrl: string,
  ) {
    this.key = createHash('sha256').update(`alerts-unsubscribe:${secret}`).digest();
  }

  token(userId: string): string {
    return createHmac('sha256', this.key).update(userId).digest('base64url');
  }

  url(userId: string): string {
    return `${this.publicUrl}/api/alerts/unsubscribe?u=${encodeURIComponent(userId)}&t=${this.token(userId)}`;
  }

  verify(userId: string, token: string): boolean {
    const expected = Buffer.from(this.token(userId));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

/** The page an unsubscribe link opens (GET): one button, so a link scanner never unsubscribes anyone. */
export function unsubscribePage(state: 'confirm' | 'done', actionUrl?: string): string {
  const body =
    state === 'confirm'
      ? `<h1>Stop alert e-mails?</h1><p>You will still see notifications in Advisory KB.</p><form method="post" action="${escapeHtml(actionUrl ?? '')}"><button type="submit">Unsubscribe from alert e-mails</button></form>`
      : '<h1>You are unsubscribed</h1><p>Advisory KB will send you no more alert e-mails. Notifications stay in the app; you can turn e-mail on again on your account page.</p>';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Advisory KB alert e-mails</title></head><body><main>${body}</main></body></html>`;
}
