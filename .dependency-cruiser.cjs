/**
 * Where code may import from: the architecture as rules, checked by `pnpm lint`
 * (tests/architecture/dependency-rules.test.ts proves they bite).
 *
 * - An API module (apps/api/src/modules/<name>/) or an SPA feature
 *   (apps/web/src/features/<name>/) is used by others only through its index.ts.
 * - routes → service → repository; only repositories (and @kb/db) touch drizzle.
 * - Infrastructure (apps/api/src/plugins) never depends on a feature module.
 * - Packages never depend on apps.
 * - No cycle between files, nor between modules or features (tests/architecture/module-cycles.ts
 *   checks the latter for nested SPA features, which a folder rule does not see).
 */
const API_MODULE = '^apps/api/src/modules/([^/]+)/';
const WEB_FEATURE = '^apps/web/src/features/([^/]+)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'An import cycle: two files (or two modules, through their doors) need each other.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-module-cycles',
      severity: 'error',
      comment:
        'Two API modules depend on each other, even without a file cycle: one of them must own the ' +
        'concept, or the other must hand it in (as app.ts hands taggedDocuments to taxonomy).',
      scope: 'folder',
      from: { path: '^apps/api/src/modules/[^/]+$' },
      to: { path: '^apps/api/src/modules/[^/]+$', circular: true },
    },
    {
      name: 'api-module-door',
      severity: 'error',
      comment:
        "Another API module's insides: import its index.ts (its door) instead, and export from there what may be used.",
      from: { path: API_MODULE },
      to: {
        path: '^apps/api/src/modules/[^/]+/',
        pathNot: ['^apps/api/src/modules/$1/', '^apps/api/src/modules/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'api-module-door-from-outside',
      severity: 'error',
      comment: 'The app, the CLI and the test harness use a module through its index.ts only.',
      from: { path: '^apps/api/src/', pathNot: '^apps/api/src/modules/' },
      to: { path: '^apps/api/src/modules/[^/]+/', pathNot: '^apps/api/src/modules/[^/]+/index\\.ts$' },
    },
    {
      name: 'plugins-not-modules',
      severity: 'error',
      comment: 'Infrastructure plugins must not depend on feature modules; let the module register its hooks.',
      from: { path: '^apps/api/src/plugins/' },
      to: { path: '^apps/api/src/modules/' },
    },
    {
      name: 'repository-not-service',
      severity: 'error',
      comment: 'A repository holds queries; it never calls a service (that would run the layers backwards).',
      from: { path: '\\.repository\\.ts$' },
      to: { path: '\\.service\\.ts$' },
    },
    {
      name: 'drizzle-in-repositories',
      severity: 'error',
      comment: 'drizzle-orm is used in *.repository.ts files (and @kb/db) only; services call repositories.',
      from: {
        path: '^(apps|packages)/',
        pathNot: ['\\.repository\\.ts$', '^apps/api/src/testing/'],
      },
      to: { path: '(^|/)drizzle-orm(/|$)' },
    },
    {
      name: 'packages-not-apps',
      severity: 'error',
      comment: 'Packages (and db) are libraries of the apps; they never import an app.',
      from: { path: '^(packages|db)/' },
      to: { path: '^apps/' },
    },
    {
      name: 'web-feature-door',
      severity: 'error',
      comment: "Another SPA feature's insides: import its index.ts instead, and export from there what may be used.",
      from: { path: WEB_FEATURE },
      to: {
        path: '^apps/web/src/features/[^/]+/',
        pathNot: ['^apps/web/src/features/$1/', '^apps/web/src/features/[^/]+/index\\.tsx?$'],
      },
    },
    {
      name: 'web-feature-door-from-outside',
      severity: 'error',
      comment: 'The router and the app frame use a feature through its index.ts only.',
      from: { path: '^apps/web/src/', pathNot: '^apps/web/src/features/' },
      to: { path: '^apps/web/src/features/[^/]+/', pathNot: '^apps/web/src/features/[^/]+/index\\.tsx?$' },
    },
    {
      name: 'web-shared-not-features',
      severity: 'error',
      comment: 'components/ui and lib are shared by the features; they never depend on one.',
      from: { path: '^apps/web/src/(components|lib)/' },
      to: { path: '^apps/web/src/(features|app)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Tests use several modules at once by nature; the rules are about the application's code.
    exclude: { path: ['/dist/', '\\.test\\.tsx?$'] },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
