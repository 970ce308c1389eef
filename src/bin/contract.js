#!/usr/bin/env node
'use strict';
// The package's executable: `npx list-task-execute-detail-contract <command> [--] [args...]` from another
// repository, after `npm install` of a git URL or a packed tarball. It runs the command's TypeScript
// through tsx (a dependency), in the user's working directory, so that reports land there.
const { spawn } = require('node:child_process');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const ROOT = path.resolve(__dirname, '..', '..');
const COMMANDS = {
  'client-check': 'src/client-check/cli.ts',
  proxy: 'src/proxy/cli.ts',
  mock: 'src/mock/cli.ts',
};

const [name, ...rest] = process.argv.slice(2);
const script = COMMANDS[name];
if (!script) {
  process.stderr.write(`Usage: npx list-task-execute-detail-contract <${Object.keys(COMMANDS).join('|')}> [--] [options]\n${name === undefined || name === '--help' ? '' : `unknown command "${name}"\n`}`);
  process.exit(name === '--help' ? 0 : 2);
}
const args = rest[0] === '--' ? rest.slice(1) : rest;
const child = spawn(process.execPath, ['--import', tsxLoader(), path.join(ROOT, script), ...args], { stdio: 'inherit' });

/** tsx's loader as a file URL, found from the package, not from the user's project. */
function tsxLoader() {
  const manifest = require.resolve('tsx/package.json', { paths: [ROOT] });
  return pathToFileURL(path.join(path.dirname(manifest), 'dist', 'loader.mjs')).href;
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
