import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { format, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/processes';
import { cruiseTree, unitCycles } from './module-cycles';

/**
 * The dependency rules `pnpm lint` runs (.dependency-cruiser.cjs) catch what they promise:
 * each rule is shown failing on a small tree that breaks it, and the repository passes.
 */
async function check(baseDir: string, files: string[]): Promise<{ result: ICruiseResult; violations: IViolation[] }> {
  const result = await cruiseTree(baseDir, files, path.join(repoRoot, '.dependency-cruiser.cjs'));
  return { result, violations: result.summary.violations };
}

const ruleNames = (violations: IViolation[]) => violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);

/** A throwaway tree laid out like the repository. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kb-rules-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  made.push(dir);
  return dir;
}
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const M = 'apps/api/src/modules';

describe('the dependency rules of pnpm lint', () => {
  it('fail when modules/documents imports modules/search/search.repository, naming the rule', async () => {
    // In the real repository: a file added to the documents module for the length of the check.
    const probe = path.join(repoRoot, M, 'documents', `rule-probe-${process.pid}.ts`);
    writeFileSync(probe, "export { countPublished } from '../search/search.repository';\n");
    try {
      const { result, violations } = await check(repoRoot, [path.relative(repoRoot, probe)]);
      expect(ruleNames(violations)).toContain(
        `api-module-door: ${M}/documents/rule-probe-${process.pid}.ts → ${M}/search/search.repository.ts`,
      );
      expect(result.summary.error).toBeGreaterThan(0);
      const message = String((await format(result, { outputType: 'err' })).output);
      expect(message).toContain(`error api-module-door: ${M}/documents/rule-probe-${process.pid}.ts →`);
    } finally {
      unlinkSync(probe);
    }
  });

  it('pass on the repository as it is: no errors, no two modules or features needing each other', async () => {
    const { result, violations } = await check(repoRoot, ['apps/api/src', 'apps/web/src', 'packages', 'db/src']);
    expect(ruleNames(violations.filter((v) => v.rule.severity === 'error'))).toEqual([]);
    expect(unitCycles(result)).toEqual([]);
  }, 60_000);

  it('fail on a cycle between two modules through their doors, with no file cycle', async () => {
    const dir = tree({
      [`${M}/a/index.ts`]: "export { a } from './a.service';\n",
      [`${M}/a/a.service.ts`]: "import { b } from '../b';\nexport const a = () => b;\n",
      [`${M}/b/index.ts`]: "export { b } from './b.service';\n",
      [`${M}/b/b.service.ts`]: "import { c } from '../a';\nexport const b = 1;\nexport { c };\n",
    });
    const { result, violations } = await check(dir, ['apps']);
    expect(violations.map((v) => v.rule.name)).toContain('no-module-cycles');
    expect(unitCycles(result)).toEqual([[`${M}/a`, `${M}/b`]]);
  });

  it('fail on a file cycle, on plugins importing a module, a repository importing a service', async () => {
    const dir = tree({
      [`${M}/a/index.ts`]: "export * from './a.routes';\n",
      [`${M}/a/a.routes.ts`]: "import { s } from './a.service';\nexport const r = s;\n",
      [`${M}/a/a.service.ts`]: "import { q } from './a.repository';\nexport const s = q;\n",
      [`${M}/a/a.repository.ts`]: "import { s } from './a.service';\nexport const q = 1;\nexport const t = s;\n",
      'apps/api/src/plugins/p.ts': `import { r } from '../modules/a';\nexport const p = r;\n`,
    });
    const names = (await check(dir, ['apps'])).violations.map((v) => v.rule.name);
    expect(names).toEqual(expect.arrayContaining(['no-cycles', 'plugins-not-modules', 'repository-not-service']));
  });

  it('fail on drizzle outside a repository and on a package importing an app', async () => {
    const dir = tree({
      [`${M}/a/a.service.ts`]: "import { sql } from 'drizzle-orm';\nexport const s = sql;\n",
      [`${M}/a/a.repository.ts`]: "import { sql } from 'drizzle-orm';\nexport const q = sql;\n",
      'packages/p/src/index.ts':
        "import { s } from '../../../apps/api/src/modules/a/a.service';\nexport const p = s;\n",
    });
    const found = ruleNames((await check(dir, ['apps', 'packages'])).violations);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^drizzle-in-repositories: apps\/api\/src\/modules\/a\/a\.service\.ts → /),
        expect.stringMatching(/^packages-not-apps: packages\/p\/src\/index\.ts → /),
      ]),
    );
    expect(found.some((f) => f.startsWith('drizzle-in-repositories: apps/api/src/modules/a/a.repository.ts'))).toBe(
      false,
    );
  });

  it("fail on an SPA feature reaching into another's insides, and on two features needing each other", async () => {
    const F = 'apps/web/src/features';
    const dir = tree({
      [`${F}/a/index.ts`]: "export { A } from './components/a';\n",
      [`${F}/a/components/a.tsx`]: "import { B } from '../../b';\nexport const A = B;\n",
      [`${F}/b/index.ts`]: "export { B } from './components/b';\n",
      [`${F}/b/components/b.tsx`]: "import { A } from '../../a/components/a';\nexport const B = 1;\nexport { A };\n",
      // Needing each other through their doors, from files no cycle joins.
      [`${F}/c/index.ts`]: "export { C } from './api/c';\n",
      [`${F}/c/api/c.ts`]: 'export const C = 1;\n',
      [`${F}/c/components/uses-d.tsx`]: "import { D } from '../../d';\nexport const X = D;\n",
      [`${F}/d/index.ts`]: "export { D } from './api/d';\n",
      [`${F}/d/api/d.ts`]: 'export const D = 1;\n',
      [`${F}/d/components/uses-c.tsx`]: "import { C } from '../../c';\nexport const Y = C;\n",
    });
    const { result, violations } = await check(dir, ['apps']);
    expect(violations.map((v) => v.rule.name)).toContain('web-feature-door');
    expect(unitCycles(result)).toEqual(
      expect.arrayContaining([
        [`${F}/a`, `${F}/b`],
        [`${F}/c`, `${F}/d`],
      ]),
    );
  });
});
