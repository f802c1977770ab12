import { execFileSync } from 'child_process';
import * as path from 'path';

/**
 * Validation's share of synthesis (issue: under 10% at 1000 queues and tenants): validation alone,
 * measured in a fresh process like the synthesis it is compared with (`validate-one.ts`), against the
 * time `synthesize()` took for the same environment, which includes validating it. Returns the
 * failures, if any, and prints one line.
 */
export function validationCost(size: number, synthesisMs: number, nodeArgs: readonly string[]): string[] {
  const out = execFileSync(process.execPath, [...nodeArgs, path.join(__dirname, 'validate-one.ts'), String(size)], { cwd: path.join(__dirname, '..'), encoding: 'utf8' });
  const { ms, shapeMs } = JSON.parse(out.trim().split('\n').pop()!) as { ms: number; shapeMs: number };
  const share = ms / synthesisMs;
  console.log(`validation at ${size}: ${ms.toFixed(0)} ms (structure ${shapeMs.toFixed(0)} ms) = ${(share * 100).toFixed(1)}% of synthesis ${synthesisMs.toFixed(0)} ms (limit 10%)`);
  return share < 0.1 ? [] : [`validation takes ${(share * 100).toFixed(1)}% of synthesis at ${size} queues and tenants (limit 10%)`];
}
