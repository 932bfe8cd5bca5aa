// Bundle the server, the client and the CLI with esbuild (runtime dependencies included).
import * as esbuild from 'esbuild';
import { readFile } from 'node:fs/promises';

const production = process.argv.includes('--production');

/**
 * yaml's CST parser reads `process.env.LOG_TOKENS` for every token it sees (a debugging hook);
 * reading process.env is a call into the runtime each time. We never set it: fold it to undefined.
 */
const yamlNoEnvLookup = {
  name: 'yaml-no-env-lookup',
  setup(build) {
    build.onLoad({ filter: /[\\/]yaml[\\/]dist[\\/]parse[\\/]parser\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      return { contents: source.replace(/node_process\.env\.LOG_TOKENS/g, 'undefined'), loader: 'js' };
    });
  },
};

/**
 * The server's engine (serverEngine.js) uses the LSP library that its first bundle (serverMain.js)
 * already loaded, to answer `initialize` before the engine exists: the library's imports are left
 * as `require('tenant-config:lsp')`, which the loader (server/src/main.ts, codeCache.ts) answers with
 * the first bundle's module. One copy of the library, one connection, the same request types.
 */
const sharedLsp = {
  name: 'shared-lsp',
  setup(build) {
    build.onResolve({ filter: /^vscode-(languageserver(\/node)?|languageserver-protocol|jsonrpc)$/ }, () => ({
      path: 'tenant-config:lsp',
      external: true,
    }));
  },
};

/**
 * The LSP library loads `net`, `crypto` and `child_process` when its module is evaluated, for
 * transports and helpers a stdio server started by an editor never calls (sockets and pipes,
 * random pipe names, resolving global npm folders): several milliseconds of a fresh process before
 * the `initialize` answer. Those three are loaded on their first use instead. Every use in the
 * library reads a member at call time (`(0, net_1.createServer)(...)`), which the proxy forwards.
 */
const lazyLspBuiltins = {
  name: 'lazy-lsp-builtins',
  setup(build) {
    const files = /[\\/](vscode-jsonrpc[\\/]lib[\\/]node[\\/](main|ril)|vscode-languageserver[\\/]lib[\\/]node[\\/]files)\.js$/;
    build.onLoad({ filter: files }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const lazy = source.replace(/\brequire\("(net|crypto|child_process)"\)/g, '__lazyBuiltin("$1")');
      const helper =
        'function __lazyBuiltin(id) { let m; return new Proxy({}, { get: (_, k) => (m ??= require(id))[k] }); }\n';
      return { contents: helper + lazy, loader: 'js' };
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  plugins: [yamlNoEnvLookup],
  mainFields: ['module', 'main'],
};

await Promise.all([
  // The server's entry is a small loader (boot.ts) that runs the server's bundle through V8's code cache.
  esbuild.build({ ...common, entryPoints: ['server/src/boot.ts'], outfile: 'dist/server.js' }),
  // Its first bundle: the connection and the answer to initialize; then the engine (see server/src/main.ts).
  esbuild.build({
    ...common,
    entryPoints: ['server/src/main.ts'],
    outfile: 'dist/serverMain.js',
    plugins: [...common.plugins, lazyLspBuiltins],
  }),
  esbuild.build({
    ...common,
    entryPoints: ['server/src/server.ts'],
    outfile: 'dist/serverEngine.js',
    plugins: [...common.plugins, sharedLsp],
  }),
  esbuild.build({ ...common, entryPoints: ['server/src/indexWorker.ts'], outfile: 'dist/indexWorker.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/analysisWorker.ts'], outfile: 'dist/analysisWorker.js' }),
  // The client notes when its bundle starts loading: activation is timed from there (see extension.ts).
  esbuild.build({
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/client.js',
    external: ['vscode'],
    banner: { js: '"use strict";\nvar __tenantConfigLoadStart = performance.now(), __tenantConfigLoadEnd;' },
    // ... and when its evaluation ended (the rest of the load, until `activate`, is the editor's).
    footer: { js: '__tenantConfigLoadEnd = performance.now();' },
  }),
  esbuild.build({ ...common, entryPoints: ['cli/src/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
]);
