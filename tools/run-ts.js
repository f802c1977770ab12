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
    prune();
  } catch {
    // a read-only cache only costs speed
  }
  return code;
}

/** The transpiled code of every .ts file loaded, for its source map: read only when a stack trace is formatted. */
const transpiled = new Map();

/** Entries kept: the newest, several times the project's files (every edit leaves an old entry behind). */
const KEEP = 2000;

function prune() {
  const names = fs.readdirSync(CACHE);
  if (names.length <= KEEP) return;
  const byAge = names.map((name) => path.join(CACHE, name)).map((file) => ({ file, mtime: fs.statSync(file).mtimeMs })).sort((a, b) => b.mtime - a.mtime);
  for (const { file } of byAge.slice(KEEP)) fs.rmSync(file, { force: true });
}

Module._extensions['.ts'] = function compileTypeScript(module, filename) {
  const code = transpile(fs.readFileSync(filename, 'utf8'), filename);
  transpiled.set(filename, code);
  module._compile(code, filename);
};

// Stack traces point at the TypeScript lines. Not node's --enable-source-maps: it parses every module's
// map (cdk8s ships large inline ones) as it loads, a third of the start-up; these are decoded on demand.
const maps = new Map();
function sourceMap(filename) {
  if (!maps.has(filename)) {
    const inline = /\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/.exec(transpiled.get(filename) ?? '');
    maps.set(filename, inline ? new Module.SourceMap(JSON.parse(Buffer.from(inline[1], 'base64').toString('utf8'))) : undefined);
  }
  return maps.get(filename);
}
function frame(site) {
  const text = site.toString();
  const file = site.getFileName();
  const line = site.getLineNumber();
  const column = site.getColumnNumber();
  if (!file || !transpiled.has(file) || line == null || column == null) return text;
  const entry = sourceMap(file)?.findEntry(line - 1, column - 1);
  if (!entry || entry.originalLine === undefined) return text;
  return text.replace(`${file}:${line}:${column}`, `${file}:${entry.originalLine + 1}:${entry.originalColumn + 1}`);
}
Error.prepareStackTrace = (error, sites) => {
  let header;
  try {
    header = Error.prototype.toString.call(error);
  } catch {
    header = '<error>';
  }
  return [header, ...sites.map((site) => `    at ${frame(site)}`)].join('\n');
};

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node tools/run-ts.js <file.ts> [arguments]');
  process.exit(2);
}
const main = path.resolve(entry);
process.argv = [process.argv[0], main, ...args];
Module.runMain(main);
