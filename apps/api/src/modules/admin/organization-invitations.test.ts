import type { CreatedInvitation, User } from '@kb/contracts';
import { auditLog, oneTimeTokens, users } from '@kb/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../testing/harness';

let ctx: TestContext;
let orgA: string;
let orgB: string;
let adminA: TestUser;
let adminB: TestUser;
let editorA: TestUser;
let networkAdmin: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  orgA = await ctx.organization({ name: 'Invitations A' });
  orgB = await ctx.organization({ name: 'Invitations B' });
  adminA = await ctx.user('editor', { organizationId: orgA, orgAdmin: true });
  adminB = await ctx.user('editor', { organizationId: orgB, orgAdmin: true });
  editorA = await ctx.user('editor', { organizationId: orgA });
  networkAdmin = await ctx.user('admin');
});
afterAll(() => ctx?.close());

const call = (user: TestUser | null, method: string, url: string, payload?: unknown) =>
  ctx.app.inject({ method: method as 'GET', url, headers: user?.auth ?? {}, payload: payload as object });

const email = (who: string) => `${who}-${crypto.randomUUID().slice(0, 8)}@invited.example.org`;
const tokenOf = (url: string) => new URL(url).hash.replace(/^#token=/, '');

async function invite(by: TestUser, organizationId: string, body: { email: string; role: string }) {
  return call(by, 'POST', `/api/organizations/${organizationId}/invitations`, body);
}

async function accept(token: string, name = 'Invited Person') {
  return ctx.app.inject({
    method: 'POST',
    url: '/api/auth/invitations/accept',
    payload: { token, name, password: 'a long passphrase for tests 42' },
  });
}

describe('organization admins invite into their own organization', () => {
  it('invites an editor; the link names the organization; accepting makes the account its member', async () => {
    const to = email('new-editor');
    const response = await invite(adminA, orgA, { email: to, role: 'editor' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const created = response.json() as CreatedInvitation;
    expect(created.invitation).toMatchObject({ email: to, role: 'editor', organization: { id: orgA } });

    const pending = await call(adminA, 'GET', `/api/organizations/${orgA}/invitations`);
    expect(pending.statusCode).toBe(200);
    expect((pending.json() as { items: Array<{ id: string }> }).items.map((i) => i.id)).toContain(
      created.invitation.id,
    );

    const token = tokenOf(created.link.url);
    const inspected = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/invitations/inspect',
      payload: { token },
    });
    expect(inspected.statusCode).toBe(200);
    expect(inspected.json()).toMatchObject({
      email: to,
      role: 'editor',
      organization: { id: orgA, name: 'Invitations A' },
    });

    const accepted = await accept(token);
    expect(accepted.statusCode).toBe(200);
    const [row] = await ctx.db.select().from(users).where(eq(users.email, to));
    expect(row).toMatchObject({ role: 'editor', organizationId: orgA, orgAdmin: false });
    const members = await call(adminA, 'GET', `/api/organizations/${orgA}/members`);
    expect((members.json() as { items: Array<{ email: string }> }).items.map((m) => m.email)).toContain(to);
    // Accepted: no longer pending.
    const after = await call(adminA, 'GET', `/api/organizations/${orgA}/invitations`);
    expect((after.json() as { items: Array<{ id: string }> }).items.map((i) => i.id)).not.toContain(
      created.invitation.id,
    );
    const audit = await ctx.db.select().from(auditLog).where(eq(auditLog.targetId, created.invitation.id));
    expect(audit[0]).toMatchObject({ action: 'admin.invitation_created', actorId: adminA.id });
    expect(audit[0]?.details).toMatchObject({ organizationId: orgA, role: 'editor' });
  });

  it('invites a reader, lists and revokes the invitation (its link stops working)', async () => {
    const created = (
      await invite(adminA, orgA, { email: email('reader'), role: 'reader' })
    ).json() as CreatedInvitation;
    const revoked = await call(adminA, 'DELETE', `/api/organizations/${orgA}/invitations/${created.invitation.id}`);
    expect(revoked.statusCode).toBe(200);
    expect((await accept(tokenOf(created.link.url))).statusCode).toBe(410);
    // Revoking twice: nothing pending by that id.
    expect(
      (await call(adminA, 'DELETE', `/api/organizations/${orgA}/invitations/${created.invitation.id}`)).statusCode,
    ).toBe(404);
  });

  it('refuses an invitation into another organization, as a network admin, or by an editor who is not an organization admin', async () => {
    const before = await ctx.db.select().from(oneTimeTokens);
    expect((await invite(adminA, orgB, { email: email('x'), role: 'editor' })).statusCode).toBe(403);
    expect((await invite(editorA, orgA, { email: email('x'), role: 'reader' })).statusCode).toBe(403);
    // No way to grant the network-admin role (nor to smuggle an organization or admin flag in).
    expect((await invite(adminA, orgA, { email: email('x'), role: 'admin' })).statusCode).toBe(400);
    // Fields beyond email and role are dropped: no organization or admin flag smuggled in.
    const smuggled = await call(adminA, 'POST', `/api/organizations/${orgA}/invitations`, {
      email: email('x'),
      role: 'editor',
      organizationId: orgB,
      orgAdmin: true,
    });
    expect((smuggled.json() as CreatedInvitation).invitation.organization?.id).toBe(orgA);
    const [token] = await ctx.db
      .select()
      .from(oneTimeTokens)
      .where(eq(oneTimeTokens.id, (smuggled.json() as CreatedInvitation).invitation.id));
    expect(token).toMatchObject({ organizationId: orgA, role: 'editor' });
    expect(
      (await call(adminA, 'POST', '/api/admin/invitations', { email: email('x'), role: 'editor' })).statusCode,
    ).toBe(403);
    expect((await invite(adminA, crypto.randomUUID(), { email: email('x'), role: 'editor' })).statusCode).toBe(404);
    expect((await invite(await ctx.user('reader'), orgA, { email: email('x'), role: 'reader' })).statusCode).toBe(403);
    expect(await ctx.db.select().from(oneTimeTokens)).toHaveLength(before.length + 1);
  });

  it("neither lists nor revokes another organization's invitations, nor replaces them", async () => {
    const to = email('wanted');
    const ofB = (await invite(adminB, orgB, { email: to, role: 'editor' })).json() as CreatedInvitation;
    expect((await call(adminA, 'GET', `/api/organizations/${orgB}/invitations`)).statusCode).toBe(403);
    expect((await call(editorA, 'GET', `/api/organizations/${orgA}/invitations`)).statusCode).toBe(403);
    // B's invitation through A's address: not A's to revoke.
    expect(
      (await call(adminA, 'DELETE', `/api/organizations/${orgA}/invitations/${ofB.invitation.id}`)).statusCode,
    ).toBe(404);
    expect(
      (await call(adminA, 'DELETE', `/api/organizations/${orgB}/invitations/${ofB.invitation.id}`)).statusCode,
    ).toBe(403);
    // Inviting the same person into A would end B's link: refused.
    const poach = await invite(adminA, orgA, { email: to.toUpperCase(), role: 'editor' });
    expect(poach.statusCode).toBe(409);
    const listB = await call(adminB, 'GET', `/api/organizations/${orgB}/invitations`);
    expect((listB.json() as { items: Array<{ id: string }> }).items.map((i) => i.id)).toContain(ofB.invitation.id);
    // Someone who already has an account is not invited again.
    expect((await invite(adminA, orgA, { email: editorA.email, role: 'editor' })).statusCode).toBe(409);
  });

  it('lets network admins do everything: invite into any organization (any role), list and revoke any', async () => {
    const intoB = await invite(networkAdmin, orgB, { email: email('by-network'), role: 'editor' });
    expect(intoB.statusCode).toBe(200);
    const to = email('network-admin-invited');
    const withAdminRoute = await call(networkAdmin, 'POST', '/api/admin/invitations', {
      email: to,
      role: 'admin',
      organizationId: orgA,
    });
    expect(withAdminRoute.statusCode).toBe(200);
    const created = withAdminRoute.json() as CreatedInvitation;
    expect(created.invitation.organization?.id).toBe(orgA);
    const all = await call(networkAdmin, 'GET', '/api/admin/invitations');
    expect((all.json() as { items: Array<{ id: string }> }).items.map((i) => i.id)).toContain(created.invitation.id);
    expect(
      (
        await call(networkAdmin, 'POST', '/api/admin/invitations', {
          email: email('x'),
          role: 'editor',
          organizationId: crypto.randomUUID(),
        })
      ).statusCode,
    ).toBe(400);
    const accepted = await accept(tokenOf(created.link.url));
    expect(accepted.statusCode).toBe(200);
    expect((accepted.json() as { user: User }).user).toMatchObject({ role: 'admin', organizationId: orgA });
    const revoked = await call(
      networkAdmin,
      'DELETE',
      `/api/organizations/${orgB}/invitations/${(intoB.json() as CreatedInvitation).invitation.id}`,
    );
    expect(revoked.statusCode).toBe(200);
  });
});
