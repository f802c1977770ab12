#!/usr/bin/env node
'use strict';
// Runs a TypeScript entry point (`node tools/run-ts.js main.ts [args]`), as `ts-node --swc` does but
// without its start-up cost: every .ts file is transpiled by swc (types are checked by `npm test`, not
// here) and the output kept in node_modules/.cache/volcano-platform/ts/, keyed by the file's path and
// content, the swc version and the options below, so an unchanged file is never transpiled twice and swc
// is loaded only when a file changed. Plain JavaScript so that nothing has to be compiled to start it.
const crypto = require('crypto');
const fs = require('fs');
const Module = require('module');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'volcano-platform', 'ts');
// What `ts-node --swc` derives from tsconfig.json (target ES2022, CommonJS with esModuleInterop, strict).
const SWC_OPTIONS = {
  swcrc: false,
  sourceMaps: 'inline',
  module: { type: 'commonjs', noInterop: false, strictMode: true, ignoreDynamic: false },
  jsc: { parser: { syntax: 'typescript', tsx: false, dynamicImport: true }, target: 'es2022', keepClassNames: true },
};
const SWC_VERSION = require('@swc/core/package.json').version;

let swc;
function transpile(source, filename) {
  const key = crypto.createHash('sha256').update(`${SWC_VERSION}\0${JSON.stringify(SWC_OPTIONS)}\0${filename}\0`).update(source).digest('hex');
  const cached = path.join(CACHE, `${key}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    // not transpiled yet
  }
  swc ??= require('@swc/core');
  const { code } = swc.transformSync(source, { ...SWC_OPTIONS, filename });
  try {
    // Written whole under a unique name, then renamed: a concurrent run never reads half a file.
    fs.mkdirSync(CACHE, { recursive: true });
    const temporary = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, code);
    fs.renameSync(temporary, cached);
  } catch {
    // a read-only cache only costs speed
  }
  return code;
}

Module._extensions['.ts'] = function compileTypeScript(module, filename) {
  module._compile(transpile(fs.readFileSync(filename, 'utf8'), filename), filename);
};
// Stack traces of bugs point at the TypeScript lines (the inline source maps).
process.setSourceMapsEnabled(true);

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node tools/run-ts.js <file.ts> [arguments]');
  process.exit(2);
}
const main = path.resolve(entry);
process.argv = [process.argv[0], main, ...args];
Module.runMain(main);
