import * as path from 'path';
import { EnvironmentDefinition, EnvironmentValidationError, prepareEnvironments } from '../config';
import type { KubeObject } from '../synth/render';
import { outputTrees } from '../synth/synthesize';
import { LABELS } from '../labels';
import { RepositoryFacts, repositoryFacts, resolveMergeBase, resolveRef, synthesizeCommit } from './base-synthesis';
import { readCommittedFiles, readWorkingFiles } from './committed';
import { diffObjectSets } from './diff';
import { staleFiles } from './freshness';
import { objectsFromFiles } from './manifests';
import { protectingStacks, pulumiProtection } from './protection';
import { formatReport, hasChanges } from './report';
import { formatMarkdownReport } from './report-markdown';
import { buildReview, ManifestReadError, Review, reviewHasChanges, summaries } from './review';

/** Exit codes of `npm run diff`, most severe last: a stale working tree outranks a change. */
export const EXIT = { unchanged: 0, changed: 1, error: 2, stale: 3 } as const;

export const USAGE = `usage: npm run diff -- [--base <git ref>] [--env <name>] [--against <env>] [--format text|markdown]
  --base <ref>       commit to compare the working tree with (default: the merge base with main
                     on a branch other than main, else HEAD)
  --env <name>       only this environment
  --against <env>    compare --env with another environment of the working tree instead (no git involved)
  --format <format>  text (default) or markdown, for a pull-request comment
compares the committed dist/, examples/ and generated docs of the base with those of the working tree,
and checks that the working tree's are what \`npm run synth\` writes from its stacks/
exit code: 0 nothing changed, 1 something changed, 2 error, 3 generated files stale or edited by hand`;

/** Report formats. */
export type ReportFormat = 'text' | 'markdown';

/** Parsed command line of `npm run diff`. */
export interface DiffOptions {
  /** Git ref of the base side; undefined for the default (see {@link chooseBase}). */
  readonly base?: string;
  /** Only this environment. */
  readonly env?: string;
  /** Compare `env` with this environment of the working tree instead of with a commit. */
  readonly against?: string;
  /** How to render the report; default `text`. */
  readonly format: ReportFormat;
}

const FLAGS = ['--base', '--env', '--against', '--format'];

/** Parses the arguments; throws on anything it does not understand. */
export function parseDiffArguments(args: readonly string[]): DiffOptions {
  const values: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s, 2);
    if (!FLAGS.includes(flag)) throw new Error(`unknown argument "${args[i]}"`);
    const value = inline ?? args[++i];
    if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value`);
    values[flag.slice(2)] = value;
  }
  if (values.against !== undefined && values.env === undefined) throw new Error('--against needs --env: which environment to compare it with');
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'markdown') throw new Error(`--format ${format}: expected text or markdown`);
  return { base: values.base, env: values.env, against: values.against, format };
}

/** What to compare with: a ref as given, or the merge base of `main` and HEAD. */
export type BaseChoice = { readonly ref: string } | { readonly mergeBaseOf: readonly [string, string] };

/**
 * The base side: `--base` when given; otherwise, on a branch other than `main` when a `main` branch exists,
 * the merge base with `main` (what a pull request changes, not what `main` gained since); otherwise HEAD.
 */
export function chooseBase(given: string | undefined, repository: RepositoryFacts): BaseChoice {
  if (given !== undefined) return { ref: given };
  if (repository.mainExists && repository.branch !== 'main') return { mergeBaseOf: ['main', 'HEAD'] };
  return { ref: 'HEAD' };
}

/** Where the diff writes; the CLI passes the process streams, tests collect the text. */
export interface DiffOutput {
  /** The report. */
  out(text: string): void;
  /** Errors and usage. */
  err(text: string): void;
}

/**
 * Runs `npm run diff`: reads the generated files committed at the base commit (from git; a base without a
 * committed `dist/` is synthesized by its own code, see `synthesizeCommit`) and in the working tree (from disk), synthesizes `environments` (the working tree's stacks/) in process to check that the
 * working tree's files are fresh, and prints the review. Returns the exit code; never throws.
 */
export async function runDiff(
  args: readonly string[],
  environments: readonly EnvironmentDefinition[],
  output: DiffOutput,
  root = path.resolve(__dirname, '..', '..'),
): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    output.out(`${USAGE}\n`);
    return EXIT.unchanged;
  }
  try {
    const options = parseDiffArguments(args);
    if (options.against !== undefined) return compareEnvironments(environments, options, output);
    const trees = outputTrees(environments);
    const choice = chooseBase(options.base, options.base === undefined ? repositoryFacts(root) : { mainExists: false });
    const base = 'ref' in choice ? resolveRef(root, choice.ref) : resolveMergeBase(root, ...choice.mergeBaseOf);
    const folders = trees.map((t) => t.root);
    const baseFiles = readCommittedFiles(root, base.commit, folders);
    const headFiles = readWorkingFiles(root, folders);
    // A base from before dist/ was committed: its manifests come from its own synthesis.
    const uncommitted = !baseFiles.some((f) => f.path.startsWith('dist/'));
    const baseObjects = uncommitted ? await synthesizeCommit(root, base.commit) : undefined;
    const stacks = protectingStacks(root);
    const review = buildReview({
      title: `base ${base.ref} (${base.commit.slice(0, 12)}${uncommitted ? ', no committed dist/: synthesized from its stacks/' : ''}) → working tree`,
      baseObjects,
      baseFiles,
      headFiles,
      stale: staleFiles(trees, headFiles, baseFiles),
      docRoots: folders.filter((f) => f.startsWith('docs/')),
      headCapacity: new Map(prepareEnvironments(environments).map((env) => [env.name, env.capacity])),
      protection: (environment) => pulumiProtection(stacks, environment),
      only: options.env,
    });
    output.out(render(review, options.format));
    return review.stale.length > 0 ? EXIT.stale : reviewHasChanges(review) ? EXIT.changed : EXIT.unchanged;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const aboutUsage = !(error instanceof EnvironmentValidationError || error instanceof ManifestReadError);
    output.err(`${message}\n${aboutUsage ? `\n${USAGE}\n` : ''}`);
    return EXIT.error;
  }
}

function render(review: Review, format: ReportFormat): string {
  return format === 'markdown' ? formatMarkdownReport(review) : formatReport(review);
}

/**
 * `--env A --against B`: how A differs from B. The environment label differs on every object by
 * construction, so it is left out; everything else is compared.
 */
function compareEnvironments(environments: readonly EnvironmentDefinition[], options: DiffOptions, output: DiffOutput): number {
  // The manifests as synthesis writes them under dist/ (`<env>/<file>`), from the same kept synthesis.
  const objects = objectsFromFiles(outputTrees(environments).find((tree) => tree.root === 'dist')!.files);
  const env = options.env!;
  const against = options.against!;
  const pick = (name: string) => {
    const found = objects.get(name);
    if (!found) throw new Error(`unknown environment "${name}"; known environments: ${[...objects.keys()].join(', ')}`);
    return found.map(withoutEnvironmentLabel);
  };
  const [before, after] = [pick(against), pick(env)];
  const diff = diffObjectSets(before, after);
  const review: Review = {
    title: `environment ${against} → environment ${env} (working tree; the ${LABELS.environment} label is not compared)`,
    stale: [],
    environments: [{ environment: `${against} → ${env}`, presence: 'both', diff, summaries: summaries(diff, before, after), dangers: [] }],
    examples: [],
    docs: [],
  };
  output.out(render(review, options.format));
  return hasChanges(review.environments) ? EXIT.changed : EXIT.unchanged;
}

function withoutEnvironmentLabel(object: KubeObject): KubeObject {
  const metadata: KubeObject['metadata'] & { labels?: Record<string, string> } = { ...object.metadata };
  const labels = { ...(metadata.labels ?? {}) };
  delete labels[LABELS.environment];
  metadata.labels = labels;
  return { ...object, metadata };
}
