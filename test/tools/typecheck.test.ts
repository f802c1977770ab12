import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// tools/typecheck.js, npm test's type check: `tsc -b`, which answers from its record when none of our files
// changed since a clean check. What must hold: the record never hides an error, neither one just written nor
// one already reported, and a change of the installed packages (the lock file) checks everything again,
// since tsc compares only our files' times. It runs here on a project of its own, a file and a package's
// type definitions, with this checkout's TypeScript, so each check takes a fraction of a second, not the whole tree's.

const TYPECHECK = path.join(__dirname, '..', '..', 'tools', 'typecheck.js');
const TYPESCRIPT = path.dirname(require.resolve('typescript/package.json'));

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vp-typecheck-'));
  fs.mkdirSync(path.join(dir, 'tools'));
  fs.copyFileSync(TYPECHECK, path.join(dir, 'tools', 'typecheck.js'));
  fs.mkdirSync(path.join(dir, 'node_modules', 'units'), { recursive: true });
  fs.symlinkSync(TYPESCRIPT, path.join(dir, 'node_modules', 'typescript'), 'dir');
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, noLib: true, types: [], incremental: true, tsBuildInfoFile: 'node_modules/.cache/volcano-platform/tsbuildinfo' },
    include: ['src/**/*.ts'],
  }));
  fs.mkdirSync(path.join(dir, 'src'));
  // Without TypeScript's standard library (noLib), which would take most of each check's time to read: the
  // global types every program needs, empty.
  fs.writeFileSync(path.join(dir, 'src', 'globals.d.ts'), ['Array<T>', 'Boolean', 'CallableFunction', 'Function', 'IArguments', 'NewableFunction', 'Number', 'Object', 'RegExp', 'String']
    .map((name) => `interface ${name} {}\n`).join(''));
  lockFile(1);
  unitsTypes('number');
  source('number');
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The installed packages, as the lock file tells: a new `version` is another install. */
const lockFile = (version: number) => fs.writeFileSync(path.join(dir, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, version }));
/** The type definitions of an installed package: `cores` of the given type. */
const unitsTypes = (type: string) => {
  fs.writeFileSync(path.join(dir, 'node_modules', 'units', 'package.json'), JSON.stringify({ name: 'units', types: 'index.d.ts' }));
  fs.writeFileSync(path.join(dir, 'node_modules', 'units', 'index.d.ts'), `export declare const cores: ${type};\n`);
};
/** Our file: reads `cores` as the given type. */
const source = (type: string) => fs.writeFileSync(path.join(dir, 'src', 'quota.ts'), `import { cores } from 'units';\nexport const quota: ${type} = cores;\n`);

function typecheck() {
  const result = spawnSync(process.execPath, [path.join(dir, 'tools', 'typecheck.js')], { cwd: dir, encoding: 'utf8' });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

const TYPE_ERROR = /src\/quota\.ts\(2,14\): error TS2322: Type '(number|string)' is not assignable to type '(number|string)'/;

test('an error in a file edited after a clean check is reported, and again on the next run', () => {
  expect(typecheck()).toEqual({ code: 0, output: '' });
  source('string');
  const failed = typecheck();
  expect(failed.code).not.toBe(0);
  expect(failed.output).toMatch(TYPE_ERROR);
  expect(typecheck()).toEqual(failed);
});

test('after the installed packages change, everything is checked again: an error they cause in an unchanged file is reported', () => {
  source('number');
  expect(typecheck()).toEqual({ code: 0, output: '' });
  unitsTypes('string');
  lockFile(2);
  const failed = typecheck();
  expect(failed.code).not.toBe(0);
  expect(failed.output).toMatch(TYPE_ERROR);
});
