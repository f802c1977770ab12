import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const RUNNER = path.join(__dirname, '..', '..', 'tools', 'run-ts.js');

function run(file: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [RUNNER, file, ...args], { encoding: 'utf8' });
  return { status: result.status, out: result.stdout, err: result.stderr };
}

describe('tools/run-ts.js, the npm scripts\' TypeScript runner', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'run-ts-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('runs a file with its imports and arguments, and an edited file as edited (the cache is keyed by content)', () => {
    fs.writeFileSync(path.join(dir, 'lib.ts'), 'export const greeting: string = "hello";\n');
    const main = path.join(dir, 'main.ts');
    fs.writeFileSync(main, 'import { greeting } from "./lib";\ninterface Args { list: string[] }\nconst a: Args = { list: process.argv.slice(2) };\nconsole.log(`${greeting} ${a.list.join(",")} ${__filename === process.argv[1]}`);\n');
    expect(run(main, 'x', 'y')).toEqual({ status: 0, out: 'hello x,y true\n', err: '' });
    expect(run(main, 'x', 'y').out).toBe('hello x,y true\n');
    fs.writeFileSync(path.join(dir, 'lib.ts'), 'export const greeting: string = "bye";\n');
    expect(run(main, 'z').out).toBe('bye z true\n');
  });

  it('stack traces name the TypeScript lines', () => {
    const file = path.join(dir, 'fails.ts');
    fs.writeFileSync(file, 'interface Shape { sides: number }\nconst shape: Shape = { sides: 3 };\n\nfunction fail(): never {\n  throw new Error(`broken at ${shape.sides}`);\n}\nfail();\n');
    const { status, err } = run(file);
    expect(status).toBe(1);
    expect(err).toContain('Error: broken at 3');
    expect(err).toContain(`at fail (${file}:5:`);
    expect(err).toContain(`(${file}:7:`);
  });

  it('without a file it says how to call it', () => {
    expect(run('' as string).status).toBe(2);
  });
});
