/**
 * No two API modules (apps/api/src/modules/<name>) and no two SPA features
 * (apps/web/src/features/<name>) may need each other, directly or through others, even when
 * no single file cycle exists: dependency-cruiser's rules see files (and direct folders), so
 * this collapses its graph to modules and features and looks for cycles. Run by `pnpm lint`.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult } from 'dependency-cruiser';

const UNITS = [/^(apps\/api\/src\/modules\/[^/]+)\//, /^(apps\/web\/src\/features\/[^/]+)\//];

const unitOf = (file: string): string | undefined => {
  for (const pattern of UNITS) {
    const match = pattern.exec(file);
    if (match) return match[1];
  }
  return undefined;
};

/** Cycles between modules/features in a cruise result, each as the units it passes through. */
export function unitCycles(result: ICruiseResult): string[][] {
  const edges = new Map<string, Set<string>>();
  for (const module of result.modules) {
    const from = unitOf(module.source);
    if (!from) continue;
    for (const dependency of module.dependencies) {
      const to = unitOf(dependency.resolved);
      if (!to || to === from) continue;
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from)?.add(to);
    }
  }
  // Tarjan: every strongly connected component of more than one unit is a cycle.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (unit: string) => {
    index.set(unit, next);
    low.set(unit, next);
    next++;
    stack.push(unit);
    onStack.add(unit);
    for (const to of edges.get(unit) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(unit, Math.min(low.get(unit) ?? 0, low.get(to) ?? 0));
      } else if (onStack.has(to)) low.set(unit, Math.min(low.get(unit) ?? 0, index.get(to) ?? 0));
    }
    if (low.get(unit) === index.get(unit)) {
      const component: string[] = [];
      for (;;) {
        const member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
        if (member === unit) break;
      }
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const unit of edges.keys()) if (!index.has(unit)) visit(unit);
  return cycles;
}

/** Cruises `paths` (relative to `baseDir`) with the repository's dependency-cruiser options. */
export async function cruiseTree(baseDir: string, paths: string[], configFile: string): Promise<ICruiseResult> {
  const config = createRequire(import.meta.url)(configFile);
  const previous = process.cwd();
  process.chdir(baseDir);
  try {
    const { output } = await cruise(paths, {
      ...config.options,
      ruleSet: { forbidden: config.forbidden },
      validate: true,
    });
    return output as ICruiseResult;
  } finally {
    process.chdir(previous);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const result = await cruiseTree(root, ['apps/api/src', 'apps/web/src'], path.join(root, '.dependency-cruiser.cjs'));
  const cycles = unitCycles(result);
  for (const cycle of cycles) console.error(`  error module-cycle: ${cycle.join(' ⇄ ')} need each other`);
  if (cycles.length > 0) {
    console.error(`\nx ${cycles.length} cycle(s) between modules or features: one must own the concept.`);
    process.exit(1);
  }
  console.log('✔ no cycles between API modules or SPA features');
}
