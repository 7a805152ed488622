import type { Page } from 'playwright-core';

/*
 * Every page of the app and its main states, for the checks that must hold everywhere: the
 * phone layout (390 × 844) and the accessibility engine (tests/e2e/phone-a11y.test.ts).
 * A new page is one more entry here; a new state of a page (a dialog, a drawer, an error) is
 * an entry with `act`. tests/e2e/routes.test.ts fails while a route of the SPA's router has no
 * entry here.
 */

export type Role = 'visitor' | 'reader' | 'editor' | 'admin';

/** What a route may ask about the seeded database to build its address. */
export interface Lookup {
  /** The slug of the document with this external id (seeded content). */
  slug(externalId: string): Promise<string>;
  /** The id of the document with this external id. */
  documentId(externalId: string): Promise<string>;
  /** The id of an analysis the reader saved (one is made the first time). */
  savedAnalysis(): Promise<string>;
}

export interface RouteCheck {
  /** Names the test. */
  name: string;
  /** Who looks at it. */
  as: Role;
  path: string | ((lookup: Lookup) => Promise<string>);
  /**
   * The router's pattern this entry shows (`/documents/:idOrSlug`): required when `path` is a
   * function; a string path is matched against the router instead.
   */
  route?: string;
  /** Resolves when the page shows what it is about (not a spinner). */
  ready: (page: Page) => Promise<unknown>;
  /** Puts the page in the state to check (opens a dialog, a drawer, shows an error). */
  act?: (page: Page) => Promise<unknown>;
}

const heading = (name: string | RegExp) => (page: Page) =>
  page.getByRole('heading', { level: 1, name }).waitFor({ timeout: 15_000 });
const text = (value: string | RegExp) => (page: Page) => page.getByText(value).first().waitFor({ timeout: 15_000 });
/** The search page once its results answered. */
const searchSettled = (page: Page) =>
  page
    .locator('section[aria-labelledby="search-results-summary"][aria-busy="false"] .result')
    .first()
    .waitFor({ timeout: 15_000 });
const documentText = (page: Page) => page.getByRole('article', { name: 'Document text' }).waitFor({ timeout: 15_000 });

/** The matter label of the analysis Lookup.savedAnalysis saves. */
export const PHONE_ANALYSIS = 'People v. A.B. — plea offer';

const ADVISORY = 'demo-adv-crime-of-violence-2024-update';
const SUPERSEDED = 'demo-adv-crime-of-violence-after-dimaya-2019';
const TREATISE = 'demo-treatise-crimmigration-handbook';
/** The demo editor's organization (editor@demo is its organization admin). */
const DEMO_ORGANIZATION = 'sample-immigrant-defense-collaborative';
/** Has a second published revision in the phone and axe checks (phone-a11y.test.ts), so there is a diff to show. */
export const REVISED = 'demo-adv-mandatory-detention-236c-laken-riley';
const WITH_TABLE = 'demo-adv-cal-pc-29800-felon-firearm';

/** Opens the filters: a drawer on phones, always shown on wide screens. */
async function openFilters(page: Page) {
  const toggle = page.getByRole('button', { name: /^Filters/ });
  if (await toggle.isVisible()) await toggle.click();
  await page
    .getByRole('group', { name: /consequence/i })
    .first()
    .waitFor({ state: 'visible' });
}

/** Opens the contents: a drawer on phones, a sidebar on wide screens. */
async function openContents(page: Page) {
  const toggle = page.getByRole('button', { name: /^Contents/ });
  if (await toggle.isVisible()) await toggle.click();
  await page
    .getByRole('navigation', { name: /Contents|Chapters/ })
    .first()
    .waitFor({ state: 'visible' });
}

export const ROUTES: RouteCheck[] = [
  { name: 'sign-in', as: 'visitor', path: '/sign-in', ready: heading(/Sign in/) },
  {
    name: 'sign-in, wrong password',
    as: 'visitor',
    path: '/sign-in',
    ready: heading(/Sign in/),
    act: async (page) => {
      await page.getByLabel('E-mail').fill('reader@demo.example.org');
      await page.getByLabel('Password').fill('not the password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').waitFor();
    },
  },
  { name: 'accept invitation, no token', as: 'visitor', path: '/accept-invite', ready: heading(/./) },
  { name: 'reset password, no token', as: 'visitor', path: '/reset-password', ready: heading(/./) },
  { name: 'search', as: 'reader', path: '/', ready: searchSettled },
  {
    name: 'search, query and filters',
    as: 'reader',
    path: '/?q=burglary&consequence=aggravated-felony',
    ready: searchSettled,
  },
  // A /search address (a notification's link) opens the search page with its query.
  { name: 'search address', as: 'reader', path: '/search?q=burglary', ready: searchSettled },
  { name: 'search, filters open', as: 'reader', path: '/?q=theft', ready: searchSettled, act: openFilters },
  {
    name: 'search, nothing found',
    as: 'reader',
    path: '/?q=zzzqqqxxnothing',
    ready: text(/No published guidance matches/),
  },
  {
    name: 'search, suggestions open',
    as: 'reader',
    path: '/',
    ready: searchSettled,
    act: async (page) => {
      await page.getByRole('combobox').first().pressSequentially('aggravated', { delay: 20 });
      await page.getByRole('option').first().waitFor({ timeout: 15_000 });
    },
  },
  {
    name: 'advisory',
    as: 'reader',
    route: '/documents/:idOrSlug',
    path: (l) => l.slug(ADVISORY).then((s) => `/documents/${s}`),
    ready: documentText,
  },
  {
    name: 'advisory, contents open',
    as: 'reader',
    route: '/documents/:idOrSlug',
    path: (l) => l.slug(ADVISORY).then((s) => `/documents/${s}`),
    ready: documentText,
    act: openContents,
  },
  {
    name: 'advisory, bookmark dialog',
    as: 'reader',
    route: '/documents/:idOrSlug',
    path: (l) => l.slug(ADVISORY).then((s) => `/documents/${s}`),
    ready: documentText,
    act: async (page) => {
      await page.getByRole('button', { name: /Bookmark document/ }).click();
      await page.getByRole('dialog').waitFor();
    },
  },
  {
    name: 'superseded advisory',
    as: 'reader',
    route: '/documents/:idOrSlug',
    path: (l) => l.slug(SUPERSEDED).then((s) => `/documents/${s}`),
    ready: documentText,
  },
  {
    // Its consequences table: caption and header cells for screen readers, scrolls alone on a phone.
    name: 'advisory with a table',
    as: 'reader',
    route: '/documents/:idOrSlug',
    path: (l) => l.slug(WITH_TABLE).then((s) => `/documents/${s}`),
    ready: (page) => page.locator('.prose table caption').first().waitFor({ state: 'attached', timeout: 15_000 }),
  },
  {
    name: 'treatise',
    as: 'reader',
    route: '/documents/:idOrSlug',
    path: (l) => l.slug(TREATISE).then((s) => `/documents/${s}`),
    ready: documentText,
  },
  {
    name: 'treatise, contents open',
    as: 'reader',
    route: '/documents/:idOrSlug',
    path: (l) => l.slug(TREATISE).then((s) => `/documents/${s}`),
    ready: documentText,
    act: openContents,
  },
  {
    name: 'what changed',
    as: 'reader',
    route: '/documents/:idOrSlug/changes',
    path: (l) => l.slug(REVISED).then((s) => `/documents/${s}/changes`),
    ready: (page) => page.locator('ins').first().waitFor({ timeout: 15_000 }),
  },
  {
    name: 'what changed, one revision only',
    as: 'reader',
    route: '/documents/:idOrSlug/changes',
    path: (l) => l.slug(ADVISORY).then((s) => `/documents/${s}/changes`),
    ready: text(/one published revision/),
  },
  { name: 'authorities', as: 'reader', path: '/authorities', ready: heading('Authorities') },
  {
    name: 'authority card',
    as: 'reader',
    path: '/authorities/padilla-v-kentucky',
    ready: heading('Padilla v. Kentucky'),
  },
  {
    name: 'authority card, editor',
    as: 'editor',
    path: '/authorities/matter-of-pickering',
    ready: heading('Matter of Pickering'),
    act: async (page) => {
      await page.getByRole('button', { name: 'Mark authority status' }).click();
      await page.getByLabel('New status').waitFor();
    },
  },
  { name: 'no such authority', as: 'reader', path: '/authorities/no-such-case', ready: heading('No such authority') },
  {
    name: 'document not found',
    as: 'reader',
    path: '/documents/no-such-document',
    ready: heading('Document not found'),
  },
  { name: 'charts', as: 'reader', path: '/charts', ready: heading('Quick reference charts') },
  { name: 'chart: California', as: 'reader', path: '/charts/us-ca', ready: heading(/quick reference chart/) },
  { name: 'no such chart', as: 'reader', path: '/charts/zz', ready: heading('No such chart') },
  {
    name: 'chart row: PC 273.5(a)',
    as: 'reader',
    path: '/charts/us-ca/pc-273-5-a',
    ready: (page) => page.getByRole('button', { name: /^Follow this row/ }).waitFor({ timeout: 15_000 }),
  },
  { name: 'no such chart entry', as: 'reader', path: '/charts/us-ca/no-such-entry', ready: heading('No such entry') },
  {
    name: 'an organization',
    as: 'reader',
    path: '/organizations/sample-immigrant-defense-collaborative',
    ready: heading(/Sample Immigrant Defense Collaborative/),
  },
  {
    name: 'no such organization',
    as: 'reader',
    path: '/organizations/no-such-organization',
    ready: heading('Organization not found'),
  },
  { name: 'analyzer', as: 'reader', path: '/analyzer', ready: heading('Plea consequence analyzer') },
  {
    name: 'a saved analysis',
    as: 'reader',
    route: '/analyzer/:id',
    path: (l) => l.savedAnalysis().then((id) => `/analyzer/${id}`),
    ready: heading(PHONE_ANALYSIS),
  },
  {
    name: 'a saved analysis: its memo',
    as: 'reader',
    route: '/analyzer/:id/memo',
    path: (l) => l.savedAnalysis().then((id) => `/analyzer/${id}/memo`),
    ready: heading(/Advisal memo/),
  },
  { name: 'my library', as: 'reader', path: '/library', ready: heading('My library') },
  {
    name: 'account',
    as: 'reader',
    path: '/account',
    // With its alert settings, which load with the alerts feature.
    ready: (page) => page.getByRole('radio', { name: /Daily digest/ }).waitFor({ timeout: 15_000 }),
  },
  { name: 'notifications', as: 'reader', path: '/notifications', ready: text(/Nothing unread|unread notification/) },
  { name: 'my watches', as: 'reader', path: '/watches', ready: text(/You follow nothing yet|since /) },
  { name: 'page not found', as: 'reader', path: '/no-such-page', ready: heading('Page not found') },
  { name: 'editor: documents', as: 'editor', path: '/editor', ready: (page) => page.locator('table').waitFor() },
  {
    name: 'editor: an advisory',
    as: 'editor',
    route: '/editor/:id',
    path: (l) => l.documentId(ADVISORY).then((id) => `/editor/${id}`),
    ready: (page) => page.getByRole('textbox', { name: /Title/ }).first().waitFor({ timeout: 15_000 }),
  },
  {
    name: 'search analytics (editors)',
    as: 'editor',
    path: '/admin/search-analytics',
    ready: text(/\d+ searche?s? from/),
  },
  { name: 'editor: review queue', as: 'editor', path: '/editor/review-queue', ready: heading('Review queue') },
  { name: 'admin: users', as: 'admin', path: '/admin/users', ready: (page) => page.locator('table').waitFor() },
  {
    // Opened directly (a typed or bookmarked address): the first admin page, not an empty one.
    name: 'admin (the address alone)',
    as: 'admin',
    path: '/admin',
    ready: async (page) => {
      await page.waitForURL((url) => url.pathname === '/admin/users', { timeout: 15_000 });
      await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor({ timeout: 15_000 });
    },
  },
  { name: 'admin: audit log', as: 'admin', path: '/admin/audit', ready: (page) => page.locator('table').waitFor() },
  {
    name: 'admin: vocabulary',
    as: 'admin',
    path: '/admin/vocabulary',
    ready: (page) => page.locator('table').first().waitFor(),
  },
  { name: 'organizations', as: 'reader', path: '/organizations', ready: heading('Organizations') },
  {
    name: 'organizations, create form',
    as: 'admin',
    path: '/organizations',
    ready: (page) => page.getByRole('heading', { name: 'Add an organization' }).waitFor({ timeout: 15_000 }),
  },
  {
    name: 'organization: manage (its admin)',
    as: 'editor',
    path: `/organizations/${DEMO_ORGANIZATION}/manage`,
    ready: (page) => page.getByTestId('members').getByRole('listitem').first().waitFor({ timeout: 15_000 }),
  },
  {
    name: 'organization: manage (network admin)',
    as: 'admin',
    path: `/organizations/${DEMO_ORGANIZATION}/manage`,
    ready: (page) => page.getByRole('heading', { name: 'Organization', level: 2 }).waitFor({ timeout: 15_000 }),
  },
  {
    name: 'editor: supersession requests',
    as: 'editor',
    path: '/editor/requests',
    ready: (page) => page.getByRole('heading', { name: 'Asked by your organization' }).waitFor({ timeout: 15_000 }),
  },
  {
    name: "editor: an advisory, replacing another organization's",
    as: 'editor',
    route: '/editor/:id',
    path: (l) => l.documentId(ADVISORY).then((id) => `/editor/${id}`),
    ready: (page) => page.getByRole('textbox', { name: /Title/ }).first().waitFor({ timeout: 15_000 }),
    act: async (page) => {
      await page.getByRole('button', { name: /Replaces another organization/ }).click();
      await page.getByRole('heading', { name: /Replace another organization/ }).waitFor();
    },
  },
];
