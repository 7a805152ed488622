import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { patternOf, routerPatterns } from './router-paths';
import { ROUTES } from './routes';

/*
 * ROUTES (tests/e2e/routes.ts) against the SPA's router: the phone and accessibility checks visit
 * every page only if every page is listed. Pure: reads router.tsx, starts nothing.
 */

const patterns = routerPatterns();

/** The router pattern an entry shows: its own `route`, or the one its string path matches. */
const covered = (entry: (typeof ROUTES)[number]) =>
  entry.route ?? (typeof entry.path === 'string' ? patternOf(entry.path, patterns) : null);

describe('tests/e2e/routes.ts lists every route of the router', () => {
  it('reads the router (a sanity check of the parser)', () => {
    expect(patterns).toEqual(expect.arrayContaining(['/', '/sign-in', '/documents/:idOrSlug', '/editor/:id', '/*']));
  });

  it('every route of apps/web/src/app/router.tsx has an entry in ROUTES', () => {
    const listed = new Set(ROUTES.map(covered));
    expect(patterns.filter((p) => !listed.has(p))).toEqual([]);
  });

  it('every entry names a route the router has (an entry whose path is a function says which)', () => {
    const wrong = ROUTES.filter((entry) => {
      const pattern = covered(entry);
      return pattern === null || !patterns.includes(pattern);
    }).map((entry) => `${entry.name}: ${entry.route ?? (typeof entry.path === 'string' ? entry.path : 'no route')}`);
    expect(wrong).toEqual([]);
  });

  it('a string path matches the route it says it shows', () => {
    const mismatched = ROUTES.filter(
      (entry) => entry.route && typeof entry.path === 'string' && patternOf(entry.path, patterns) !== entry.route,
    ).map((entry) => entry.name);
    expect(mismatched).toEqual([]);
  });

  it('the matcher ranks as the router does: static before :param before *', () => {
    const table = ['/charts', '/charts/:jurisdiction', '/charts/:jurisdiction/:slug', '/charts/new', '/*'];
    expect(patternOf('/charts/new', table)).toBe('/charts/new');
    expect(patternOf('/charts/us-ca?q=x', table)).toBe('/charts/:jurisdiction');
    expect(patternOf('/charts/us-ca/pc-1', table)).toBe('/charts/:jurisdiction/:slug');
    expect(patternOf('/charts/us-ca/pc-1/more', table)).toBe('/*');
    expect(patternOf('/', table)).toBe('/*');
    expect(patternOf('/', ['/'])).toBe('/');
  });

  it('nested, index, lazy and pathless layout routes give each page its full path', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kb-router-'));
    const file = path.join(dir, 'router.tsx');
    writeFileSync(
      file,
      `export const routes = defineRoutes([
        { path: '/sign-in', Component: SignIn },
        { Component: Layout, children: [
          { index: true, Component: page(() => import('./search')) },
          { path: 'settings/:tab', Component: Settings },
          { path: 'admin', Component: Admin, children: [{ path: 'extra', Component: Extra }, { index: true, Component: Home }] },
          { path: '*', Component: NotFound },
        ] },
      ]);`,
    );
    try {
      expect(routerPatterns(file)).toEqual(['/sign-in', '/', '/settings/:tab', '/admin/extra', '/admin', '/*']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
