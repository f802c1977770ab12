import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * The speed of the development loop, measured in one run so that the machine's load affects every
 * number alike: `npm run synth` and `npm run diff` (of a one-field change) as ratios to the time node
 * needs to load cdk8s and cdk8s-plus-28 (the floor no TypeScript setup can beat), and `npm test` warm (the
 * second of two runs).
 * Synth and diff run in a scratch repository holding a snapshot of the working tree (tracked and
 * untracked files), so the checkout is never written to.
 */
export const LIMITS = { synthPerFloor: 4, diffPerFloor: 6, testSeconds: 40 } as const;
/** Each of floor, synth and diff is timed this many times, interleaved; the fastest of each counts. */
const ROUNDS = 5;

export interface LoopResult {
  readonly lines: string[];
  readonly failures: string[];
}

/**
 * CPU time (user and system, ms) of this process's finished children, where Linux tells (/proc; clock
 * ticks of 10 ms), else undefined. Shown beside wall times: on a loaded machine it moves much less.
 */
function childrenCpuMs(): number | undefined {
  try {
    const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

let lastCpu: number | undefined;
let lastOutput = '';

/** Wall time of one command in ms; a failure (other than the accepted exit codes) throws with its output. */
function time(command: string, args: string[], cwd: string, okCodes: number[] = [0]): number {
  const cpuBefore = childrenCpuMs();
  const started = process.hrtime.bigint();
  const run = spawnSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpuAfter = childrenCpuMs();
  lastCpu = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
  lastOutput = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  if (run.error) throw run.error;
  if (!okCodes.includes(run.status ?? -1)) {
    throw new Error(`${command} ${args.join(' ')} exited ${run.status} in ${cwd}:\n${run.stdout}${run.stderr}`);
  }
  return ms;
}

/** A git repository in a temporary folder holding the working tree as one commit, sharing node_modules. */
function snapshot(root: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vp-bench-loop-'));
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });
  const files = git(root, 'ls-files', '-z', '--cached', '--others', '--exclude-standard').split('\0')
    .filter((f) => f && fs.existsSync(path.join(root, f)) && fs.statSync(path.join(root, f)).isFile());
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(path.join(root, file), path.join(dir, file));
  }
  fs.symlinkSync(fs.realpathSync(path.join(root, 'node_modules')), path.join(dir, 'node_modules'), 'dir');
  git(dir, 'init', '--quiet', '--initial-branch=main');
  git(dir, 'add', '--all');
  git(dir, '-c', 'user.name=bench', '-c', 'user.email=bench@example.com', 'commit', '--quiet', '-m', 'snapshot');
  return dir;
}

/**
 * Changes one field of the environment definitions in the snapshot: the first queue weight, to its
 * committed value plus `1 + round`. A new value every round, so that each synth measured follows an edit,
 * as a user's does: nothing cached from an earlier round (transpiled file, simulated day) fits it.
 */
function changeOneField(dir: string, round: number): string {
  const file = path.join(dir, 'stacks', 'environments', 'prod.ts');
  const committed = execFileSync('git', ['show', 'HEAD:stacks/environments/prod.ts'], { cwd: dir, encoding: 'utf8' });
  const match = /weight: (\d+),/.exec(committed);
  if (!match) throw new Error('stacks/environments/prod.ts has no `weight: <n>,` left to change; pick another field in bench/loop.ts');
  fs.writeFileSync(file, committed.replace(match[0], `weight: ${Number(match[1]) + 1 + round},`));
  return `stacks/environments/prod.ts weight ${match[1]} → ${Number(match[1]) + 1}…${Number(match[1]) + ROUNDS}, a new value before each synth`;
}

/**
 * Changes a field of prod that no simulated day reads, in the snapshot: its first queue's description, to
 * the committed text with the round's number. Synth after it renders every manifest and page the edit
 * touches and reads every day from the cache: what synth costs beside the days.
 */
function changeDescription(dir: string, round: number): void {
  const file = path.join(dir, 'stacks', 'environments', 'prod.ts');
  const current = fs.readFileSync(file, 'utf8');
  const match = /description: '([^']*)',/.exec(current);
  if (!match) throw new Error("stacks/environments/prod.ts has no `description: '...',` left to change; pick another field in bench/loop.ts");
  fs.writeFileSync(file, current.replace(match[0], `description: '${match[1].replace(/ \(bench \d+\)$/, '')} (bench ${round})',`));
}

/**
 * Prod's simulated day as synth computes it after an edit to prod: in a fresh process (a cold JIT), from
 * job generation to trace (bench/simulation-engine.ts), in ms. Synth waits for it however the rest is
 * arranged, so it bounds how fast synth can be.
 */
function coldProdDayMs(dir: string): number {
  // With the V8 thread pool the npm scripts give node (package.json; README, Tests and benchmarks).
  time(process.execPath, ['--v8-pool-size=0', path.join(dir, 'tools', 'run-ts.js'), path.join('bench', 'simulation-engine.ts'), '--only', 'prod'], dir);
  const match = /prod ([\d.]+) ms/.exec(lastOutput);
  if (!match) throw new Error(`bench/simulation-engine.ts printed no time for prod:\n${lastOutput}`);
  return Number(match[1]);
}

/** The synth script's command of package.json, to run without npm: node (this one) and its arguments. */
function synthCommand(dir: string): string[] {
  const script = (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.synth;
  const [program, ...args] = script.split(' ');
  if (program !== 'node' || args.some((arg) => /[\s"'$;&|]/.test(arg))) throw new Error(`bench/loop.ts runs the synth script without npm and expects "node <arguments>", not: ${script}`);
  return args;
}

/** The synthesis time main.ts prints (`... in <n> ms`), or undefined. */
function printedSynthesisMs(output: string): number | undefined {
  const match = / in (\d+) ms$/m.exec(output);
  return match ? Number(match[1]) : undefined;
}

export function measureLoop(root: string): LoopResult {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const dir = snapshot(root);
  // Results kept between runs (lib/cache/persistent.ts) start empty: none from an earlier bench fits a round.
  const cacheDir = process.env.VOLCANO_PLATFORM_CACHE_DIR;
  process.env.VOLCANO_PLATFORM_CACHE_DIR = path.join(dir, '.bench-cache');
  try {
    const floor: number[] = [];
    const synth: number[] = [];
    const diff: number[] = [];
    const startUp: number[] = [];
    const synthesis: number[] = [];
    const noDay: number[] = [];
    const withoutNpm: number[] = [];
    const prodDay: number[] = [];
    const cpu = { floor: [] as number[], synth: [] as number[], diff: [] as number[] };
    const record = (what: keyof typeof cpu, list: number[], ms: number) => {
      list.push(ms);
      if (lastCpu !== undefined) cpu[what].push(lastCpu);
    };
    // The first diff against a base synthesizes it; later ones in the loop are what a user waits for.
    let change = changeOneField(dir, ROUNDS);
    time(npm, ['run', '--silent', 'synth'], dir);
    const firstDiff = time(npm, ['run', '--silent', 'diff', '--', '--base', 'HEAD'], dir, [1]);
    for (let round = 0; round < ROUNDS; round++) {
      record('floor', floor, time(process.execPath, ['-e', "require('cdk8s'); require('cdk8s-plus-28')"], dir));
      // npm, node, the TypeScript runner (tools/run-ts.js) and the modules synth loads before it renders (--help): synth's fixed cost.
      startUp.push(time(npm, ['run', '--silent', 'synth', '--', '--help'], dir));
      change = changeOneField(dir, round);
      const synthMs = time(npm, ['run', '--silent', 'synth'], dir);
      record('synth', synth, synthMs);
      synthesis.push(printedSynthesisMs(lastOutput) ?? NaN);
      record('diff', diff, time(npm, ['run', '--silent', 'diff', '--', '--base', 'HEAD'], dir, [1]));
      changeDescription(dir, round);
      noDay.push(time(npm, ['run', '--silent', 'synth'], dir));
      // The same kind of edit as the first, with values of its own, and the synth script run by node itself.
      changeOneField(dir, ROUNDS + 1 + round);
      withoutNpm.push(time(process.execPath, synthCommand(dir), dir));
      prodDay.push(coldProdDayMs(dir));
    }
    const best = (list: number[]) => Math.min(...list);
    const cpuNote = (what: keyof typeof cpu) => (cpu[what].length === ROUNDS ? `; cpu ${best(cpu[what])} ms, ${(best(cpu[what]) / best(cpu.floor)).toFixed(1)}x the floor's` : '');
    const floorMs = best(floor);
    const synthRatio = best(synth) / floorMs;
    const diffRatio = best(diff) / floorMs;

    // npm test is measured warm, as a developer runs it again: the second of two runs in a row, in the
    // checkout with its own caches (not the loop's empty folder; the first run fills them where needed).
    if (cacheDir === undefined) delete process.env.VOLCANO_PLATFORM_CACHE_DIR;
    else process.env.VOLCANO_PLATFORM_CACHE_DIR = cacheDir;
    time(npm, ['test', '--silent'], root);
    const testMs = time(npm, ['test', '--silent'], root);
    const testCpu = lastCpu;

    // The least synth can take after an edit to prod while the environment page carries the simulated day:
    // its fixed cost, then prod's day, with nothing else on either core. Below the limit only if the day is.
    const leastSynthMs = best(startUp) + best(prodDay);
    const failures: string[] = [];
    // Where synth's time goes, from the fastest round of each: its fixed cost (npm, node, the TypeScript runner and the
    // modules loaded before rendering: `synth -- --help`), the synthesis main.ts reports (loading the
    // renderer, validation, simulated days, rendering, writing), and the rest.
    const breakdown = `: npm, node and loading its modules ${best(startUp).toFixed(0)} ms (${(best(startUp) / floorMs).toFixed(1)}x the floor by itself), synthesis as main.ts reports it ${best(synthesis).toFixed(0)} ms (loading the renderer, the changed environments' simulated days (on the other core), rendering and writing), the rest ${Math.max(0, best(synth) - best(startUp) - best(synthesis)).toFixed(0)} ms; within the limit it would have to take ${(LIMITS.synthPerFloor * floorMs).toFixed(0)} ms in all, and prod's simulated day alone (which the environment page shows, and synth must wait for after an edit to prod) takes ${best(prodDay).toFixed(0)} ms cold, ${(best(prodDay) / floorMs).toFixed(1)}x the floor; the two alone come to ${(leastSynthMs / floorMs).toFixed(1)}x; after an edit no simulated day reads, synth takes ${best(noDay).toFixed(0)} ms, ${(best(noDay) / floorMs).toFixed(1)}x; run without npm, ${(best(withoutNpm) / floorMs).toFixed(1)}x`;
    if (synthRatio > LIMITS.synthPerFloor) failures.push(`npm run synth took ${synthRatio.toFixed(1)}x the floor (limit ${LIMITS.synthPerFloor}x)${breakdown}`);
    if (diffRatio > LIMITS.diffPerFloor) failures.push(`npm run diff took ${diffRatio.toFixed(1)}x the floor (limit ${LIMITS.diffPerFloor}x): it starts as synth does (${best(startUp).toFixed(0)} ms) and renders the working tree in memory to check it is fresh; within the limit it would have to take ${(LIMITS.diffPerFloor * floorMs).toFixed(0)} ms in all`);
    if (testMs > LIMITS.testSeconds * 1000) failures.push(`npm test took ${(testMs / 1000).toFixed(1)} s (limit ${LIMITS.testSeconds} s)`);
    const ms = (n: number) => `${n.toFixed(0)} ms`;
    return {
      failures,
      lines: [
        `development loop, wall time (fastest of ${ROUNDS} interleaved runs; floor: node loading cdk8s and cdk8s-plus-28, ${ms(floorMs)}${cpuNote('floor').replace(/, [\d.]+x the floor's/, '')}):`,
        `  npm run synth                ${ms(best(synth)).padStart(8)}  ${synthRatio.toFixed(1).padStart(5)}x the floor (limit ${LIMITS.synthPerFloor}x${cpuNote('synth')}; after a one-field edit each time)`,
        `    of which npm, node, modules ${ms(best(startUp)).padStart(8)}  ${(best(startUp) / floorMs).toFixed(1).padStart(5)}x the floor (npm run synth -- --help); synthesis as main.ts reports it ${ms(best(synthesis))}`,
        `    prod's simulated day, cold ${ms(best(prodDay)).padStart(8)}  ${(best(prodDay) / floorMs).toFixed(1).padStart(5)}x the floor (fresh process, job generation to trace: what synth waits for on the other core)`,
        `    the two together           ${ms(leastSynthMs).padStart(8)}  ${(leastSynthMs / floorMs).toFixed(1).padStart(5)}x the floor (the least synth can take after an edit to prod while the page shows the day)`,
        `    without npm                ${ms(best(withoutNpm)).padStart(8)}  ${(best(withoutNpm) / floorMs).toFixed(1).padStart(5)}x the floor (the synth script run by node itself, after a one-field edit: what npm's own start adds)`,
        `    an edit no day reads       ${ms(best(noDay)).padStart(8)}  ${(best(noDay) / floorMs).toFixed(1).padStart(5)}x the floor (npm run synth after a queue description edit: what synth costs beside the days)`,
        `  npm run diff, one field      ${ms(best(diff)).padStart(8)}  ${diffRatio.toFixed(1).padStart(5)}x the floor (limit ${LIMITS.diffPerFloor}x${cpuNote('diff')}; ${change}; first run against the base ${ms(firstDiff)})`,
        `  npm test, warm               ${`${(testMs / 1000).toFixed(1)} s`.padStart(8)}         (limit ${LIMITS.testSeconds} s on 2 cores; this machine has ${os.availableParallelism()}${testCpu === undefined ? '' : `; cpu ${(testCpu / 1000).toFixed(1)} s`})`,
        `  load average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} (ratios measured on a busy machine come out high)`,
      ],
    };
  } finally {
    if (cacheDir === undefined) delete process.env.VOLCANO_PLATFORM_CACHE_DIR;
    else process.env.VOLCANO_PLATFORM_CACHE_DIR = cacheDir;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
