import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Styles are scoped: one global stylesheet (tokens, elements, the shared primitives), every
// other stylesheet a CSS Module, whose class names the build makes unique. So a feature's rule
// cannot reach another feature's markup, and two features may both call something `.pager`.

const src = path.dirname(new URL(import.meta.url).pathname);
const stylesheets = (readdirSync(src, { recursive: true }) as string[]).filter((f) => f.endsWith('.css'));
const classesIn = (css: string) =>
  new Set([...css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].map((m) => m[1]));

/** Class names that come from outside the app's markup: the Markdown renderer and react-router. */
const FOREIGN = new Set(['footnotes', 'footnotes-sep', 'footnote-ref', 'footnote-backref', 'footnote-item', 'active']);

describe('stylesheets', () => {
  it('are CSS Modules, but for the one global stylesheet', () => {
    expect(stylesheets.filter((f) => !f.endsWith('.module.css'))).toEqual(['styles.css']);
  });

  it('reach outside their module only for the shared classes, never to make a new global one', () => {
    const shared = classesIn(readFileSync(path.join(src, 'styles.css'), 'utf8'));
    const strays: string[] = [];
    for (const file of stylesheets.filter((f) => f.endsWith('.module.css'))) {
      const css = readFileSync(path.join(src, file), 'utf8');
      for (const [, name] of css.matchAll(/:global\(\.([\w-]+)\)/g)) {
        if (name && !shared.has(name) && !FOREIGN.has(name)) strays.push(`${file}: .${name}`);
      }
    }
    expect(strays).toEqual([]);
  });
});
