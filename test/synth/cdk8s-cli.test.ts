import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { builtInOutputRoots } from '../support/render';

const ROOT = path.join(__dirname, '..', '..');

test('the cdk8s CLI output folder is not one synthesis owns (the CLI deletes it before the app runs)', () => {
  const config = parse(fs.readFileSync(path.join(ROOT, 'cdk8s.yaml'), 'utf8'));
  const output = path.normalize(config.output);
  for (const root of builtInOutputRoots()) {
    const owned = path.normalize(root);
    const overlaps = owned === output || owned.startsWith(`${output}${path.sep}`) || output.startsWith(`${owned}${path.sep}`);
    expect({ root, output, overlaps }).toEqual({ root, output, overlaps: false });
  }
  expect(fs.readFileSync(path.join(ROOT, '.gitignore'), 'utf8')).toContain(`/${output}/`);
});
