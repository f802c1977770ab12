import { deriveEnvironment, prepareEnvironments } from '../../lib/config';
import { sharingDocs } from '../../lib/simulation/docs';
import { ENVIRONMENTS, environment } from '../../stacks/environments';

const [, prod] = prepareEnvironments(ENVIRONMENTS);

describe('sharing section and chart of the environment pages', () => {
  const { section, chart } = sharingDocs(prod);

  it('lists each work queue\'s share and the verdict of every SLA', () => {
    expect(section).toContain('| interactive | `32` | `64Gi` |');
    expect(section).toContain('| batch | `64` | `320Gi` |');
    expect(section).toMatch(/\| interactive \| interactive \| 2m00s \| \S+ \| (met|miss) \|/);
    expect(section).toMatch(/\| batch \| batch \| 30m00s \| \S+ \| (met|miss) \|/);
  });

  it('charts the cpu shares to scale and a day of samples per queue and panel', () => {
    const bars = [...chart!.matchAll(/<rect x="150" y="\d+" width="([\d.]+)" height="14"/g)].map((m) => Number(m[1]));
    expect(bars).toEqual([280, 560]);
    const lines = [...chart!.matchAll(/<polyline points="([^"]+)"/g)].map((m) => m[1].split(' ').length);
    expect(lines).toEqual([96, 96, 96, 96]);
  });

  it('without a workload: shares only, no chart', () => {
    // Not through deriveEnvironment, where `workload: undefined` changes nothing: the definition without it.
    const [bare] = prepareEnvironments([{ ...environment('prod'), workload: undefined }]);
    const docs = sharingDocs(bare);
    expect(docs.chart).toBeUndefined();
    expect(docs.section).toContain('No workload is declared');
  });

  it('a miss is called out, with the way to refuse it', () => {
    const flood = { ...prod.workload!.scenarios[0].classes[0], arrivalsPerHour: Array.from({ length: 24 }, (_, h) => (h >= 9 && h < 17 ? 2400 : 0)) };
    const [busy] = prepareEnvironments([deriveEnvironment(environment('prod'), { name: 'prod', workload: { scenarios: [{ name: 'flood', description: 'A flood.', classes: [flood] }] } })]);
    expect(sharingDocs(busy).section).toMatch(/\*\*Missed:\*\* `interactive` \(p95 \S+ against 2m00s\)\. Set `workload\.enforceSlas` to refuse such an environment\./);
  });
});
