import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, parseAst } from 'vite';

/** The shared contracts (packages/contracts) and the schema library they define their schemas with. */
const CONTRACTS = /[\\/]packages[\\/]contracts[\\/]src[\\/].*\.ts$/;
const SCHEMA_LIBRARY = /[\\/]node_modules[\\/](\.pnpm[\\/])?typebox[@\\/]/;

/**
 * The app frame and the search page (the signed-in home page): the first screen's group takes
 * them and everything they import (not what they load when shown: other pages, the Markdown
 * renderer, the alerts and authorities pages).
 */
const FIRST_SCREEN = /[\\/]apps[\\/]web[\\/]src[\\/](app|features[\\/]search)[\\/]/;
/** The entry script's modules (main.tsx and what it imports), which must not pull the rest in. */
const ENTRY =
  /[\\/]apps[\\/]web[\\/]src[\\/](main\.tsx|lib[\\/](session|api-client)\.ts|features[\\/]search[\\/](index|first-load|address|api[\\/]search-request)\.ts)$|[\\/]packages[\\/]contracts[\\/]src[\\/]search-options\.ts$/;

/**
 * The SPA uses the contracts' constants and labels, never their request schemas (the API checks
 * those). A schema is a call (`Type.Object(…)`), often of other schemas' fields (`...Card.properties`),
 * which the bundler must keep unless told it is pure. So each top-level `const` of a contracts
 * module is made from a function call marked pure (`const X = /* @__PURE__ *\/ (() => …)()`): what
 * the SPA does not use goes, and with the unused schemas the whole schema library (~40 kB).
 */
function pureContractSchemas(): Plugin {
  return {
    name: 'kb:pure-contract-schemas',
    apply: 'build',
    transform(code, id) {
      if (!CONTRACTS.test(id)) return null;
      const inits: Array<{ start: number; end: number }> = [];
      for (const statement of parseAst(code).body) {
        const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
        if (declaration?.type !== 'VariableDeclaration') continue;
        for (const { init } of declaration.declarations)
          if (init) inits.push(init as unknown as { start: number; end: number });
      }
      let out = code;
      for (const { start, end } of inits.reverse()) {
        out = `${out.slice(0, start)}/* @__PURE__ */ (() => (${out.slice(start, end)}))()${out.slice(end)}`;
      }
      return { code: out, map: null };
    },
  };
}

/**
 * index.html names the app's code (app/mount.tsx and every chunk it imports) as modulepreload,
 * so that it downloads and compiles beside the small entry script instead of after it: the entry
 * (main.tsx) imports it dynamically, once it has sent the first requests.
 */
function preloadApp(): Plugin {
  const APP = /[\\/]src[\\/]app[\\/]mount\.tsx$/;
  return {
    name: 'kb:preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle }) {
        if (!bundle) return html;
        const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
        // The chunk holding mount.tsx (its own, or the first screen's group).
        const app = chunks.find((c) => c.moduleIds.some((id) => APP.test(id)));
        if (!app) throw new Error('kb:preload-app: no chunk for src/app/mount.tsx');
        const files = new Set<string>();
        const visit = (file: string) => {
          if (files.has(file)) return;
          files.add(file);
          for (const imported of chunks.find((c) => c.fileName === file)?.imports ?? []) visit(imported);
        };
        visit(app.fileName);
        return [...files]
          .filter((file) => !html.includes(`/${file}"`))
          .map((file) => ({
            tag: 'link',
            // Low priority: on HTTP/1.1 (six connections per host) these three would otherwise take
            // every free connection before index.html's inline session refresh is even sent, and
            // the refresh (then the search) would wait for one of them to finish. Low, the
            // refresh goes first; the app's code, needed only later, still loads beside it.
            attrs: { rel: 'modulepreload', crossorigin: true, fetchpriority: 'low', href: `/${file}` },
            injectTo: 'head' as const,
          }));
      },
    },
  };
}

/**
 * Writes a Brotli (`.br`) and a gzip (`.gz`) copy beside each script, stylesheet and page, at
 * the highest levels: the API serves them as they are (preCompressed) to the browsers that
 * accept them (the first screen's ~560 kB of script and style is ~150 kB in Brotli).
 */
function precompress(): Plugin {
  return {
    name: 'kb:precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? 'dist';
      const files = Object.keys(bundle).filter((file) => /\.(js|css|html)$/.test(file));
      await Promise.all(
        files.map(async (file) => {
          const data = await readFile(path.join(dir, file));
          if (data.length < 1024) return;
          const [br, gz] = await Promise.all([
            promisify(brotliCompress)(data, {
              params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
            }),
            promisify(gzip)(data, { level: 9 }),
          ]);
          await Promise.all([writeFile(path.join(dir, `${file}.br`), br), writeFile(path.join(dir, `${file}.gz`), gz)]);
        }),
      );
    },
  };
}

export default defineConfig({
  plugins: [react(), pureContractSchemas(), preloadApp(), precompress()],
  server: {
    port: 5173,
    proxy: { '/api': { target: process.env.API_URL ?? 'http://localhost:3000', changeOrigin: false } },
  },
  build: {
    sourcemap: false,
    // One stylesheet for every page (73 kB, 12 kB gzip): the first screen needed eight, each a
    // request queued on the same six connections as the scripts and the API calls.
    cssCodeSplit: false,
    chunkSizeWarningLimit: 300,
    rolldownOptions: {
      // Importing a contracts module or the schema library does nothing by itself.
      treeshake: { moduleSideEffects: (id) => (CONTRACTS.test(id) || SCHEMA_LIBRARY.test(id) ? false : undefined) },
      output: {
        // React and React DOM in a file of their own: cached across releases of the app, and the
        // entry stays under the 300 kB warning (both load at once: index.html preloads them).
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /[\\/]node_modules[\\/](\.pnpm[\\/])?(react|react-dom|scheduler)[@\\/]/,
              priority: 3,
            },
            // The few pages that use a schema load it; left to itself, the bundler puts it in a
            // chunk the entry imports (it is loaded first anyway), and every first load pays for it.
            { name: 'schemas', test: SCHEMA_LIBRARY, priority: 3 },
            // The first screen (the app frame and the search page, with what they import) in one
            // file instead of some twenty: a cold load over HTTP/1.1 gets six connections, and
            // each small file queued behind the others (and behind the API's refresh and search)
            // delayed the first results. The entry's own modules stay out: it must stay small.
            { name: 'first-screen', test: FIRST_SCREEN, priority: 1 },
            // …and the entry's modules out of it (the group would take them in as its dependencies).
            { name: 'entry', test: ENTRY, priority: 2 },
          ],
        },
      },
    },
  },
});
