import { execFileSync } from 'child_process';
import * as path from 'path';
import { deriveEnvironment } from '../../lib/config';
import { EXIT, parseDiffArguments, runDiff } from '../../lib/review/cli';
import { ENVIRONMENTS } from '../../stacks/environments';
import { agentPlatform } from '../../stacks/agent-platform';

const ROOT = path.join(__dirname, '..', '..');
const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' });

async function diff(args: string[], environments = ENVIRONMENTS) {
  let out = '';
  let err = '';
  const code = await runDiff(args, environments, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('npm run diff against a real commit (temporary git worktree)', () => {
  const diffWorktrees = () => git('worktree', 'list', '--porcelain').split('\n').filter((line) => line.includes('volcano-platform-diff-'));

  test('HEAD against the working tree: exit 0 exactly when the committed manifests did not change', async () => {
    // The golden test keeps dist/ equal to a fresh synthesis on both sides, so the synthesized objects
    // differ from HEAD's exactly when the committed manifests do.
    const distChanged = git('status', '--porcelain', '--', 'dist').trim() !== '';
    const started = Date.now();
    const { code, out, err } = await diff(['--base', 'HEAD']);
    // The budget for the built-in environments, base synthesis included.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(err).toBe('');
    expect(out).toMatch(/^base HEAD \([0-9a-f]{12}\) → working tree\n/);
    if (distChanged) {
      expect(code).toBe(EXIT.changed);
    } else {
      expect(code).toBe(EXIT.unchanged);
      expect(out.split('\n').slice(1).join('\n')).toBe('dev: no changes\ngpu-lab: no changes\nprod: no changes\n');
    }
  }, 60_000);

  test('a changed guarantee in the working tree is reported as that change (exit 1)', async () => {
    const base = ENVIRONMENTS.find((e) => e.name === 'prod')!;
    const changed = deriveEnvironment(agentPlatform, { name: 'prod', queues: { batch: { guarantee: { cpu: '20', memory: '32Gi' } } } });
    const environments = ENVIRONMENTS.map((e) => (e === base ? changed : e));
    const { code, out } = await diff(['--env', 'prod'], environments);
    expect(code).toBe(EXIT.changed);
    // Under proportion, deserved is written equal to the guarantee: both move.
    // Other objects derived from the guarantee (e.g. recording rules) may change with it.
    expect(out).toMatch(/\nprod: 0 added, 0 removed, \d+ changed\n/);
    expect(out).toContain('  ~ Queue/batch\n      spec.deserved.cpu: "16" → "20"\n      spec.guarantee.resource.cpu: "16" → "20"\n');
  }, 60_000);

  test('leaves no worktree behind', () => {
    expect(diffWorktrees()).toEqual([]);
  });

  test('an unknown ref is an error (exit 2) naming it', async () => {
    const { code, err } = await diff(['--base', 'no-such-ref-anywhere']);
    expect(code).toBe(EXIT.error);
    expect(err).toContain('--base no-such-ref-anywhere: not a commit');
  });
});

describe('npm run diff -- --env A --against B', () => {
  test('shows how dev differs from prod, without the environment label', async () => {
    const { code, out } = await diff(['--env', 'dev', '--against', 'prod']);
    expect(code).toBe(EXIT.changed);
    expect(out).toContain('  ~ Queue/interactive\n      spec.capability.cpu: "32" → "8"\n');
    expect(out).not.toContain('volcano-platform.io/environment:');
  });

  test('an environment compared with itself has no changes (exit 0)', async () => {
    expect((await diff(['--env', 'gpu-lab', '--against', 'gpu-lab'])).code).toBe(EXIT.unchanged);
  });
});

describe('arguments', () => {
  test.each([
    [['--bogus'], 'unknown argument "--bogus"'],
    [['--env'], '--env needs a value'],
    [['--against', 'prod'], '--against needs --env: which environment to compare it with'],
  ])('%j is refused: %s', (args, message) => {
    expect(() => parseDiffArguments(args)).toThrow(message);
  });

  test('defaults and both spellings', () => {
    expect(parseDiffArguments([])).toEqual({ base: 'HEAD', env: undefined, against: undefined });
    expect(parseDiffArguments(['--base=main', '--env', 'dev'])).toEqual({ base: 'main', env: 'dev', against: undefined });
  });

  test('--help prints the usage and exits 0', async () => {
    const { code, out } = await diff(['--help']);
    expect(code).toBe(EXIT.unchanged);
    expect(out).toContain('usage: npm run diff -- [--base <git ref>] [--env <name>] [--against <env>]');
  });

  test('errors exit 2 with the usage', async () => {
    const { code, err } = await diff(['--env', 'nowhere', '--against', 'prod']);
    expect(code).toBe(EXIT.error);
    expect(err).toContain('unknown environment "nowhere"; known environments: dev, gpu-lab, prod');
    expect(err).toContain('usage: npm run diff');
  });
});

test('an invalid working tree is an error (exit 2) listing the problem, nothing compared', async () => {
  const broken = ENVIRONMENTS.map((e) => (e.name === 'dev' ? { ...e, capacity: { cpu: 'lots', memory: '64Gi' } } : e));
  const { code, out, err } = await diff(['--env', 'dev'], broken);
  expect(code).toBe(EXIT.error);
  expect(out).toBe('');
  expect(err).toContain('dev: capacity.cpu: "lots" is not a Kubernetes quantity');
});
