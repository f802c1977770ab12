import { UPSTREAM_CRDS } from '../../tools/schemas/sources';

/**
 * `describe` for checks written against upstream CRD files named as in the reference folder (e.g.
 * `flux/kustomizations.crd.yaml`). The tests never read that folder: such a check runs against the
 * committed schemas (see `crdValidator` in ./schemas), so it runs everywhere. A file that is not one of
 * the generated sources fails the block, naming it, instead of skipping: generate what the check needs
 * into `schemas/` (tools/schemas/sources.ts) and read it from there.
 */
export function describeWithReference(name: string, requiredFiles: string[], body: () => void): void {
  const missing = requiredFiles.filter((file) => !UPSTREAM_CRDS.some((source) => source.file === file));
  if (missing.length === 0) {
    describe(name, body);
    return;
  }
  describe(name, () => {
    test('has its upstream data in the repository', () => {
      throw new Error(`${missing.join(', ')}: not generated into schemas/; tests may not read ../shared/reference. Add the file to tools/schemas/sources.ts and run \`npm run schemas -- --from <reference folder>\`.`);
    });
  });
}
