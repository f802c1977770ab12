import * as fs from 'fs';
import * as path from 'path';
import { cacheFolder } from '../cache/persistent';
import { EnvironmentDefinition } from '../config/model';
import { EnvironmentValidationError } from '../config/problems';
import { suggestion } from '../config/suggest';
import { outputTrees, synthesize } from './synthesize';
import { OutputFile } from './render';
import { ForeignFilesError } from './write';

/** Where the command writes its lines: standard output and standard error. */
export interface CliOutput {
  /** Writes a line to standard output: the usage, the summary of what was written or checked. */
  readonly out: (line: string) => void;
  /** Writes a line to standard error: the problems, and that nothing was written. */
  readonly err: (line: string) => void;
}

/** Exit codes of `npm run synth`. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

const OPTIONS = ['--check', '--help'];

export const SYNTH_USAGE = [
  'usage: npm run synth [-- --check | --help]',
  '',
  'Validates every environment in stacks/environments/ and writes dist/<env>/, flux/, examples/<env>/ and the',
  'generated docs, all or nothing (refusing when those folders hold files it did not write that git does not track).',
  '',
  'options:',
  '  --check   validate and render every environment, write nothing (for CI and editor hooks)',
  '  --help    print this help',
  '',
  'exit codes: 0 done; 1 an environment is invalid or a generated folder holds a foreign file, nothing was written; 2 wrong usage, nothing was written',
].join('\n');

/**
 * `npm run synth` (and `cdk8s synth`, which runs it without arguments): parses the arguments strictly,
 * then validates every environment and writes everything, or, with `--check`, only validates and
 * renders. Input mistakes are reported as messages, never as stack traces. Returns the exit code.
 * `environments` is called only once the arguments are understood, so `--help` works whatever the
 * environment files hold.
 */
export function runSynthCli(
  argv: readonly string[],
  environments: () => readonly EnvironmentDefinition[],
  baseDir: string,
  output: CliOutput,
): number {
  const unknown = argv.filter((arg) => !OPTIONS.includes(arg));
  if (unknown.length > 0) {
    for (const arg of unknown) output.err(`unknown argument "${arg}"${suggestion(arg, OPTIONS)}`);
    output.err('nothing was written; see npm run synth -- --help');
    return EXIT.usage;
  }
  if (argv.includes('--help')) {
    output.out(SYNTH_USAGE);
    return EXIT.ok;
  }
  try {
    const definitions = environments();
    const names = definitions.map((d) => d?.name).join(', ');
    const started = process.hrtime.bigint();
    if (argv.includes('--check')) {
      outputTrees(definitions);
      output.out(`checked ${names}: every environment is valid; nothing was written`);
      return EXIT.ok;
    }
    let kept = false;
    const trees = synthesize(definitions, baseDir, (removed) => {
      output.err(`removed ${removed.length} file(s) synthesis did not write (git tracks them; \`git checkout\` restores them; keep your own files outside the generated folders):`);
      for (const file of removed) output.err(`  - ${file}`);
    }, () => (kept = true));
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const summary = trees.map((t) => `${t.root}/ (${t.files.length} files)`).join(', ');
    output.out(`synthesized ${names} into ${summary} in ${ms.toFixed(0)} ms`);
    if (kept) output.out(`(the same definitions and code as an earlier run: its synthesis was reused from ${cacheFolder()}; VOLCANO_PLATFORM_CACHE=off synthesizes afresh)`);
    copyForCdk8sCli(trees.find((t) => t.root === 'dist')!.files, baseDir);
    return EXIT.ok;
  } catch (error) {
    // An input mistake is a message; anything else is a bug, whose stack trace helps whoever fixes it.
    output.err(error instanceof EnvironmentValidationError || error instanceof ForeignFilesError ? error.message : String((error as Error)?.stack ?? error));
    output.err('nothing was written');
    return EXIT.invalid;
  }
}

/** Under `cdk8s synth`, hand the CLI a copy of the manifests in the folder it expects (CDK8S_OUTDIR). */
function copyForCdk8sCli(files: readonly OutputFile[], baseDir: string): void {
  const outdir = process.env.CDK8S_OUTDIR;
  if (!outdir || path.resolve(outdir) === path.join(baseDir, 'dist')) return;
  for (const file of files) {
    const destination = path.join(outdir, file.path);
    fs.mkdirSync(path.dirname(destination), { recursive: true });
    fs.writeFileSync(destination, file.content);
  }
}
