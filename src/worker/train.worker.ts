/// <reference lib="webworker" />
/** The training worker: picks a backend, then hands every command to the Session. */
import { chooseBackend, webgpuDevice } from './backends';
import { parseCommand } from './commands';
import { BACKEND_LABEL, BACKENDS, type BackendInfo, type BackendName, type BackendRequest, type TestCommand, type WorkerCommand, type WorkerEvent } from './protocol';
import { Session } from './session';
import { estimatorDuty, MetersWorkerOffload } from './metersOffload';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (event: WorkerEvent, transfer: Transferable[] = []) => scope.postMessage(event, transfer);

let session: Session | null = null;
/** LLC estimates and slices run on a worker of their own (the other core), on snapshots of the weights. */
const metersOffload = new MetersWorkerOffload(
  () => new Worker(new URL('./meters.worker.ts', import.meta.url), { type: 'module' }),
  estimatorDuty(navigator.hardwareConcurrency || 2),
);
let backend: BackendInfo | null = null;

function reportError(message: string): void {
  post({ type: 'error', message });
}

scope.addEventListener('error', (e) => reportError(`Worker error: ${e.message}`));
scope.addEventListener('unhandledrejection', (e) =>
  reportError(`Worker error: ${e.reason instanceof Error ? e.reason.message : String(e.reason)}`),
);

/** Set once WebGPU trains: moves the run to the next backend (once). */
let moveOn: ((reason: string) => void) | null = null;

/** A failure of queued work that is WebGPU's (a buffer that cannot be mapped once the device is gone): recover from it. */
function backendFailed(err: unknown): boolean {
  if (!moveOn || !webgpuDevice()) return false;
  const message = err instanceof Error ? err.message : String(err);
  if (!/GPU|mapAsync|device/i.test(message)) return false;
  // The browser's wording ("Failed to execute 'mapAsync' on 'GPUBuffer'…") means nothing to a reader.
  moveOn('the device was lost');
  return true;
}

/**
 * On a lost WebGPU device, or on the first WebGPU error nobody caught (an invalid pipeline makes
 * every later result garbage without throwing), move the session to the next backend (WebGL,
 * WebAssembly, CPU) from the last checkpoint.
 */
function watchDevice(request: BackendRequest): void {
  const device = webgpuDevice();
  if (!device) return;
  let handled = false;
  moveOn = (reason: string) => {
    if (handled) return;
    handled = true;
    session?.backendLost(reason, async () => {
      backend = await chooseBackend(request === 'webgpu' ? 'auto' : request, ['webgpu'], [`webgpu: ${reason}`]);
      post({ type: 'backend', info: backend });
      return BACKEND_LABEL[backend.name];
    });
  };
  void device.lost.then((info) => moveOn?.(`the device was lost (${info.message || info.reason || 'unknown reason'})`));
  device.addEventListener('uncapturederror', (e) => {
    const message = (e as GPUUncapturedErrorEvent).error?.message ?? 'unknown error';
    moveOn?.(`the GPU reported an error (${message.split('\n')[0].slice(0, 200)})`);
  });
}

/** Moves the session to `name` (measured faster on this network); the badge keeps what was measured. */
function useBackend(name: BackendName, why: string): void {
  if (!session || backend?.name === name) return;
  const previous = backend;
  session.moveBackend(async () => {
    backend = { ...(await chooseBackend(name, BACKENDS.filter((b) => b !== name))), fallbacks: previous ? [`${previous.name}: measured slower on this network`] : [] };
    post({ type: 'backend', info: backend });
    watchDevice('auto');
    return BACKEND_LABEL[name];
  }, why);
}

/** Commands that arrive while init is still choosing a backend wait for it, in order. */
let initialised: Promise<void> = Promise.resolve();

/** The test build's failure injections; compiled out of the production build. */
function testCommand(cmd: TestCommand): void {
  if (cmd.type === 'test-lose-device') webgpuDevice()?.destroy();
  else
    setTimeout(() => {
      throw new Error('test crash requested by the page');
    });
}

scope.onmessage = (e: MessageEvent<unknown>) => {
  const data = e.data as TestCommand;
  if (__TEST_HOOKS__ && (data?.type === 'test-lose-device' || data?.type === 'test-crash')) return testCommand(data);
  const parsed = parseCommand(e.data);
  if (!parsed.ok) return reportError(parsed.message);
  const cmd = parsed.command;
  if (cmd.type === 'init') initialised = init(cmd);
  else void initialised.then(() => dispatch(cmd));
};

async function init(cmd: Extract<WorkerCommand, { type: 'init' }>): Promise<void> {
  try {
    backend = await chooseBackend(cmd.backend);
    post({ type: 'backend', info: backend });
  } catch (err) {
    return reportError(err instanceof Error ? err.message : String(err));
  }
  session = new Session(cmd.config, cmd.meters, cmd.landscape, post, backendFailed, metersOffload);
  watchDevice(cmd.backend);
  session.start(cmd.resume, cmd.branch);
}

function dispatch(cmd: Exclude<WorkerCommand, { type: 'init' }>): void {
  if (!session) return reportError(`"${cmd.type}" arrived before the worker was initialised`);
  switch (cmd.type) {
    case 'play':
      return session.play();
    case 'pause':
      return session.pause();
    case 'speed':
      return session.setSpeed(cmd.speed);
    case 'step':
      return session.step();
    case 'reset':
      return session.reset();
    case 'configure':
      return session.configure(cmd.config, cmd.fresh ?? false);
    case 'meters':
      return session.setMeters(cmd.meters);
    case 'landscape':
      return session.setLandscape(cmd.settings);
    case 'ablate':
      return session.ablate(cmd.frequencies);
    case 'fork':
      return session.fork(cmd.step, cmd.config);
    case 'use-backend':
      return useBackend(cmd.backend, cmd.why);
    case 'pause-at':
      return session.pauseAt(cmd.fromRun, cmd.moment, cmd.threshold);
    case 'benchmark':
      return session.benchmark(cmd.config, cmd.meters, cmd.steps, cmd.forwards, cmd.sliceSize, backend!.name);
  }
}
