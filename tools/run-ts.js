#!/usr/bin/env node
// Runs a TypeScript program: `node tools/run-ts.js main.ts [arguments]`, as the npm scripts do. It is
// `ts-node --swc` with a memory: every .ts file is transpiled by swc with tools/swc-options.js, and what swc
// returned is kept in node_modules/.cache/volcano-platform/transpiled/, one file per source file, stamped
// with a hash of the source, the options and swc's version. A run after an edit transpiles the edited file
// alone, and a run after none loads neither swc nor TypeScript: ts-node loads the TypeScript compiler on
// every start (about 100 ms here, most of what node needs to load cdk8s and cdk8s-plus-28, the floor of
// bench/loop.ts), and then swc for every file. It checks no types, like ts-node --swc;
// `npm test` does (tsc). ts-node itself still runs `cdk8s synth` (cdk8s.yaml) and the synthesis of other
// commits (lib/review/base-synthesis.ts), which may predate this file.
//
// The cache follows lib/cache/persistent.ts: `VOLCANO_PLATFORM_CACHE_DIR` moves it and
// `VOLCANO_PLATFORM_CACHE=off` turns it off. Anything that keeps it from working (an unwritable folder, a
// damaged entry) only costs the transpilation.
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const REPOSITORY = path.resolve(__dirname, '..');
const OPTIONS = require('./swc-options');

let swc;
let stamp;

function cacheRoot() {
  return process.env.VOLCANO_PLATFORM_CACHE_DIR ?? path.join(REPOSITORY, 'node_modules', '.cache', 'volcano-platform');
}

/** What any output depends on besides its source: swc's version and the options. */
function outputStamp() {
  if (stamp === undefined) {
    const version = JSON.parse(fs.readFileSync(require.resolve('@swc/core/package.json', { paths: [REPOSITORY] }), 'utf8')).version;
    stamp = `${version}\0${JSON.stringify(OPTIONS)}`;
  }
  return stamp;
}

/** The JavaScript for one TypeScript file, kept or transpiled (and then kept). */
function javascriptFor(source, filename) {
  const transpile = () => {
    swc ??= require(require.resolve('@swc/core', { paths: [REPOSITORY] }));
    return swc.transformSync(source, { ...OPTIONS, filename }).code;
  };
  if (process.env.VOLCANO_PLATFORM_CACHE === 'off') return transpile();
  // The first line of a kept file is the hash it was made for; a source edited since is transpiled again
  // and overwrites it, so the folder holds one entry per source file, never more.
  const hash = crypto.createHash('sha256').update(outputStamp()).update('\0').update(source).digest('hex');
  const name = `${crypto.createHash('sha256').update(filename).digest('hex').slice(0, 20)}-${path.basename(filename, '.ts')}.js`;
  const file = path.join(cacheRoot(), 'transpiled', name);
  try {
    const kept = fs.readFileSync(file, 'utf8');
    const newline = kept.indexOf('\n');
    if (kept.slice(0, newline) === `// ${hash}`) return kept.slice(newline + 1);
  } catch {
    // not kept yet
  }
  const code = transpile();
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Written aside and renamed: a run reading it meanwhile sees the old entry or the new, never half.
    const partial = `${file}.${process.pid}.partial`;
    fs.writeFileSync(partial, `// ${hash}\n${code}`);
    fs.renameSync(partial, file);
  } catch {
    // keeping it is only an optimization
  }
  return code;
}

/** Makes `require` of a .ts file in this process (or a worker thread) transpile it as described above. */
function register() {
  if (require.extensions['.ts']?.registeredBy === __filename) return;
  // Stack traces name the TypeScript lines, through the inline source maps, as under ts-node: read when a
  // trace is printed, not when a module loads (node's own --enable-source-maps parses every map, those of
  // node_modules too, on load, which costs more than the rest of the start).
  const javascript = new Map();
  require(require.resolve('@cspotcode/source-map-support', { paths: [REPOSITORY] })).install({
    environment: 'node',
    retrieveFile: (file) => javascript.get(file),
  });
  const compile = (module, filename) => {
    const code = javascriptFor(fs.readFileSync(filename, 'utf8'), filename);
    javascript.set(filename, code);
    module._compile(code, filename);
  };
  compile.registeredBy = __filename;
  require.extensions['.ts'] = compile;
}

module.exports = { register };

if (require.main === module) {
  const [entry, ...rest] = process.argv.slice(2);
  if (!entry) {
    console.error('usage: node tools/run-ts.js <file.ts> [arguments]');
    process.exit(2);
  }
  register();
  const main = path.resolve(entry);
  // The program sees the arguments as it would under ts-node: argv[1] is the program itself.
  process.argv = [process.argv[0], main, ...rest];
  require(main);
}
