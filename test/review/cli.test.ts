import * as fs from 'fs';
import * as path from 'path';
import { deriveEnvironment, EnvironmentDefinition } from '../../lib/config';
import { RepositoryFacts } from '../../lib/review/base-synthesis';
import { BaseChoice, chooseBase, EXIT, parseDiffArguments, runDiff } from '../../lib/review/cli';
import { ENVIRONMENTS } from '../../stacks/environments';
import { ScratchRepository, scratchRepository } from './scratch-repository';

// Each scratch-repository test synthesizes every environment (once to write it, once to check freshness).
jest.setTimeout(120_000);

async function diff(args: string[], environments: readonly EnvironmentDefinition[] = ENVIRONMENTS, root?: string) {
  let out = '';
  let err = '';
  const code = await runDiff(args, environments, { out: (t) => (out += t), err: (t) => (err += t) }, root);
  return { code, out, err };
}

const definition = (name: string) => ENVIRONMENTS.find((e) => e.name === name)!;
/** The built-in environments with one replaced. */
const withEnvironment = (changed: EnvironmentDefinition) => ENVIRONMENTS.map((e) => (e.name === changed.name ? changed : e));
const prodWith = (overrides: object) => withEnvironment(deriveEnvironment(definition('prod'), { name: 'prod', ...overrides }));

/** `env` without the workload classes `drop` selects (the workload profile may not name what a test removes). */
const withoutClasses = (env: EnvironmentDefinition, drop: (c: { tenant: string; queue: string }) => boolean): EnvironmentDefinition => (env.workload
  ? { ...env, workload: { ...env.workload, scenarios: env.workload.scenarios.map((s) => ({ ...s, classes: s.classes.filter((c) => !drop(c)) })) } }
  : env);

const withoutMarketing = () => {
  const prod = withoutClasses(definition('prod'), (c) => c.tenant === 'marketing-campaigns');
  return withEnvironment({ ...prod, tenants: (prod.tenants ?? []).filter((t) => t.name !== 'marketing-campaigns') });
};

describe('npm run diff on a scratch repository: the committed files of the base and of the working tree', () => {
  let repo: ScratchRepository;
  beforeAll(() => {
    repo = scratchRepository();
  });
  afterEach(() => repo.reset());
  afterAll(() => repo.remove());

  /** Synthesizes `environments` into the working tree, as `npm run synth` would, then runs the diff. */
  const changeAndDiff = (environments: readonly EnvironmentDefinition[], args: string[]) => {
    repo.synthesize(environments);
    return diff(args, environments, repo.root);
  };
  const edit = (file: string, from: string | RegExp, to: string) => {
    const absolute = path.join(repo.root, file);
    const text = fs.readFileSync(absolute, 'utf8');
    expect(text).toMatch(from);
    fs.writeFileSync(absolute, text.replace(from, to));
  };

  test('the same files on both sides: exit 0, no changes in any environment', async () => {
    const { code, out, err } = await diff(['--base', 'HEAD'], ENVIRONMENTS, repo.root);
    expect(err).toBe('');
    expect(code).toBe(EXIT.unchanged);
    const head = repo.git('rev-parse', 'HEAD').trim();
    expect(out).toBe(`base HEAD (${head.slice(0, 12)}) → working tree\ndev: no changes\ngpu-lab: no changes\nprod: no changes\n`);
  });

  test('without --base, on a branch other than main, the base is the merge base with main', async () => {
    const { code, out } = await diff(['--env', 'dev'], ENVIRONMENTS, repo.root);
    expect(code).toBe(EXIT.unchanged);
    expect(out).toBe(`base merge-base main HEAD (${repo.main.slice(0, 12)}) → working tree\ndev: no changes\n`);
  });

  test('a hand edit of dist/ is what Flux would apply: shown as a change, and reported first as edited by hand (exit 3)', async () => {
    edit('dist/prod/20-queues.yaml', 'weight: 4', 'weight: 1');
    const { code, out } = await diff(['--env', 'prod'], ENVIRONMENTS, repo.root);
    expect(code).toBe(EXIT.stale);
    const lines = out.split('\n');
    expect(lines[1]).toMatch(/^!! STALE: 1 generated file\(s\) in the working tree are not what `npm run synth` writes/);
    expect(lines).toContain('!!   dist/prod/20-queues.yaml: edited by hand (changed by hand: edit stacks/ and run `npm run synth` instead)');
    expect(out).toContain('  ~ Queue/interactive\n      spec.weight: 4 → 1\n');
  });

  test('a stacks/ change without `npm run synth`: the committed files did not change, and the stale files are named (exit 3)', async () => {
    const environments = prodWith({ queues: { batch: { guarantee: { cpu: '20', memory: '32Gi' } } } });
    const { code, out } = await diff(['--env', 'prod'], environments, repo.root);
    expect(code).toBe(EXIT.stale);
    expect(out).toContain('!!   dist/prod/20-queues.yaml: not regenerated (stacks/ or lib/ changed but `npm run synth` was not run)\n');
    expect(out).toContain('!!   docs/environments/prod.md: not regenerated');
    expect(out).toMatch(/\nprod: no changes\n$/);
  });

  test('a file in dist/ that the synthesis does not write is named (exit 3)', async () => {
    fs.writeFileSync(path.join(repo.root, 'dist', 'prod', '90-extra.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n  namespace: default\n');
    const { code, out } = await diff(['--env', 'prod'], ENVIRONMENTS, repo.root);
    expect(code).toBe(EXIT.stale);
    expect(out).toContain('!!   dist/prod/90-extra.yaml: added by hand');
    expect(out).toContain('  + ConfigMap/default/extra');
  });

  test('a synthesized change: exit 1, no stale warning, the changed fields', async () => {
    const { code, out } = await changeAndDiff(prodWith({ queues: { batch: { guarantee: { cpu: '20', memory: '32Gi' } } } }), ['--env', 'prod']);
    expect(code).toBe(EXIT.changed);
    expect(out).not.toContain('STALE');
    // Under proportion, deserved is written equal to the guarantee: both move.
    expect(out).toContain('  ~ Queue/batch\n      spec.deserved.cpu: "16" → "20"\n      spec.guarantee.resource.cpu: "16" → "20"\n');
  });

  test('a tenant removal: the kept namespace is risky and listed before the objects, with what is deleted in it', async () => {
    const { code, out } = await changeAndDiff(withoutMarketing(), ['--env', 'prod']);
    expect(code).toBe(EXIT.changed);
    // onRemoval defaults to keep-namespace: Flux never prunes the Namespace and Pulumi retains it.
    const danger = '  ! risky [prod] Namespace/marketing-campaigns: namespace of tenant marketing-campaigns removed from the platform but kept in the cluster (Flux never prunes it, Pulumi retains it), ' +
      'with every workload and volume in it; the platform objects in it (ResourceQuota/tenant-quota, LimitRange/tenant-container-defaults, ConfigMap/volcano-integration) are deleted: delete the Namespace by hand once it is empty';
    expect(out).toContain(`\nDANGER: 1 destructive or risky effect(s):\n${danger}\n`);
    expect(out.indexOf('DANGER')).toBeLessThan(out.indexOf('\nprod: 0 added, 4 removed, 0 changed\n'));
    expect(out).toContain('  - Namespace/marketing-campaigns  (tenant marketing-campaigns, queues batch, priority classes volcano-normal, volcano-low, pod security restricted, Flux never prunes it)\n');
    expect(out).toContain('  - ResourceQuota/marketing-campaigns/tenant-quota  (hard limits.cpu 48 limits.memory 96Gi pods 300 requests.cpu 32 requests.memory 64Gi)\n');
    expect(out).toContain('examples/prod: 0 added, 1 removed, 0 changed\n  - Job/marketing-campaigns/campaign-phase  (queue batch');
    // The README's review section shows this very output (up to the generated docs, which other pages' changes move).
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const shown = /\n\$ npm run diff -- --env prod\n([\s\S]*?)```\n/.exec(readme)?.[1] ?? '';
    const comparable = (text: string) => text.replace(/\(([0-9a-f]{12})\) → working tree/, '(<commit>) → working tree').split('\ngenerated docs:')[0];
    if (comparable(shown) !== comparable(out)) {
      throw new Error(`README.md's "How to review a change" example is not the real output of a tenant removal any more; replace it with:\n${out}`);
    }
  });

  test('an environment removed: every namespace, queue and priority class it deletes is destructive; kept tenant namespaces are risky', async () => {
    const { code, out } = await changeAndDiff(ENVIRONMENTS.filter((e) => e.name !== 'gpu-lab'), ['--env', 'gpu-lab']);
    expect(code).toBe(EXIT.changed);
    expect(out).toMatch(/\ngpu-lab: environment removed \(0 added, \d+ removed, 0 changed\)\n/);
    const dangers = out.split('\n').filter((l) => l.startsWith('  ! destructive [gpu-lab] '));
    // The Volcano Namespace, 5 Queues, 4 PriorityClasses; the 4 tenants' Namespaces are kept (risky).
    expect(dangers.filter((l) => / Namespace\//.test(l))).toHaveLength(1);
    expect(out.split('\n').filter((l) => /^  ! risky \[gpu-lab\] Namespace\/.*kept in the cluster/.test(l))).toHaveLength(4);
    expect(dangers.filter((l) => / Queue\//.test(l))).toHaveLength(5);
    expect(dangers.filter((l) => / PriorityClass\//.test(l))).toHaveLength(4);
    expect(out).toContain('  ! destructive [gpu-lab] Namespace/volcano-system: namespace deleted with every workload');
  });

  test('a queue disabled: destructive, its tenants lose it, the other queues\' shares grow', async () => {
    const { code, out } = await changeAndDiff(
      withEnvironment(withoutClasses(deriveEnvironment(definition('prod'), { name: 'prod', queues: { interactive: { enabled: false } } }), (c) => c.queue === 'interactive')),
      ['--env', 'prod'],
    );
    expect(code).toBe(EXIT.changed);
    expect(out).toContain('  ! destructive [prod] Queue/interactive: queue disabled: capability 1m cpu / 1 byte memory, nothing new is scheduled in it and its running work can be reclaimed\n');
    expect(out).toContain('  ! destructive [prod] Namespace/agent-runtime: tenant agent-runtime loses queue interactive: its new jobs there are denied\n');
    // Already destructive: no second, generic line for the protected Queue.
    expect(out).not.toContain('Queue/interactive: protected object changed');
    expect(out).toContain('  shares under full contention (proportion, dividing cpu 96, memory 384Gi):\n' +
      '    batch: cpu 64 → 96, memory 320Gi → 384Gi\n    interactive: cpu 32 → (no share), memory 64Gi → (no share)\n');
  });

  test('a capability cut below what the queue holds under full contention is destructive, with the shares before and after', async () => {
    const { out } = await changeAndDiff(prodWith({ queues: { batch: { capability: { cpu: '48', memory: '384Gi' } } } }), ['--env', 'prod']);
    expect(out).toContain('  ! destructive [prod] Queue/batch: capability.cpu cut 96 → 48, below the 64 it holds under full contention today: work above it is reclaimed\n');
    expect(out).toContain('    batch: cpu 64 → 48, memory 320Gi (unchanged)\n');
  });

  test('policies moving from Warn to Deny are destructive, one line per binding', async () => {
    const dev = definition('dev');
    const { code, out } = await changeAndDiff(withEnvironment({ ...dev, admission: { ...dev.admission, enforcement: ['Deny', 'Audit'] } }), ['--env', 'dev']);
    expect(code).toBe(EXIT.changed);
    expect(out).toContain('  ! destructive [dev] ValidatingAdmissionPolicyBinding/volcano-platform-allowed-queues: policy volcano-platform-allowed-queues moves from Warn, Audit to Deny, Audit: requests it only reported are now refused\n');
    expect(out).toContain('  ~ ValidatingAdmissionPolicyBinding/volcano-platform-allowed-queues\n      spec.validationActions: ["Warn","Audit"] → ["Deny","Audit"]\n');
  });

  test('a memory change reads in Kubernetes units, recording-rule constants included', async () => {
    const { out } = await changeAndDiff(prodWith({ queues: { batch: { guarantee: { cpu: '16', memory: '40Gi' } } } }), ['--env', 'prod']);
    expect(out).toContain('rules[record=queue:volcano_queue_guarantee:config{queue=batch,resource=memory}].expr: 32Gi → 40Gi  (in: vector(‹…›))\n');
    expect(out).toContain('      spec.guarantee.resource.memory: "32Gi" → "40Gi"\n');
    expect(out).not.toMatch(/34359738368|42949672960/);
  });

  test('an SLA target change reads as durations in the alert expression', async () => {
    const prod = definition('prod');
    const slas = (prod.observability?.schedulingSlas ?? []).map((sla) => (sla.name === 'batch' ? { ...sla, p95: '20m' } : sla));
    const { out } = await changeAndDiff(withEnvironment({ ...prod, observability: { ...prod.observability!, schedulingSlas: slas } }), ['--env', 'prod']);
    expect(out).toMatch(/\.expr: 30m → 20m {2}\(in: [^\n]*> ‹…›[^\n]*\)\n/);
    expect(out).not.toContain('1800000');
  });

  test('a CEL change shows the tokens that differ with their context, not whole expressions', async () => {
    const prod = definition('prod');
    const { out } = await changeAndDiff(withEnvironment({ ...prod, admission: { ...prod.admission, maxRetry: 2 } }), ['--env', 'prod']);
    expect(out).toContain('  ~ ValidatingAdmissionPolicy/volcano-platform-bounded-retries\n');
    expect(out).toMatch(/spec\.variables\[name=overLimit\]\.expression: 1 → 2 {2}\(in: \.\.\. [^\n]*\.spec\.maxRetry\) > ‹…› \?/);
    expect(out).toMatch(/spec\.variables\[name=overLimit\]\.expression: 1 → 2 {2}\(in: \.\.\. [^\n]*t\.maxRetry\) > ‹…›\)/);
    // Messages inside CEL string literals: the word that changed, not the whole literal.
    expect(out).toMatch(/spec\.validations\[0\]\.messageExpression: 1 → 2 {2}\(in: [^\n]*more than the limit of ‹…› here/);
    expect(out).toMatch(/spec\.validations\[0\]\.messageExpression: 1 → 2 {2}\(in: [^\n]*\[\*\]\.maxRetry to ‹…› or less"\)/);
    for (const line of out.split('\n')) expect(line.length).toBeLessThan(250);
  });

  test('--format markdown: the danger list on top, the details folded', async () => {
    const { code, out } = await changeAndDiff(withoutMarketing(), ['--env', 'prod', '--format', 'markdown']);
    expect(code).toBe(EXIT.changed);
    expect(out.startsWith(`### \`npm run diff\`: base merge-base main HEAD (${repo.main.slice(0, 12)}) → working tree\n`)).toBe(true);
    const danger = '- **risky** `prod` `Namespace/marketing-campaigns`: namespace of tenant marketing-campaigns removed from the platform but kept in the cluster';
    expect(out).toContain(`**Danger: 1 destructive or risky effect(s)**\n\n${danger}`);
    expect(out).toContain('| `prod` | 0 | 4 | 0 |');
    expect(out).toContain('<details>\n<summary><code>prod</code>: 0 added, 4 removed, 0 changed</summary>\n\n````text\n  - ConfigMap/marketing-campaigns/volcano-integration');
    expect(out.indexOf(danger)).toBeLessThan(out.indexOf('<details>'));
  });

  test('--format markdown: stale files in a caution block first', async () => {
    edit('dist/prod/20-queues.yaml', 'weight: 4', 'weight: 1');
    const { code, out } = await diff(['--env', 'prod', '--format', 'markdown'], ENVIRONMENTS, repo.root);
    expect(code).toBe(EXIT.stale);
    expect(out.split('\n').slice(2, 4)).toEqual([
      '> [!CAUTION]',
      '> **Stale generated files.** 1 file(s) in this change are not what `npm run synth` writes from `stacks/`; the diff below is of the committed files, which is what Flux would apply.',
    ]);
    expect(out).toContain('> - `dist/prod/20-queues.yaml`: edited by hand');
  });

  test('a hand edit that breaks the YAML is an error (exit 2) naming the file, without the usage', async () => {
    edit('dist/prod/20-queues.yaml', 'weight: 4', 'weight: [4');
    const { code, out, err } = await diff(['--env', 'prod'], ENVIRONMENTS, repo.root);
    expect(code).toBe(EXIT.error);
    expect(out).toBe('');
    expect(err).toMatch(/^working tree: dist\/prod\/20-queues\.yaml: document \d+: /);
    expect(err).not.toContain('usage:');
  });

  test('a base without a committed dist/ is synthesized by its own code, in a worktree that is removed again', async () => {
    repo.git('checkout', '--quiet', '-b', 'no-dist', repo.main);
    repo.git('rm', '-r', '--quiet', 'dist');
    repo.git('-c', 'user.name=test', '-c', 'user.email=test@example.com', 'commit', '--quiet', '-m', 'no dist');
    const commit = repo.git('rev-parse', 'HEAD').trim();
    repo.git('checkout', '--quiet', 'feature');
    const { code, out } = await diff(['--base', commit, '--env', 'prod'], ENVIRONMENTS, repo.root);
    expect(code).toBe(EXIT.unchanged);
    expect(out).toBe(`base ${commit} (${commit.slice(0, 12)}, no committed dist/: synthesized from its stacks/) → working tree\nprod: no changes\n`);
    const worktrees = repo.git('worktree', 'list', '--porcelain').split('\n').filter((l) => l.startsWith('worktree ') && l.includes('volcano-platform-diff-'));
    expect(worktrees).toEqual([]);
  }, 60_000);

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
    [['--format', 'html'], '--format html: expected text or markdown'],
  ])('%j is refused: %s', (args, message) => {
    expect(() => parseDiffArguments(args)).toThrow(message);
  });

  test('defaults and both spellings', () => {
    expect(parseDiffArguments([])).toEqual({ base: undefined, env: undefined, against: undefined, format: 'text' });
    expect(parseDiffArguments(['--base=main', '--env', 'dev', '--format=markdown'])).toEqual({ base: 'main', env: 'dev', against: undefined, format: 'markdown' });
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
    expect(out).toContain('usage: npm run diff -- [--base <git ref>] [--env <name>] [--against <env>] [--format text|markdown]');
    expect(out).toContain('exit code: 0 nothing changed, 1 something changed, 2 error, 3 generated files stale or edited by hand');
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
