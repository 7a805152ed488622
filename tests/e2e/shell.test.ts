import { createUser } from '@kb/api/testing';
import { createDatabase } from '@kb/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserEnv, startBrowserEnv } from '../support/browser';

let env: BrowserEnv;
const reader = { email: 'shell-reader@test.example.org', password: 'correct-horse-battery' };

beforeAll(async () => {
  env = await startBrowserEnv();
  const db = createDatabase(env.databaseUrl, { max: 1 });
  await createUser(db, { ...reader, name: 'Shell Reader', role: 'reader' });
  await db.$client.end();
}, 180_000);
afterAll(() => env?.close());

describe('the app shell in Chromium', () => {
  it('sends a visitor to sign-in, then back to the page they wanted, showing real data', async () => {
    const { page, errors } = await env.newPage();
    await page.goto('/library');
    await page.waitForURL(/\/sign-in\?next=%2Flibrary/);
    await page.getByLabel('E-mail').fill(reader.email);
    await page.getByLabel('Password').fill(reader.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/library$/);
    await page.getByRole('link', { name: 'Search' }).click();
    await expect.poll(() => page.locator('.result').count(), { timeout: 10_000 }).toBeGreaterThan(5);
    expect(errors).toEqual([]);
  });
});
