import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { deriveEnvironment } from '../../lib/config';
import { RepositoryFacts } from '../../lib/review/base-synthesis';
import { cachedBasePath } from '../../lib/review/base-cache';
import { BaseChoice, chooseBase, EXIT, parseDiffArguments, runDiff } from '../../lib/review/cli';
import { ENVIRONMENTS } from '../../stacks/environments';
import { agentPlatform } from '../../stacks/agent-platform';

const ROOT = path.join(__dirname, '..', '..');
const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' });

async function diff(args: string[], environments = ENVIRONMENTS, root?: string) {
  let out = '';
  let err = '';
  const code = await runDiff(args, environments, { out: (t) => (out += t), err: (t) => (err += t) }, root);
  return { code, out, err };
}

/**
 * A throwaway repository holding a snapshot of this working tree (tracked and untracked files, without
 * `dist/`) as its one commit on `main`, plus a branch `feature` one commit ahead that changes nothing the
 * synthesis reads. Its tree is clean and its worktrees are its own, whatever state this checkout is in and
 * whoever else runs git here.
 */
function snapshotRepository(): { root: string; main: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'volcano-platform-cli-test-'));
  const files = git('ls-files', '-z', '--cached', '--others', '--exclude-standard').split('\0')
    .filter((f) => f && !f.startsWith('dist/') && fs.existsSync(path.join(ROOT, f)) && fs.statSync(path.join(ROOT, f)).isFile());
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, file), path.join(root, file));
  }
  fs.symlinkSync(fs.realpathSync(path.join(ROOT, 'node_modules')), path.join(root, 'node_modules'), 'dir');
  const inRepo = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });
  inRepo('init', '--quiet', '--initial-branch=main');
  inRepo('add', '--all');
  inRepo('-c', 'user.name=test', '-c', 'user.email=test@example.com', 'commit', '--quiet', '-m', 'snapshot');
  const main = inRepo('rev-parse', 'HEAD').trim();
  inRepo('checkout', '--quiet', '-b', 'feature');
  fs.writeFileSync(path.join(root, 'NOTES.txt'), 'not read by the synthesis\n');
  inRepo('add', 'NOTES.txt');
  inRepo('-c', 'user.name=test', '-c', 'user.email=test@example.com', 'commit', '--quiet', '-m', 'notes');
  return { root, main };
}

describe('npm run diff against a real commit (temporary git worktree of a snapshot repository)', () => {
  let repo: { root: string; main: string };
  beforeAll(() => {
    repo = snapshotRepository();
  });
  afterAll(() => fs.rmSync(repo.root, { recursive: true, force: true }));
  const inRepo = (...args: string[]) => execFileSync('git', args, { cwd: repo.root, encoding: 'utf8' });
  const diffWorktrees = () => inRepo('worktree', 'list', '--porcelain').split('\n').filter((line) => line.startsWith('worktree ') && line.includes('volcano-platform-diff-'));

  test('the same code on both sides: exit 0, no changes in any environment', async () => {
    // How fast this is, is measured by `npm run bench`, not here.
    const { code, out, err } = await diff(['--base', 'HEAD'], ENVIRONMENTS, repo.root);
    expect(err).toBe('');
    expect(code).toBe(EXIT.unchanged);
    const head = inRepo('rev-parse', 'HEAD').trim();
    expect(out).toBe(`base HEAD (${head.slice(0, 12)}) → working tree\ndev: no changes\ngpu-lab: no changes\nprod: no changes\n`);
  }, 60_000);

  test('without --base, on a branch other than main, the base is the merge base with main', async () => {
    const { code, out } = await diff(['--env', 'dev'], ENVIRONMENTS, repo.root);
    expect(code).toBe(EXIT.unchanged);
    expect(out).toBe(`base merge-base main HEAD (${repo.main.slice(0, 12)}) → working tree\ndev: no changes\n`);
  }, 60_000);

  test('a changed guarantee in the working tree is reported as that change (exit 1)', async () => {
    const base = ENVIRONMENTS.find((e) => e.name === 'prod')!;
    const changed = deriveEnvironment(agentPlatform, { name: 'prod', queues: { batch: { guarantee: { cpu: '20', memory: '32Gi' } } } });
    const environments = ENVIRONMENTS.map((e) => (e === base ? changed : e));
    const { code, out } = await diff(['--base', 'HEAD', '--env', 'prod'], environments, repo.root);
    expect(code).toBe(EXIT.changed);
    // Under proportion, deserved is written equal to the guarantee: both move.
    // Other objects derived from the guarantee (e.g. recording rules) may change with it.
    expect(out).toMatch(/\nprod: 0 added, 0 removed, \d+ changed\n/);
    expect(out).toContain('  ~ Queue/batch\n      spec.deserved.cpu: "16" → "20"\n      spec.guarantee.resource.cpu: "16" → "20"\n');
  }, 60_000);

  test('a second diff against the same base reads its synthesis from the cache in .git', async () => {
    const entry = cachedBasePath(repo.root, inRepo('rev-parse', 'HEAD').trim());
    expect(fs.existsSync(entry)).toBe(true);
    // Tampering with the cached base shows up in the diff: it was read instead of synthesized again.
    const original = fs.readFileSync(entry, 'utf8');
    const cached = JSON.parse(original);
    cached.environments.prod.find((o: { kind: string }) => o.kind === 'Queue').spec.weight = 99;
    fs.writeFileSync(entry, JSON.stringify(cached));
    try {
      const tampered = await diff(['--base', 'HEAD', '--env', 'prod'], ENVIRONMENTS, repo.root);
      expect(tampered.code).toBe(EXIT.changed);
      expect(tampered.out).toMatch(/spec\.weight: 99 → \d+/);
    } finally {
      fs.writeFileSync(entry, original);
    }
  }, 60_000);

  test('leaves no worktree behind', () => {
    expect(diffWorktrees()).toEqual([]);
  });

  test('an unknown ref is an error (exit 2) naming it', async () => {
    const { code, err } = await diff(['--base', 'no-such-ref-anywhere'], ENVIRONMENTS, repo.root);
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
    expect(parseDiffArguments([])).toEqual({ base: undefined, env: undefined, against: undefined });
    expect(parseDiffArguments(['--base=main', '--env', 'dev'])).toEqual({ base: 'main', env: 'dev', against: undefined });
  });

  test.each<[string | undefined, RepositoryFacts, BaseChoice]>([
    [undefined, { branch: 'issue-7', mainExists: true }, { mergeBaseOf: ['main', 'HEAD'] }],
    [undefined, { mainExists: true }, { mergeBaseOf: ['main', 'HEAD'] }], // detached HEAD, e.g. in CI
    [undefined, { branch: 'main', mainExists: true }, { ref: 'HEAD' }],
    [undefined, { branch: 'master', mainExists: false }, { ref: 'HEAD' }],
    ['v1.2', { branch: 'issue-7', mainExists: true }, { ref: 'v1.2' }],
    ['HEAD', { branch: 'issue-7', mainExists: true }, { ref: 'HEAD' }],
  ])('base %s on %j: %j', (given, repository, expected) => {
    expect(chooseBase(given, repository)).toEqual(expected);
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
