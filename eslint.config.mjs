import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// What a project of each kind (its Nx tag, in its package.json) may import. Contracts depend on nothing of ours;
// services know contracts and runtime libraries only, never each other; the web app knows the contracts, never the
// runtime; tests and scripts may also use the tooling that starts the stack.
const ALLOWED = {
  'type:contract': [],
  'type:service': ['type:contract', 'type:runtime'],
  'type:runtime': ['type:runtime', 'type:contract'],
  'type:app': ['type:contract'],
  'type:tooling': ['type:tooling', 'type:service', 'type:runtime', 'type:contract'],
};
const TEST_ALLOWED = {
  'type:contract': [],
  'type:service': [...ALLOWED['type:service'], 'type:tooling'],
  'type:runtime': [...ALLOWED['type:runtime'], 'type:tooling'],
  'type:app': [...ALLOWED['type:app'], 'type:runtime', 'type:tooling'],
  'type:tooling': ALLOWED['type:tooling'],
};
// A project's offline scripts (training, evaluation) are tooling, never shipped: they may read another service's
// public entry point (the fields evaluation reads PDFs with extraction's page layout).
const SCRIPT_ALLOWED = { ...TEST_ALLOWED, 'type:service': [...TEST_ALLOWED['type:service'], 'type:service'] };
// The contracts are zod schemas and nothing else, so any service, tool or browser can read them; their tests and
// scripts may also turn them into JSON Schema.
const CONTRACT_PACKAGES = ['zod'];
const CONTRACT_TOOLING_PACKAGES = [...CONTRACT_PACKAGES, 'zod-to-json-schema'];
const boundaries = (allowed, contractPackages) => [
  'error',
  {
    allow: [],
    depConstraints: Object.entries(allowed).map(([sourceTag, tags]) => ({
      sourceTag,
      onlyDependOnLibsWithTags: tags,
      ...(sourceTag === 'type:contract' ? { allowedExternalImports: contractPackages } : {}),
    })),
  },
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.stack/**', 'coverage/**', '.nx/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-console': 'error',
      '@nx/enforce-module-boundaries': boundaries(ALLOWED, CONTRACT_PACKAGES),
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@docpipe/*/*'], message: "Import a project's public entry point (@docpipe/<name>), not its files." }] },
      ],
    },
    plugins: { '@nx': nx },
  },
  {
    // A promise nobody awaits is a check nobody waits for (a rate limit, an authorisation): these need type information.
    files: ['services/*/src/**/*.ts', 'shared/*/src/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error', '@typescript-eslint/no-misused-promises': 'error' },
  },
  {
    files: ['**/test/**/*.ts'],
    rules: { 'no-console': 'off', '@nx/enforce-module-boundaries': boundaries(TEST_ALLOWED, CONTRACT_TOOLING_PACKAGES) },
  },
  {
    files: ['**/scripts/**/*.ts'],
    rules: { 'no-console': 'off', '@nx/enforce-module-boundaries': boundaries(SCRIPT_ALLOWED, CONTRACT_TOOLING_PACKAGES) },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
