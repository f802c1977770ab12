import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// tools/run-ts.js, which runs every npm script: TypeScript transpiled by swc, each file's output kept
// between runs, so that a run after no edit loads no transpiler and a run after one edit transpiles one file.

const RUNNER = path.join(__dirname, '..', '..', 'tools', 'run-ts.js');

let dir: string;
let cache: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vp-run-ts-'));
  cache = path.join(dir, 'cache');
  fs.writeFileSync(path.join(dir, 'greeting.ts'), "export const greeting: string = 'hello';\n");
  // The program reports what it was given and whether a transpiler was loaded into this process.
  fs.writeFileSync(path.join(dir, 'main.ts'), [
    "import { greeting } from './greeting';",
    'const loaded = Object.keys(require.cache).filter((file) => /node_modules[\\\\/](@swc[\\\\/]core|typescript)[\\\\/]/.test(file));',
    'console.log(JSON.stringify({ greeting, argv: process.argv.slice(1), transpilerLoaded: loaded.length > 0 }));',
    "process.exitCode = process.argv.includes('--fail') ? 3 : 0;",
    '',
  ].join('\n'));
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [RUNNER, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, VOLCANO_PLATFORM_CACHE_DIR: cache, VOLCANO_PLATFORM_CACHE: undefined, ...env },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

const report = (out: string) => JSON.parse(out) as { greeting: string; argv: string[]; transpilerLoaded: boolean };
const kept = () => (fs.existsSync(path.join(cache, 'transpiled')) ? fs.readdirSync(path.join(cache, 'transpiled')).sort() : []);

test('runs the program with its arguments as ts-node would, and passes its exit code on', () => {
  const result = run(['main.ts', '--fail', 'x']);
  expect(result.code).toBe(3);
  expect(report(result.out)).toEqual({ greeting: 'hello', argv: [path.join(dir, 'main.ts'), '--fail', 'x'], transpilerLoaded: true });
});

test('a second run of unchanged files loads no transpiler; an edit transpiles again and replaces that file\'s entry', () => {
  expect(report(run(['main.ts']).out).transpilerLoaded).toBe(true);
  const entries = kept();
  expect(entries).toHaveLength(2);
  expect(report(run(['main.ts']).out)).toMatchObject({ greeting: 'hello', transpilerLoaded: false });

  fs.writeFileSync(path.join(dir, 'greeting.ts'), "export const greeting: string = 'edited';\n");
  expect(report(run(['main.ts']).out)).toMatchObject({ greeting: 'edited', transpilerLoaded: true });
  expect(kept()).toEqual(entries);
  expect(report(run(['main.ts']).out)).toMatchObject({ greeting: 'edited', transpilerLoaded: false });
});

test('a damaged entry costs a transpilation, nothing else', () => {
  run(['main.ts']);
  for (const entry of kept()) fs.writeFileSync(path.join(cache, 'transpiled', entry), 'garbage that is not JavaScript (');
  expect(report(run(['main.ts']).out)).toEqual({ greeting: 'hello', argv: [path.join(dir, 'main.ts')], transpilerLoaded: true });
});

test('VOLCANO_PLATFORM_CACHE=off keeps nothing', () => {
  expect(report(run(['main.ts'], { VOLCANO_PLATFORM_CACHE: 'off' }).out).greeting).toBe('hello');
  expect(fs.existsSync(cache)).toBe(false);
});

test('stack traces name the TypeScript file, line and column, also when the output was kept', () => {
  fs.writeFileSync(path.join(dir, 'fails.ts'), [
    'interface Reason { readonly text: string }',
    "const reason: Reason = { text: 'no' };",
    'export function fail(): never {',
    '  throw new Error(reason.text);',
    '}',
    'fail();',
    '',
  ].join('\n'));
  for (const attempt of ['transpiled', 'kept']) {
    const result = run(['fails.ts']);
    expect([attempt, result.code]).toEqual([attempt, 1]);
    expect(result.err).toContain(`at fail (${path.join(dir, 'fails.ts')}:4:9)`);
  }
});

test('without a program it says how it is used and exits 2', () => {
  expect(run([])).toEqual({ code: 2, out: '', err: 'usage: node tools/run-ts.js <file.ts> [arguments]\n' });
});
