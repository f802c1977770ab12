import * as fs from 'fs';
import * as path from 'path';
import * as pulumi from '@pulumi/pulumi';
import { parse } from 'yaml';

const ROOT = path.join(__dirname, '..', '..');
export const PROJECT = 'volcano-platform';

/** The config of a committed `Pulumi.<stack>.yaml`, as the CLI hands it to the program (string values). */
export function committedStackConfig(stack: string): Record<string, string> {
  const file = path.join(ROOT, `Pulumi.${stack}.yaml`);
  const config: Record<string, unknown> = parse(fs.readFileSync(file, 'utf8'))?.config ?? {};
  return Object.fromEntries(Object.entries(config).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]));
}

/** What a stack run registered with the (mocked) engine. */
export interface MockedStack {
  readonly registered: pulumi.runtime.MockResourceArgs[];
}

/**
 * Runs the Pulumi program for `stack` under mocks with `config`, like `pulumi up` would, and waits for
 * every resource to be registered. Module state is reset first: Pulumi config is global.
 */
// Every fresh copy of @pulumi/pulumi loads its own `tmp` module, which adds a process 'exit' listener to
// delete its temporary files. A reset copy's listener is dead weight (and past ten, Node warns of a leak):
// each run removes the listeners the previous run's copy added.
let exitListenersOfLastRun: Array<(...args: any[]) => void> = [];

export async function runProgramUnderMocks(stack: string, config: Record<string, string>): Promise<MockedStack> {
  // Pulumi records a stack trace for every promise it makes (runtime/debuggable.js, for its leak report),
  // and jest source-maps every trace: most of a mocked run's time. During the run, traces are formatted as
  // V8 does by default, with transpiled positions (a function: undefined would fall back to jest's).
  const prepareStackTrace = Error.prepareStackTrace;
  Error.prepareStackTrace = (error, frames) => [String(error), ...frames.map((frame) => `    at ${frame}`)].join('\n');
  try {
    return await runProgram(stack, config);
  } finally {
    Error.prepareStackTrace = prepareStackTrace;
  }
}

async function runProgram(stack: string, config: Record<string, string>): Promise<MockedStack> {
  for (const listener of exitListenersOfLastRun) process.removeListener('exit', listener);
  const exitListenersBefore = process.listeners('exit');
  jest.resetModules();
  // Re-import after the reset so config and mocks apply to the same module instances as the program.
  const runtime = (await import('@pulumi/pulumi')).runtime;
  const registered: pulumi.runtime.MockResourceArgs[] = [];
  runtime.setAllConfig(config);
  await runtime.setMocks({
    newResource: (args) => {
      registered.push(args);
      return { id: args.id ?? `${args.name}-id`, state: args.inputs };
    },
    call: (args) => args.inputs,
  }, PROJECT, stack, false);
  await import('../../stacks/pulumi/index');
  exitListenersOfLastRun = process.listeners('exit').filter((listener) => !exitListenersBefore.includes(listener));
  const { lastStackRun } = await import('../../lib/deploy/stack');
  const run = lastStackRun();
  if (!run) throw new Error('the program did not run');
  await Promise.all([...run.deployment.resources.values()].map((r) => new Promise((resolve) => r.urn.apply(resolve))));
  return { registered };
}
