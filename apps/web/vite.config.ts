import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** The shared contracts (packages/contracts) and the schema library they define their schemas with. */
const CONTRACTS = /[\\/]packages[\\/]contracts[\\/]src[\\/].*\.ts$/;
const SCHEMA_LIBRARY = /[\\/]node_modules[\\/](\.pnpm[\\/])?typebox[@\\/]/;

/**
 * The SPA uses the contracts' constants and labels, never their request schemas (the API checks
 * those). A schema is a call (`Type.Object(…)`) the bundler must keep unless told it is pure:
 * marked so, the unused schemas go, and with them the whole schema library (~60 kB of the
 * entry). Only calls of the schema builders are marked; anything else in contracts stays.
 */
function pureContractSchemas(): Plugin {
  const BUILDER_CALL = /(?<![\w.$])((?:Type\.\w+|StringEnum|Nullable|NullableInput)\()/g;
  return {
    name: 'kb:pure-contract-schemas',
    apply: 'build',
    transform(code, id) {
      if (!CONTRACTS.test(id)) return null;
      return { code: code.replace(BUILDER_CALL, '/* @__PURE__ */ $1'), map: null };
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
        const app = chunks.find((c) => c.facadeModuleId && APP.test(c.facadeModuleId));
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
            attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` },
            injectTo: 'head' as const,
          }));
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), pureContractSchemas(), preloadApp()],
  server: {
    port: 5173,
    proxy: { '/api': { target: process.env.API_URL ?? 'http://localhost:3000', changeOrigin: false } },
  },
  build: {
    sourcemap: false,
    chunkSizeWarningLimit: 300,
    rolldownOptions: {
      // Importing a contracts module or the schema library does nothing by itself.
      treeshake: { moduleSideEffects: (id) => (CONTRACTS.test(id) || SCHEMA_LIBRARY.test(id) ? false : undefined) },
      output: {
        // React and React DOM in a file of their own: cached across releases of the app, and the
        // entry stays under the 300 kB warning (both load at once: index.html preloads them).
        codeSplitting: {
          groups: [
            { name: 'react', test: /[\\/]node_modules[\\/](\.pnpm[\\/])?(react|react-dom|scheduler)[@\\/]/ },
            // The few pages that use a schema load it; left to itself, the bundler puts it in a
            // chunk the entry imports (it is loaded first anyway), and every first load pays for it.
            { name: 'schemas', test: SCHEMA_LIBRARY },
          ],
        },
      },
    },
  },
});
