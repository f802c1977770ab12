import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { EnvironmentDefinition, environmentFile, validateEnvironment } from '../../lib/config';
import { EXIT, SYNTH_USAGE, runSynthCli } from '../../lib/synth/cli';
import { ENVIRONMENTS } from '../../stacks/environments';
import { STRICT_INPUT_CASES } from './strict-input.cases';

const ROOT = path.join(__dirname, '..', '..');

/** Every file under `dir` with its content, so a test can tell that nothing changed. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return files;
}

/** Runs `npm run synth` in process in a working tree with earlier output; returns what it printed and whether the tree changed. */
function synth(argv: readonly string[], environments: readonly EnvironmentDefinition[]) {
  const workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'vp-strict-'));
  try {
    fs.mkdirSync(path.join(workdir, 'dist', 'prod'), { recursive: true });
    fs.writeFileSync(path.join(workdir, 'dist', 'prod', '20-queues.yaml'), 'previous: output\n');
    const before = snapshot(workdir);
    const out: string[] = [];
    const err: string[] = [];
    const code = runSynthCli(argv, () => environments, workdir, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n'), unchanged: JSON.stringify(snapshot(workdir)) === JSON.stringify(before) };
  } finally {
    fs.rmSync(workdir, { recursive: true, force: true });
  }
}

/** The built-in environments, with those of the same names replaced. */
const replacing = (replacement: EnvironmentDefinition | readonly EnvironmentDefinition[]) => {
  const envs: readonly EnvironmentDefinition[] = Array.isArray(replacement) ? replacement : [replacement as EnvironmentDefinition];
  return ENVIRONMENTS.map((e) => envs.find((r) => r.name === e.name) ?? e);
};

describe('nothing a person types is silently ignored', () => {
  test('the table holds at least 40 bad inputs, all different', () => {
    expect(STRICT_INPUT_CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(STRICT_INPUT_CASES.map((c) => c.what)).size).toBe(STRICT_INPUT_CASES.length);
  });

  test('the built-in environments are valid', () => {
    expect(ENVIRONMENTS.flatMap(validateEnvironment)).toEqual([]);
  });

  test.each(STRICT_INPUT_CASES.map((c) => [c.what, c] as const))('%s', (_what, { environment, messages }) => {
    const result = synth([], replacing(environment));
    const count = `${messages.length} problem${messages.length === 1 ? '' : 's'}`;
    expect(result.err).toBe(`invalid environment definition (${count}):\n${messages.map((m) => `  - ${m}`).join('\n')}\nnothing was written`);
    expect(result.code).toBe(EXIT.invalid);
    expect(result.unchanged).toBe(true);
    expect(result.err).not.toMatch(/^\s+at /m);
  });
});

describe('the synth command line', () => {
  test('--help prints the usage and writes nothing', () => {
    const result = synth(['--help'], ENVIRONMENTS);
    expect(result).toEqual({ code: EXIT.ok, out: SYNTH_USAGE, err: '', unchanged: true });
  });

  test('an unknown argument is refused with a suggestion, exit 2, before any environment is read', () => {
    const workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'vp-strict-'));
    const err: string[] = [];
    try {
      const code = runSynthCli(['--chek', 'prod'], () => { throw new Error('read'); }, workdir, { out: () => undefined, err: (l) => err.push(l) });
      expect(code).toBe(EXIT.usage);
      expect(err).toEqual(['unknown argument "--chek"; did you mean "--check"?', 'unknown argument "prod"; known: --check, --help', 'nothing was written; see npm run synth -- --help']);
      expect(fs.readdirSync(workdir)).toEqual([]);
    } finally {
      fs.rmSync(workdir, { recursive: true, force: true });
    }
  });

  test('--check validates every environment and writes nothing', () => {
    expect(synth(['--check'], ENVIRONMENTS)).toEqual({
      code: EXIT.ok, out: 'checked dev, prod, gpu-lab: every environment is valid; nothing was written', err: '', unchanged: true,
    });
    const bad = synth(['--check'], replacing(STRICT_INPUT_CASES[0].environment));
    expect([bad.code, bad.unchanged, bad.err.split('\n')[1]]).toEqual([EXIT.invalid, true, `  - ${STRICT_INPUT_CASES[0].messages[0]}`]);
  });

  test('main.ts is the same command: usage, exit 2 for unknown arguments, --check leaves the checkout as it was', () => {
    const run = (args: string[]) => {
      try {
        return { code: 0, out: execFileSync(process.execPath, ['tools/run-ts.js', 'main.ts', ...args], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' }) };
      } catch (error) {
        const failed = error as { status: number; stderr: string };
        return { code: failed.status, out: failed.stderr };
      }
    };
    const dist = snapshot(path.join(ROOT, 'dist'));
    expect(run(['--help'])).toEqual({ code: 0, out: `${SYNTH_USAGE}\n` });
    expect(run(['--force'])).toEqual({ code: 2, out: 'unknown argument "--force"; known: --check, --help\nnothing was written; see npm run synth -- --help\n' });
    expect(run(['--check']).code).toBe(0);
    expect(snapshot(path.join(ROOT, 'dist'))).toEqual(dist);
  }, 60_000);
});

describe('where an environment lives', () => {
  test.each(ENVIRONMENTS.map((env) => [env.name] as const))('the file every message names for %s defines it', (name) => {
    const file = path.join(ROOT, environmentFile(name));
    const exported = Object.values(require(file) as Record<string, unknown>) as EnvironmentDefinition[];
    expect(exported.map((definition) => definition.name)).toEqual([name]);
    const policy = fs.readFileSync(path.join(ROOT, 'dist', name, '40-admission-queue-protection.yaml'), 'utf8');
    expect(policy).toContain(`change it in ${environmentFile(name)} through a pull request`);
    expect(policy.split('\n')[0]).toContain(`from ${environmentFile(name)}.`);
  });
});
