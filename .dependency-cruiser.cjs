// Import boundaries of corsguard, checked by `npm test` (npm run boundaries).
//
// Layers, lowest first: src/core (models: origin, browser, policy, findings, errors) → src/capabilities
// (scan, check, generate, middleware, …) → src/outputs (reports) → src/services (library calls that
// chain them) → src/cli. A folder of a layer is a unit: other units import it only through its
// index.ts, and nothing imports a higher layer. Tests may also use another unit's test-support/.
const LAYERS = ['core', 'capabilities', 'outputs', 'services', 'cli'];
const above = (layer) => LAYERS.slice(LAYERS.indexOf(layer) + 1);
const TEST = '(\\.test\\.ts$|/test-support/)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...LAYERS.slice(0, -1).map((layer) => ({
      name: `no-upward-from-${layer}`,
      comment: `src/${layer} is below ${above(layer).join(', ')}: it must not import them`,
      severity: 'error',
      from: { path: `^src/${layer}/` },
      to: { path: `^src/(${above(layer).join('|')})/` },
    })),
    {
      name: 'through-index',
      comment: 'import another folder only through its index.ts',
      severity: 'error',
      from: { path: '^src/(core|capabilities|outputs|services)/([^/]+)/', pathNot: TEST },
      to: {
        path: '^src/(core|capabilities|outputs|services)/[^/]+/',
        pathNot: ['^src/$1/$2/', '^src/[^/]+/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'through-index-from-cli',
      comment: 'the CLI and the package entry import other folders only through their index.ts',
      severity: 'error',
      from: { path: '^src/(cli/|index\\.ts$)', pathNot: TEST },
      to: {
        path: '^src/(core|capabilities|outputs|services)/[^/]+/',
        pathNot: '^src/[^/]+/[^/]+/index\\.ts$',
      },
    },
    {
      name: 'tests-through-index-or-test-support',
      comment: "a test imports another folder through its index.ts or that folder's test-support/",
      severity: 'error',
      from: { path: `^src/(core|capabilities|outputs|services)/([^/]+)/.*${TEST}` },
      to: {
        path: '^src/(core|capabilities|outputs|services)/[^/]+/',
        pathNot: ['^src/$1/$2/', '^src/[^/]+/[^/]+/index\\.ts$', '^src/[^/]+/[^/]+/test-support/'],
      },
    },
    {
      name: 'no-test-code-in-production',
      severity: 'error',
      from: { path: '^src/', pathNot: TEST },
      to: { path: TEST },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^src/', pathNot: '/test-support/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
