// The layer boundaries of docs/architecture.md as ESLint configuration: one block per layer, whose
// file sets never overlap, so no block silently replaces another's options. A forbidden module is
// checked twice from one regular expression: in static imports and re-exports
// (@typescript-eslint/no-restricted-imports, which can let `import type` through) and in import()
// (no-restricted-syntax, since no-restricted-imports never sees the call), so a lazy import cannot
// step around a boundary. test/lint/layer-boundaries.test.ts lints one probe per rule
// (test/lint-fixtures/) and checks that each fails as expected.
import { builtinModules } from 'node:module';

// Built-ins with no I/O, clock or process state; every other built-in (and its subpaths) is I/O.
const PURE_BUILTINS = ['path', 'url', 'util', 'crypto', 'string_decoder'];
// Libraries that belong to a shell: argument parsing, the cluster client, HTTP, logging, terminals.
const SHELL_LIBRARIES = [
  'commander',
  '@commander-js/extra-typings',
  '@kubernetes/client-node',
  'fastify',
  'pino',
  'ora',
  'picocolors',
];
// node:crypto hashes deterministically (bundle checksums); its random functions are ambient effects.
const RANDOM_CRYPTO = ['randomUUID', 'randomBytes', 'randomInt', 'getRandomValues', 'randomFill'];

const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const anyOf = (names) => names.map(escapeRegex).join('|');
const ioBuiltins = builtinModules.filter(
  (name) => !name.startsWith('_') && !PURE_BUILTINS.includes(name.split('/')[0]),
);

/** A module (or folder) a layer may not import: `regex` matches the import's specifier. */
const forbid = (regex, message, options = {}) => ({ regex, message, ...options });
const nodeIo = (message) => forbid(`^(node:)?(${anyOf(ioBuiltins)})(/.*)?$`, message);
const shellLibraries = (message) => forbid(`^(${anyOf(SHELL_LIBRARIES)})(/.*)?$`, message);
const folder = (name, message, options) => forbid(`(^|/)${name}/`, message, options);

// Every file in src/: process.exit drops pending output (the config applies that everywhere), and
// a computed import() hides what it loads from the bundler and from these rules.
export const NO_PROCESS_EXIT = {
  selector: "CallExpression[callee.object.name='process'][callee.property.name='exit']",
  message: 'Set process.exitCode in cli/main.ts instead of process.exit().',
};
const EVERYWHERE = [
  NO_PROCESS_EXIT,
  {
    selector: "ImportExpression:not([source.type='Literal'])",
    message:
      'import() takes a string literal, so the bundler and the layer rules see what it loads.',
  },
];

/** Clock, timers, randomness and process state: what makes a function's result depend on when or where it runs. */
function ambientEffects(why) {
  const globals = [
    'process',
    'Buffer',
    'setTimeout',
    'setInterval',
    'setImmediate',
    'clearTimeout',
    'clearInterval',
    'clearImmediate',
    'performance',
    'fetch',
    'console',
    'require',
    'crypto',
    'global',
    'globalThis',
  ].map((name) => ({
    name,
    message: `${why}: ${name} is ambient; take it through a port or a parameter.`,
  }));
  const properties = [
    {
      object: 'Date',
      property: 'now',
      message: `${why}: take the clock (Clock port) as a parameter.`,
    },
    {
      object: 'Math',
      property: 'random',
      message: `${why}: randomness makes output irreproducible.`,
    },
    {
      object: 'AbortSignal',
      property: 'timeout',
      message: `${why}: take time limits from the Timeouts port.`,
    },
    ...RANDOM_CRYPTO.map((property) => ({
      object: 'crypto',
      property,
      message: `${why}: randomness makes output irreproducible.`,
    })),
  ];
  const syntax = [
    {
      selector: "NewExpression[callee.name='Date'][arguments.length=0]",
      message: `${why}: new Date() reads the clock; take the Clock port as a parameter.`,
    },
    {
      selector: "CallExpression[callee.name='Date']",
      message: `${why}: Date() reads the clock; take the Clock port as a parameter.`,
    },
  ];
  return { globals, properties, syntax };
}

const processOnlyInEntry = {
  name: 'process',
  message:
    'Only the entry file (cli/main.ts) reads process: take the value from the composition root.',
};

/**
 * The ESLint block of one layer. `random` lets a composition root use node:crypto's random functions
 * (cnsd's request ids), which it hands on as a parameter.
 */
function layer({
  files,
  ignores = [],
  forbidden,
  globals = [],
  properties = [],
  syntax = [],
  random = false,
}) {
  const importCalls = forbidden
    .filter(({ staticOnly }) => !staticOnly)
    .map(({ regex, message }) => ({
      // esquery ends a regular expression at the first '/', so slashes are written as \u002F.
      selector: `ImportExpression[source.value=/${regex.replaceAll('/', '\\u002F')}/]`,
      message,
    }));
  return {
    files,
    ignores: ['**/*.test.ts', ...ignores],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: (random ? [] : ['crypto', 'node:crypto']).map((name) => ({
            name,
            importNames: RANDOM_CRYPTO,
            message: 'Randomness makes output irreproducible; take it through a port.',
          })),
          patterns: forbidden.map(({ regex, message, allowTypeImports = false }) => ({
            regex,
            message,
            caseSensitive: true,
            allowTypeImports,
          })),
        },
      ],
      'no-restricted-syntax': ['error', ...EVERYWHERE, ...importCalls, ...syntax],
      'no-restricted-globals': ['error', ...globals],
      'no-restricted-properties': ['error', ...properties],
    },
  };
}

const CORE = 'core/ is pure';
const ACTIONS = 'actions/ reach the world only through ports.ts';
const EXPLORER = 'explorer/ runs in the browser and talks to cnsd over HTTP';
const PRESENTATION = 'presentation/ renders results as text for both shells, purely';
const coreAmbient = ambientEffects(CORE);
const actionsAmbient = ambientEffects(ACTIONS);
const cliRest = [
  folder(
    'adapters',
    'Only cli/main.ts (the composition root) imports adapters; commands get ports from their context.',
    {
      allowTypeImports: true,
    },
  ),
  folder('server', 'cli/ and server/ never import each other.'),
  folder('explorer', 'cnsctl never loads the explorer: cnsd serves its built files.'),
];

export const layerBoundaries = [
  {
    files: ['src/**/*.ts'],
    rules: {
      // Replaced by the TypeScript version, which lets `import type` through where a layer allows it.
      'no-restricted-imports': 'off',
      'no-restricted-syntax': ['error', ...EVERYWHERE],
    },
  },
  layer({
    files: ['src/core/**/*.ts'],
    forbidden: [
      nodeIo(`${CORE}: no I/O built-ins.`),
      shellLibraries(`${CORE}: no shell libraries.`),
      folder('actions', `${CORE}: core/ imports only core/.`),
      folder('adapters', `${CORE}: core/ imports only core/.`),
      folder('cli', `${CORE}: core/ imports only core/.`),
      folder('server', `${CORE}: core/ imports only core/.`),
      folder('explorer', `${CORE}: core/ imports only core/.`),
      folder('presentation', `${CORE}: core/ imports only core/.`),
    ],
    ...coreAmbient,
  }),
  // What both shells show of a result (JUnit XML, a queried value): pure, over core/ only.
  layer({
    files: ['src/presentation/**/*.ts'],
    forbidden: [
      nodeIo(`${PRESENTATION}: no I/O built-ins.`),
      shellLibraries(`${PRESENTATION}: no shell libraries.`),
      folder('actions', `${PRESENTATION}: it imports core/ only.`),
      folder('adapters', `${PRESENTATION}: it imports core/ only.`),
      folder('cli', `${PRESENTATION}: it imports core/ only.`),
      folder('server', `${PRESENTATION}: it imports core/ only.`),
    ],
    ...ambientEffects(PRESENTATION),
  }),
  layer({
    files: ['src/actions/**/*.ts'],
    forbidden: [
      nodeIo(`${ACTIONS}: no I/O built-ins.`),
      shellLibraries(`${ACTIONS}: no shell libraries.`),
      folder('adapters', `${ACTIONS}: actions/ import core/ and their ports only.`),
      folder('cli', `${ACTIONS}: actions/ import core/ and their ports only.`),
      folder('server', `${ACTIONS}: actions/ import core/ and their ports only.`),
    ],
    ...actionsAmbient,
  }),
  layer({
    files: ['src/adapters/**/*.ts'],
    forbidden: [
      folder('actions', 'adapters/ implement ports: they import only types from actions/.', {
        allowTypeImports: true,
      }),
      folder('cli', 'adapters/ never import the shells.'),
      folder('server', 'adapters/ never import the shells.'),
    ],
    globals: [processOnlyInEntry],
  }),
  // The composition root: the one file of cli/ that builds adapters and reads process.
  layer({
    files: ['src/cli/main.ts'],
    forbidden: [folder('server', 'cli/ and server/ never import each other.')],
  }),
  layer({
    files: ['src/cli/**/*.ts'],
    ignores: ['src/cli/main.ts', 'src/cli/format/*-renderers.ts'],
    forbidden: cliRest,
    globals: [processOnlyInEntry],
  }),
  // Renderer registries are imported by their command at start-up (the --format choices are their
  // keys), so each renderer loads its work with import() and the registry imports only types.
  layer({
    files: ['src/cli/format/*-renderers.ts'],
    forbidden: [
      ...cliRest,
      forbid(
        '.',
        'A renderer registry imports only types; each renderer loads its module with import().',
        {
          allowTypeImports: true,
          staticOnly: true,
        },
      ),
    ],
    globals: [processOnlyInEntry],
  }),
  layer({
    files: ['src/server/**/*.ts'],
    ignores: ['src/server/main.ts'],
    forbidden: [
      folder('cli', 'cli/ and server/ never import each other.'),
      folder(
        'adapters',
        'Only server/main.ts (the composition root) imports adapters; routes get ports from the app.',
        { allowTypeImports: true },
      ),
    ],
    globals: [
      {
        ...processOnlyInEntry,
        message: 'Only server/main.ts reads process: take the value from the composition root.',
      },
    ],
  }),
  layer({
    files: ['src/server/main.ts'],
    forbidden: [folder('cli', 'cli/ and server/ never import each other.')],
    random: true,
  }),
  // The recipe explorer (browser code): core/ (pure) and types of actions/, nothing of Node or the shells.
  layer({
    files: ['src/explorer/**/*.ts', 'src/explorer/**/*.tsx'],
    forbidden: [
      forbid(`^(node:.*|(${anyOf(builtinModules)})(/.*)?)$`, `${EXPLORER}: no Node built-ins.`),
      shellLibraries(`${EXPLORER}: no shell libraries.`),
      folder('actions', `${EXPLORER}: it imports only types from actions/.`, {
        allowTypeImports: true,
      }),
      folder('adapters', `${EXPLORER}: it never imports adapters/.`),
      folder('cli', `${EXPLORER}: it never imports cli/.`),
      folder('server', `${EXPLORER}: it never imports server/.`),
    ],
    globals: ['process', 'Buffer', 'require', '__dirname'].map((name) => ({
      name,
      message: `${EXPLORER}: ${name} is Node's, not the browser's.`,
    })),
  }),
];
