import { execFileSync } from 'child_process';
import * as path from 'path';

// What synthesis loads before the environments are valid is on the way to the simulated days, which start
// on the other core only then (lib/simulation/days-ahead.ts) and are the slowest part of synth after an
// edit: validation must not load the renderer's libraries (lib/observability/rule-groups.ts says why), nor
// the yaml library (about 50 ms), which only writing needs (lib/volcano/scheduler-config.ts).

const ROOT = path.join(__dirname, '..', '..');

it('validating the environments, as synth does before it renders, loads neither cdk8s, cdk8s-plus-28, constructs, the Grafana SDK nor yaml', () => {
  const out = execFileSync(process.execPath, [path.join(ROOT, 'tools', 'run-ts.js'), path.join(__dirname, 'loading-probe.ts')], { cwd: ROOT, encoding: 'utf8' });
  const packages = JSON.parse(out.trim().split('\n').pop()!) as string[];
  // The probe saw what it loaded: the runner's own packages are there.
  expect(packages).toContain('@cspotcode/source-map-support');
  expect(packages.filter((p) => ['cdk8s', 'cdk8s-plus-28', 'constructs', '@grafana/grafana-foundation-sdk', 'yaml'].includes(p))).toEqual([]);
});
