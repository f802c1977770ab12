import * as path from 'path';
import { EnvironmentDefinition, EnvironmentValidationError, prepareEnvironments } from '../config';
import { ResolvedEnvironment } from '../config/model';
import { KubeObject, renderEnvironment } from '../synth/render';
import { LABELS } from '../labels';
import { RepositoryFacts, repositoryFacts, resolveMergeBase, resolveRef, synthesizeCommit } from './base-synthesis';
import { diffObjectSets } from './diff';
import { EnvironmentObjects } from './manifests';
import { diffEnvironments, formatReport, hasChanges } from './report';

/** Exit codes of `npm run diff`. */
export const EXIT = { unchanged: 0, changed: 1, error: 2 } as const;

export const USAGE = `usage: npm run diff -- [--base <git ref>] [--env <name>] [--against <env>]
  --base <ref>     commit to compare the working tree with (default: the merge base with main
                   on a branch other than main, else HEAD)
  --env <name>     only this environment
  --against <env>  compare --env with another environment of the working tree instead (no git involved)
exit code: 0 nothing changed, 1 something changed, 2 error`;

/** Parsed command line of `npm run diff`. */
export interface DiffOptions {
  /** Git ref of the base side; undefined for the default (see {@link chooseBase}). */
  readonly base?: string;
  /** Only this environment. */
  readonly env?: string;
  /** Compare `env` with this environment of the working tree instead of with a commit. */
  readonly against?: string;
}

/** Parses the arguments; throws on anything it does not understand. */
export function parseDiffArguments(args: readonly string[]): DiffOptions {
  const values: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s, 2);
    if (!['--base', '--env', '--against'].includes(flag)) throw new Error(`unknown argument "${args[i]}"`);
    const value = inline ?? args[++i];
    if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value`);
    values[flag.slice(2)] = value;
  }
  if (values.against !== undefined && values.env === undefined) throw new Error('--against needs --env: which environment to compare it with');
  return { base: values.base, env: values.env, against: values.against };
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
 * Runs `npm run diff`: synthesizes `environments` (the working tree) in-process and the base commit in a
 * temporary worktree, prints the semantic diff and returns the exit code. Never throws.
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
    const prepared = prepareEnvironments(environments);
    if (options.against !== undefined) return compareEnvironments(synthesizeInProcess(prepared), options.env!, options.against, output);
    const choice = chooseBase(options.base, options.base === undefined ? repositoryFacts(root) : { mainExists: false });
    const base = 'ref' in choice ? resolveRef(root, choice.ref) : resolveMergeBase(root, ...choice.mergeBaseOf);
    // The base is synthesized in a child process while the working tree is rendered here.
    const synthesizingBase = synthesizeCommit(root, base.commit);
    let head: EnvironmentObjects;
    try {
      head = synthesizeInProcess(prepared);
    } catch (error) {
      await synthesizingBase.catch(() => undefined);
      throw error;
    }
    const diffs = diffEnvironments(await synthesizingBase, head, options.env);
    output.out(formatReport(diffs, `base ${base.ref} (${base.commit.slice(0, 12)}) → working tree`));
    return hasChanges(diffs) ? EXIT.changed : EXIT.unchanged;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    output.err(`${message}\n${error instanceof EnvironmentValidationError ? '' : `\n${USAGE}\n`}`);
    return EXIT.error;
  }
}

/**
 * The working tree's manifests: only `dist/` is rendered (no examples or docs), and its objects are taken
 * as rendered, in the order of their files (as `dist/` is read). They are plain JSON data, which the YAML of `dist/` holds exactly (the base
 * side is read back from it), so both sides compare alike without writing and parsing YAML here.
 */
function synthesizeInProcess(environments: readonly ResolvedEnvironment[]): EnvironmentObjects {
  const byPath = <T>(key: (item: T) => string) => (a: T, b: T) => key(a).localeCompare(key(b));
  return new Map([...environments].sort(byPath((env) => env.name)).map((env) => [
    env.name,
    [...renderEnvironment(env)].sort(byPath((manifest) => manifest.fileName)).flatMap((manifest) => JSON.parse(JSON.stringify(manifest.objects)) as KubeObject[]),
  ]));
}

/**
 * `--env A --against B`: how A differs from B. The environment label differs on every object by
 * construction, so it is left out; everything else is compared.
 */
function compareEnvironments(objects: EnvironmentObjects, env: string, against: string, output: DiffOutput): number {
  const pick = (name: string) => {
    const found = objects.get(name);
    if (!found) throw new Error(`unknown environment "${name}"; known environments: ${[...objects.keys()].join(', ')}`);
    return found.map(withoutEnvironmentLabel);
  };
  const diff = diffObjectSets(pick(against), pick(env));
  const diffs = [{ environment: `${against} → ${env}`, presence: 'both' as const, diff }];
  output.out(formatReport(diffs, `environment ${against} → environment ${env} (working tree; the ${LABELS.environment} label is not compared)`));
  return hasChanges(diffs) ? EXIT.changed : EXIT.unchanged;
}

function withoutEnvironmentLabel(object: KubeObject): KubeObject {
  const metadata: KubeObject['metadata'] & { labels?: Record<string, string> } = { ...object.metadata };
  const labels = { ...(metadata.labels ?? {}) };
  delete labels[LABELS.environment];
  metadata.labels = labels;
  return { ...object, metadata };
}
