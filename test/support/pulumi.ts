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

/** Resource options as the engine received them in a registration request (the mocks' arguments leave them out). */
export interface RegisteredOptions {
  /** `replaceOnChanges`: property paths whose change makes the engine replace the resource. */
  readonly replaceOnChanges: readonly string[];
  /** `deleteBeforeReplace`. */
  readonly deleteBeforeReplace: boolean;
}

/** What a stack run registered with the (mocked) engine. */
export interface MockedStack {
  readonly registered: pulumi.runtime.MockResourceArgs[];
  /** The options of each registered resource, by logical name. */
  readonly options: ReadonlyMap<string, RegisteredOptions>;
}

/**
 * Runs the Pulumi program for `stack` under mocks with `config`, like `pulumi up` would, and waits for
 * every resource to be registered. The first run in a test file loads the entry point
 * (stacks/pulumi/index.ts) into fresh modules, as the Pulumi CLI does; later runs hand the same modules'
 * `runStack` the built-in environments, as that entry point does, instead of loading Pulumi again (most of
 * a run's time). Nothing carries over between runs: Pulumi keeps config, mocks and the stack's settings in
 * one global store, which `setAllConfig` and `setMocks` replace whole, and the program keeps no state of
 * its own but the record of its last run.
 */
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

/** The modules of the first run in this file: the entry point's `runStack` and its environments, and the Pulumi runtime they use. */
let loaded: { runtime: typeof pulumi.runtime; settings: typeof import('@pulumi/pulumi/runtime/settings'); runEntryPoint: () => void } | undefined;

/**
 * Records the options of every registration request the mock monitor serves. The mocks' `newResource` sees
 * only type, name and inputs, so the request itself is read (its protobuf getters, as the SDK's
 * runtime/resource.js sets them).
 */
function recordOptions(settings: typeof import('@pulumi/pulumi/runtime/settings'), options: Map<string, RegisteredOptions>): void {
  const monitor = settings.getMonitor() as any;
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request: any, callback: unknown) => {
    options.set(request.getName(), { replaceOnChanges: request.getReplaceonchangesList(), deleteBeforeReplace: request.getDeletebeforereplace() });
    return register(request, callback);
  };
}

async function runProgram(stack: string, config: Record<string, string>): Promise<MockedStack> {
  const registered: pulumi.runtime.MockResourceArgs[] = [];
  const options = new Map<string, RegisteredOptions>();
  const mocks: pulumi.runtime.Mocks = {
    newResource: (args) => {
      registered.push(args);
      return { id: args.id ?? `${args.name}-id`, state: args.inputs };
    },
    call: (args) => args.inputs,
  };
  if (loaded === undefined) {
    jest.resetModules();
    // Import after the reset so config and mocks apply to the same module instances as the program.
    const runtime = (await import('@pulumi/pulumi')).runtime;
    const settings = await import('@pulumi/pulumi/runtime/settings');
    runtime.setAllConfig(config);
    await runtime.setMocks(mocks, PROJECT, stack, false);
    recordOptions(settings, options);
    try {
      await import('../../stacks/pulumi/index');
    } finally {
      const { runStack } = await import('../../lib/deploy/stack');
      const { ENVIRONMENTS } = await import('../../stacks/environments');
      loaded = { runtime, settings, runEntryPoint: () => runStack(ENVIRONMENTS) };
    }
  } else {
    loaded.runtime.setAllConfig(config);
    await loaded.runtime.setMocks(mocks, PROJECT, stack, false);
    recordOptions(loaded.settings, options);
    loaded.runEntryPoint();
  }
  const { lastStackRun } = await import('../../lib/deploy/stack');
  const run = lastStackRun();
  if (!run) throw new Error('the program did not run');
  await Promise.all([...run.deployment.resources.values()].map((r) => new Promise((resolve) => r.urn.apply(resolve))));
  return { registered, options };
}
