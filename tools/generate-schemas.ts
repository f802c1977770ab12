import * as path from 'path';
import { writeTreesAtomically } from '../lib/synth/write';
import { SCHEMAS_ROOT, generateSchemaFiles, schemaDrift } from './schemas/generate';

/**
 * `npm run schemas -- --from <reference folder> [--check]`: regenerates `schemas/` from the upstream CRD
 * files (and the Volcano chart and scheduler facts) listed in tools/schemas/sources.ts. With `--check` it
 * writes nothing and exits 1 when the committed files differ from what the upstream files give (CI runs
 * this against ../shared/reference, so the committed schemas cannot drift). Exit 2: bad arguments or input.
 */
const USAGE = 'usage: npm run schemas -- --from <folder with the upstream CRD files> [--check]';
const ROOT = path.join(__dirname, '..');

function main(args: string[]): number {
  let from: string | undefined;
  let check = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--from' && args[i + 1] !== undefined) from = args[++i];
    else if (args[i] === '--check') check = true;
    else {
      process.stderr.write(`unknown argument "${args[i]}"\n${USAGE}\n`);
      return 2;
    }
  }
  if (!from) {
    process.stderr.write(`--from is required\n${USAGE}\n`);
    return 2;
  }
  let files;
  try {
    files = generateSchemaFiles(path.resolve(from));
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}; nothing was written\n`);
    return 2;
  }
  const drift = schemaDrift(files, path.join(ROOT, SCHEMAS_ROOT));
  if (check) {
    if (drift.length === 0) {
      process.stdout.write(`${SCHEMAS_ROOT}/ matches ${from} (${files.length} files)\n`);
      return 0;
    }
    process.stderr.write(`${SCHEMAS_ROOT}/ differs from ${from}; run \`npm run schemas -- --from ${from}\` and commit:\n${drift.map((d) => `  - ${d}`).join('\n')}\n`);
    return 1;
  }
  writeTreesAtomically(ROOT, [{ root: SCHEMAS_ROOT, files }]);
  process.stdout.write(`wrote ${SCHEMAS_ROOT}/ from ${from}: ${files.length} files, ${drift.length} changed\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
