/**
 * Query string ⇄ RunConfig, with the CLI's flag names. Decoding never throws: every bad
 * parameter falls back to the preset's value and yields a notice naming what was given and used.
 */
import { RunConfigSchema, type RunConfig } from './config';
import { DEFAULT_PRESET_ID, findPreset } from './presets';

export const URL_KEYS: Record<string, keyof RunConfig> = {
  task: 'task',
  p: 'p',
  model: 'model',
  width: 'width',
  'train-frac': 'trainFrac',
  lr: 'lr',
  wd: 'wd',
  seed: 'seed',
  steps: 'steps',
  loss: 'loss',
};
const TEXT_KEYS = new Set<keyof RunConfig>(['task', 'model', 'loss']);
export const BACKEND_CHOICES = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

export interface DecodedUrl {
  presetId: string;
  config: RunConfig;
  backend: BackendChoice;
  notices: string[];
}

export function decodeQuery(search: string): DecodedUrl {
  const params = new URLSearchParams(search);
  const notices: string[] = [];
  const requestedPreset = params.get('preset');
  let presetId = DEFAULT_PRESET_ID;
  if (requestedPreset !== null) {
    if (findPreset(requestedPreset)) presetId = requestedPreset;
    else notices.push(`preset "${requestedPreset}" does not exist; using "${DEFAULT_PRESET_ID}"`);
  }
  const config: RunConfig = { ...findPreset(presetId)!.config };
  for (const [urlKey, key] of Object.entries(URL_KEYS)) {
    const raw = params.get(urlKey);
    if (raw === null) continue;
    const value = TEXT_KEYS.has(key) ? raw : raw.trim() === '' ? NaN : Number(raw);
    // Validate the whole config with this one value changed, so cross-field rules still apply.
    const result = RunConfigSchema.safeParse({ ...config, [key]: value });
    if (result.success) Object.assign(config, { [key]: result.data[key] });
    else notices.push(`${urlKey}="${raw}": ${result.error.issues[0].message}; using ${config[key]}`);
  }
  let backend: BackendChoice = 'auto';
  const rawBackend = params.get('backend');
  if (rawBackend !== null) {
    if ((BACKEND_CHOICES as readonly string[]).includes(rawBackend)) backend = rawBackend as BackendChoice;
    else notices.push(`backend="${rawBackend}" is not one of ${BACKEND_CHOICES.join(', ')}; using auto`);
  }
  return { presetId, config, backend, notices };
}

/** Only the values that differ from the preset go into the address, so links stay short. */
export function encodeQuery(presetId: string, config: RunConfig, backend: BackendChoice): string {
  const params = new URLSearchParams();
  if (presetId !== DEFAULT_PRESET_ID) params.set('preset', presetId);
  const preset = findPreset(presetId)?.config;
  for (const [urlKey, key] of Object.entries(URL_KEYS)) {
    if (!preset || preset[key] !== config[key]) params.set(urlKey, String(config[key]));
  }
  if (backend !== 'auto') params.set('backend', backend);
  const s = params.toString();
  return s ? `?${s}` : '';
}
