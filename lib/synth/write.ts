import * as fs from 'fs';
import * as path from 'path';
import { OutputFile } from './render';

/**
 * Replaces `outdir` with exactly `files`, all or nothing: the files are written to a fresh sibling
 * folder, which is swapped in only once every file is written. On any failure `outdir` is left as it was
 * and the temporary folder is removed.
 */
export function writeOutputAtomically(outdir: string, files: readonly OutputFile[]): void {
  const target = path.resolve(outdir);
  const parent = path.dirname(target);
  fs.mkdirSync(parent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(parent, `.${path.basename(target)}.synth-`));
  const retired = `${staging}.old`;
  try {
    for (const file of files) {
      const destination = path.join(staging, file.path);
      if (!destination.startsWith(staging + path.sep)) throw new Error(`refusing to write outside the output folder: ${file.path}`);
      fs.mkdirSync(path.dirname(destination), { recursive: true });
      fs.writeFileSync(destination, file.content);
    }
    const hadTarget = fs.existsSync(target);
    if (hadTarget) fs.renameSync(target, retired);
    try {
      fs.renameSync(staging, target);
    } catch (error) {
      if (hadTarget) fs.renameSync(retired, target);
      throw error;
    }
    if (hadTarget) fs.rmSync(retired, { recursive: true, force: true });
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
