#!/usr/bin/env node
// npm test's type check: `tsc -b tsconfig.json --noEmit`, every file of tsconfig.json. In build mode tsc
// first asks its record (tsconfig.json's tsBuildInfoFile, in node_modules/.cache/volcano-platform/) whether
// any file it checks changed since the last check; when none did, it answers from the record without reading
// them (under a second here, where the incremental `tsc --noEmit` it replaces took 6 s to parse the 2,000 files of
// type definitions again before finding nothing to check). A record of a check that found errors never
// counts as up to date, so errors are reported on every run until they are fixed.
//
// What tsc compares is our files' times, not node_modules: after the installed packages change (a new
// package-lock.json, another TypeScript), the record is set aside (--force) and everything is checked again.
'use strict';

const { spawnSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const REPOSITORY = path.resolve(__dirname, '..');
const STAMP = path.join(REPOSITORY, 'node_modules', '.cache', 'volcano-platform', 'tsbuildinfo.packages');
const TYPESCRIPT = path.dirname(require.resolve('typescript/package.json', { paths: [REPOSITORY] }));

/** What the record depends on besides our files: the installed packages, by the lock file, and tsc's version. */
function packagesStamp() {
  return crypto.createHash('sha256')
    .update(fs.readFileSync(path.join(REPOSITORY, 'package-lock.json')))
    .update('\0')
    .update(JSON.parse(fs.readFileSync(path.join(TYPESCRIPT, 'package.json'), 'utf8')).version)
    .digest('hex');
}

const stamp = packagesStamp();
let recorded;
try {
  recorded = fs.readFileSync(STAMP, 'utf8');
} catch {
  recorded = undefined;
}
const args = ['-b', 'tsconfig.json', '--noEmit', ...(recorded === stamp ? [] : ['--force']), ...process.argv.slice(2)];
const run = spawnSync(process.execPath, [path.join(TYPESCRIPT, 'bin', 'tsc'), ...args], { cwd: REPOSITORY, stdio: 'inherit' });
if (run.error) throw run.error;
if (run.status === 0 && recorded !== stamp) {
  fs.mkdirSync(path.dirname(STAMP), { recursive: true });
  fs.writeFileSync(STAMP, stamp);
}
process.exitCode = run.status ?? 1;
