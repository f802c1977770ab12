import * as path from 'path';
import { PROTECT_BY_DEFAULT, protectedWhenStackProtects } from '../../lib/deploy/plan';
import { protectingStacks } from '../../lib/review/protection';
import { committedStackConfig, runProgramUnderMocks } from '../support/pulumi';

/**
 * The diff says which objects Pulumi protects without running Pulumi: from the stack files and the rule in
 * lib/deploy/plan.ts. These tests run the program under mocks and hold it to the same answer, object by
 * object, so the danger list cannot drift from what `pulumi up` does.
 */

const ROOT = path.join(__dirname, '..', '..');

async function protectedByProgram(stack: string, config: Record<string, string>): Promise<Map<string, { protect: boolean; expected: boolean }>> {
  await runProgramUnderMocks(stack, config);
  const { lastStackRun } = await import('../../lib/deploy/stack');
  const { plan, records } = lastStackRun()!.deployment;
  const objects = new Map(plan.objects.map((planned) => [planned.id, planned.object]));
  const result = new Map<string, { protect: boolean; expected: boolean }>();
  for (const record of records) {
    const object = objects.get(record.id);
    if (object) result.set(record.id, { protect: record.protect, expected: protectedWhenStackProtects(object) });
  }
  return result;
}

test('prod (protect: true): the program protects exactly the objects the diff reports as protected', async () => {
  expect(protectingStacks(ROOT).get('prod')).toEqual(['prod']);
  const decisions = await protectedByProgram('prod', committedStackConfig('prod'));
  expect(decisions.size).toBeGreaterThan(10);
  for (const [id, { protect, expected }] of decisions) expect({ id, protect }).toEqual({ id, protect: expected });
  expect([...decisions.values()].some((d) => d.protect)).toBe(true);
});

test('a stack without a protect key protects as PROTECT_BY_DEFAULT says; dev (protect: false) protects nothing', async () => {
  const { 'volcano-platform:protect': _removed, ...config } = committedStackConfig('prod');
  for (const [id, { protect, expected }] of await protectedByProgram('prod', config)) {
    expect({ id, protect }).toEqual({ id, protect: PROTECT_BY_DEFAULT && expected });
  }
  expect(protectingStacks(ROOT).has('dev')).toBe(false);
  for (const { protect } of (await protectedByProgram('dev', committedStackConfig('dev'))).values()) expect(protect).toBe(false);
});
