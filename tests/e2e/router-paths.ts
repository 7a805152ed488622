import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { repoRoot } from '../support/processes';

/*
 * The pages the SPA's router knows, read from apps/web/src/app/router.tsx itself (its route tree
 * is a literal), so that tests/e2e/routes.ts can be checked against it: a page added to the
 * router and forgotten in ROUTES fails tests/e2e/routes.test.ts.
 */

const ROUTER = path.join(repoRoot, 'apps', 'web', 'src', 'app', 'router.tsx');

const join = (base: string, child: string) =>
  child.startsWith('/') ? child : `${base.replace(/\/$/, '')}/${child}`.replace(/\/+/g, '/');

/** The path pattern of every page (leaf route) of the router: `/`, `/documents/:idOrSlug`, `/*`… */
export function routerPatterns(file = ROUTER): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  let tree: ts.ArrayLiteralExpression | undefined;
  const find = (node: ts.Node) => {
    if (ts.isCallExpression(node) && node.expression.getText(source) === 'defineRoutes') {
      const [first] = node.arguments;
      if (first && ts.isArrayLiteralExpression(first)) tree = first;
    }
    ts.forEachChild(node, find);
  };
  find(source);
  if (!tree) throw new Error(`no defineRoutes([...]) in ${file}`);

  const patterns: string[] = [];
  const walk = (routes: ts.ArrayLiteralExpression, base: string) => {
    for (const element of routes.elements) {
      if (!ts.isObjectLiteralExpression(element)) throw new Error(`a route that is not an object literal in ${file}`);
      const property = (name: string) =>
        element.properties.find(
          (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(source) === name,
        )?.initializer;
      const routePath = property('path');
      const own = routePath && ts.isStringLiteralLike(routePath) ? join(base, routePath.text) : base;
      const children = property('children');
      if (children && ts.isArrayLiteralExpression(children)) walk(children, own);
      else patterns.push(own || '/');
    }
  };
  walk(tree, '/');
  return [...new Set(patterns)];
}

/**
 * The pattern that serves `address` (a path, query and hash ignored), ranked as React Router
 * ranks them: static segments before `:params`, a `*` splat last. Null when none matches.
 */
export function patternOf(address: string, patterns: string[]): string | null {
  const segments = (p: string) => p.split(/[?#]/)[0]?.split('/').filter(Boolean) ?? [];
  const wanted = segments(address);
  let best: { pattern: string; score: number } | null = null;
  for (const pattern of patterns) {
    const parts = segments(pattern);
    let score = 0;
    let matches = true;
    for (let i = 0; i < parts.length && matches; i++) {
      const part = parts[i] as string;
      if (part === '*') {
        score -= 1;
        break;
      }
      const segment = wanted[i];
      if (segment === undefined) matches = false;
      else if (part.startsWith(':')) score += 3;
      else if (part === segment) score += 10;
      else matches = false;
    }
    if (parts.at(-1) !== '*' && parts.length !== wanted.length) matches = false;
    if (matches && (!best || score > best.score)) best = { pattern, score };
  }
  return best?.pattern ?? null;
}
