import * as fs from 'fs';
import { cacheFile } from '../../lib/cache/persistent';
import { prepareEnvironments } from '../../lib/config';
import { buildDashboard } from '../../lib/observability/dashboard-build';
import { dashboardSpecs } from '../../lib/observability/dashboard-specs';
import { dashboardJson } from '../../lib/observability/dashboards';
import { ENVIRONMENTS } from '../../stacks/environments';
import { cacheOnThroughout, withCache } from '../support/cache';

// lib/observability/dashboards.ts keeps each dashboard's JSON by its spec: after an edit that leaves an
// environment's dashboards as they were (a queue weight, say), synthesis does not load the Grafana SDK.

describe('dashboards kept between runs', () => {
  cacheOnThroughout(); // this is about the cache itself
  const [prod] = prepareEnvironments(ENVIRONMENTS.filter((e) => e.name === 'prod'));
  const nonce = `${process.pid}-${Date.now()}`;
  // A spec no other run has kept: the real one, retitled.
  const spec = { ...dashboardSpecs(prod)[0], title: `kept-dashboard test ${nonce}` };
  const other = { ...spec, title: `${spec.title} (edited)` };
  afterAll(() => {
    for (const s of [spec, other]) fs.rmSync(cacheFile('dashboard', s) ?? '/nonexistent', { force: true });
  });

  /** dashboardJson as the next run loads it (nothing in memory), with the SDK builder counting its calls. */
  function inNextRun(specToRender: typeof spec): { json: string; built: number } {
    let result = { json: '', built: 0 };
    jest.isolateModules(() => {
      let built = 0;
      jest.doMock('../../lib/observability/dashboard-build', () => ({
        buildDashboard: (s: typeof spec) => {
          built += 1;
          return buildDashboard(s);
        },
      }));
      const json = (require('../../lib/observability/dashboards') as typeof import('../../lib/observability/dashboards')).dashboardJson(specToRender);
      result = { json, built };
    });
    jest.dontMock('../../lib/observability/dashboard-build');
    return result;
  }

  it('the next run serves an unchanged dashboard from disk without building it; a changed one is built', () => {
    const json = dashboardJson(spec);
    expect(JSON.parse(json).title).toBe(spec.title);
    expect(fs.existsSync(cacheFile('dashboard', spec)!)).toBe(true);
    expect(inNextRun(spec)).toEqual({ json, built: 0 });
    const edited = inNextRun(other);
    expect(edited.built).toBe(1);
    expect(JSON.parse(edited.json).title).toBe(other.title);
  });

  it('what is kept is what the SDK builds', () => {
    const fresh = withCache('off', () => dashboardJson(spec));
    expect(fresh).toBe(`${JSON.stringify(buildDashboard(spec), null, 2)}\n`);
    expect(dashboardJson(spec)).toBe(fresh);
  });
});
