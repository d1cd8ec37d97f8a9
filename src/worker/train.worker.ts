/// <reference lib="webworker" />
/** The training worker: picks a backend, then hands every command to the Session. */
import { parseRunConfig } from '../core/config';
import { MeterConfigSchema } from '../core/meters';
import { LandscapeSettingsSchema } from '../core/landscape/slice';
import { chooseBackend, webgpuDevice } from './backends';
import { SPEEDS, type BackendInfo, type BackendRequest, type TestCommand, type WorkerCommand, type WorkerEvent } from './protocol';
import { Session } from './session';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (event: WorkerEvent, transfer: Transferable[] = []) => scope.postMessage(event, transfer);

let session: Session | null = null;
let backend: BackendInfo | null = null;

function reportError(message: string): void {
  post({ type: 'error', message });
}

scope.addEventListener('error', (e) => reportError(`Worker error: ${e.message}`));
scope.addEventListener('unhandledrejection', (e) =>
  reportError(`Worker error: ${e.reason instanceof Error ? e.reason.message : String(e.reason)}`),
);

/**
 * On a lost WebGPU device, or on the first WebGPU error nobody caught (an invalid pipeline makes
 * every later result garbage without throwing), move the session to the next backend (WebGL,
 * WebAssembly, CPU) from the last checkpoint.
 */
function watchDevice(request: BackendRequest): void {
  const device = webgpuDevice();
  if (!device) return;
  let handled = false;
  const moveOn = (reason: string) => {
    if (handled) return;
    handled = true;
    session?.backendLost(reason, async () => {
      backend = await chooseBackend(request === 'webgpu' ? 'auto' : request, ['webgpu'], [`webgpu: ${reason}`]);
      post({ type: 'backend', info: backend });
      return backend.name === 'wasm' ? 'WebAssembly' : backend.name;
    });
  };
  void device.lost.then((info) => moveOn(`the device was lost (${info.message || info.reason || 'unknown reason'})`));
  device.addEventListener('uncapturederror', (e) => {
    const message = (e as GPUUncapturedErrorEvent).error?.message ?? 'unknown error';
    moveOn(`the GPU reported an error (${message.split('\n')[0].slice(0, 200)})`);
  });
}

/** Commands that arrive while init is still choosing a backend wait for it, in order. */
let initialised: Promise<void> = Promise.resolve();

scope.onmessage = (e: MessageEvent<WorkerCommand | TestCommand>) => {
  const cmd = e.data;
  if (cmd?.type === 'init') {
    initialised = init(cmd);
    return;
  }
  void initialised.then(() => dispatch(cmd));
};

async function init(cmd: Extract<WorkerCommand, { type: 'init' }>): Promise<void> {
  const parsed = parseRunConfig(cmd.config);
  if (!parsed.ok) return reportError(`Invalid settings: ${parsed.errors.join('; ')}`);
  try {
    backend = await chooseBackend(cmd.backend);
    post({ type: 'backend', info: backend });
  } catch (err) {
    return reportError(err instanceof Error ? err.message : String(err));
  }
  const meters = MeterConfigSchema.safeParse(cmd.meters);
  if (!meters.success) return reportError(`Invalid meter settings: ${meters.error.issues.map((i) => i.message).join('; ')}`);
  const landscape = LandscapeSettingsSchema.safeParse(cmd.landscape);
  if (!landscape.success) return reportError('Invalid landscape settings');
  session = new Session(parsed.config, meters.data, landscape.data, post);
  watchDevice(cmd.backend);
  session.start(cmd.resume);
}

/** The test build's failure injections; compiled out of the production build. */
function testCommand(cmd: TestCommand): void {
  if (cmd.type === 'test-lose-device') webgpuDevice()?.destroy();
  else
    setTimeout(() => {
      throw new Error('test crash requested by the page');
    });
}

function dispatch(cmd: WorkerCommand | TestCommand): void {
  if (__TEST_HOOKS__ && (cmd.type === 'test-lose-device' || cmd.type === 'test-crash')) return testCommand(cmd);
  if (!session) return reportError(`"${cmd?.type}" arrived before the worker was initialised`);
  switch (cmd.type) {
    case 'play':
      return session.play();
    case 'pause':
      return session.pause();
    case 'speed':
      if (!(SPEEDS as readonly string[]).includes(cmd.speed)) return reportError(`Unknown speed "${String(cmd.speed)}"`);
      return session.setSpeed(cmd.speed);
    case 'step':
      return session.step();
    case 'reset':
      return session.reset();
    case 'configure': {
      const parsed = parseRunConfig(cmd.config);
      if (!parsed.ok) return reportError(`Invalid settings: ${parsed.errors.join('; ')}`);
      return session.configure(parsed.config);
    }
    case 'meters': {
      const meters = MeterConfigSchema.safeParse(cmd.meters);
      if (!meters.success) return reportError(`Invalid meter settings: ${meters.error.issues.map((i) => i.message).join('; ')}`);
      return session.setMeters(meters.data);
    }
    case 'landscape': {
      const landscape = LandscapeSettingsSchema.safeParse(cmd.settings);
      if (!landscape.success) return reportError(`Invalid landscape settings: ${landscape.error.issues.map((i) => i.message).join('; ')}`);
      return session.setLandscape(landscape.data);
    }
    case 'benchmark': {
      const parsed = parseRunConfig(cmd.config);
      if (!parsed.ok) return reportError(`Invalid settings: ${parsed.errors.join('; ')}`);
      const meters = MeterConfigSchema.safeParse(cmd.meters);
      if (!meters.success) return reportError('Invalid meter settings for the benchmark');
      const sliceSize = Number.isInteger(cmd.sliceSize) && cmd.sliceSize >= 5 && cmd.sliceSize <= 81 ? cmd.sliceSize : 31;
      return session.benchmark(parsed.config, meters.data, cmd.steps, cmd.forwards, sliceSize, backend!.name);
    }
    default:
      console.warn('Grokscope worker: ignored unknown message', cmd);
  }
};
