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

export default defineConfig({
  plugins: [react(), pureContractSchemas()],
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
          groups: [{ name: 'react', test: /[\\/]node_modules[\\/](\.pnpm[\\/])?(react|react-dom|scheduler)[@\\/]/ }],
        },
      },
    },
  },
});
