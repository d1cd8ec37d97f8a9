/**
 * Query string ⇄ RunConfig and the view settings, with the CLI's flag names. Decoding never
 * throws: every bad or unknown parameter falls back to the default and yields a notice naming
 * what was given and what is used.
 */
import { z } from 'zod';
import { RunConfigSchema, type RunConfig } from './config';
import { DEFAULT_LANDSCAPE, PLANES, SPLITS } from './landscape/settings';
import { quote, readValue, RUN_PARAMS } from './params';
import { DEFAULT_METERS, MeterConfigSchema } from './meterConfig';
import { findPreset, unnamedPresetId } from './presets';
import { findLesson, LESSONS } from '../lessons';
import { decodeBranch, encodeBranch, isBranchKey, type LinkBranch } from './branchLink';

/** What the page shows, as opposed to what trains: also part of a shared link. */
/** The panels an embed can show, in the order given. */
import { PANELS, type Panel } from './panels';
export { PANELS, type Panel };

/** The page's colours: follow the system (auto), or light or dark whatever it says. */
/** Below this an embed cannot show one chart with its axes; above it a cap means nothing. */
export const EMBED_HEIGHT = { min: 200, max: 5000 } as const;

/** An origin exactly as a browser reports MessageEvent.origin: no path, query or trailing slash. */
export function isOrigin(text: string): boolean {
  try {
    const u = new URL(text);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === text;
  } catch {
    return false;
  }
}

export const THEMES = ['auto', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export const ViewSchema = z.object({
  embed: z.boolean(),
  panels: z.array(z.enum(PANELS, { error: `panels must be from ${PANELS.join(', ')}` })).min(1).max(PANELS.length),
  llcEvery: MeterConfigSchema.shape.llcEvery,
  entropyEvery: MeterConfigSchema.shape.entropyEvery,
  plane: z.enum(PLANES),
  /** The landscape's loss: train or test (the CLI's --split). */
  split: z.enum(SPLITS),
  xScale: z.enum(['log', 'linear']),
  autoplay: z.boolean(),
  /** An open lesson and its step (1-based), or null. */
  lesson: z.string().nullable(),
  step: z.number().int().min(1).max(100),
  present: z.boolean(),
  theme: z.enum(THEMES),
  /** The explanatory captions under the charts (axis labels and legends stay): off for a tight embed. */
  captions: z.boolean(),
  /**
   * The one origin (scheme://host[:port]) an embed takes commands from and sends its messages to;
   * null: any parent page, messages to '*'.
   */
  /** An embed's height cap in px: the page lays its panels out to fit it; null: as tall as its content. */
  height: z.number().int({ error: 'height must be a whole number of pixels' }).min(EMBED_HEIGHT.min, { error: `height must be at least ${EMBED_HEIGHT.min} px` }).max(EMBED_HEIGHT.max, { error: `height must be at most ${EMBED_HEIGHT.max} px` }).nullable(),
  origin: z
    .string()
    .refine(isOrigin, { error: 'origin must be a scheme, host and optional port, like https://example.com' })
    .nullable(),
});
export type ViewSettings = z.infer<typeof ViewSchema>;

export const DEFAULT_VIEW: ViewSettings = {
  embed: false,
  panels: ['accuracy', 'llc'],
  llcEvery: DEFAULT_METERS.llcEvery,
  entropyEvery: DEFAULT_METERS.entropyEvery,
  plane: DEFAULT_LANDSCAPE.plane,
  split: DEFAULT_LANDSCAPE.split,
  xScale: 'log',
  autoplay: false,
  lesson: null,
  step: 1,
  present: false,
  theme: 'auto',
  captions: true,
  height: null,
  origin: null,
};

export const VIEW_KEYS: Record<string, keyof ViewSettings> = {
  embed: 'embed',
  panels: 'panels',
  'llc-every': 'llcEvery',
  'entropy-every': 'entropyEvery',
  plane: 'plane',
  split: 'split',
  'x-scale': 'xScale',
  autoplay: 'autoplay',
  lesson: 'lesson',
  step: 'step',
  present: 'present',
  theme: 'theme',
  captions: 'captions',
  height: 'height',
  origin: 'origin',
};
const BOOLEAN_WORDS: Record<string, boolean> = { '1': true, true: true, yes: true, '0': false, false: false, no: false };

/** Link keys of the run's settings: the parameter table's names (the CLI's flags). */
export const URL_KEYS: Record<string, keyof RunConfig> = Object.fromEntries(RUN_PARAMS.map((p) => [p.name, p.key]));
export const BACKEND_CHOICES = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

export interface DecodedUrl {
  presetId: string;
  config: RunConfig;
  backend: BackendChoice;
  view: ViewSettings;
  /** A fork the link describes: train `branch.parent` to `branch.step`, then `config`. */
  branch: LinkBranch | null;
  notices: string[];
}

/** A number from text; blank is not zero, and −0 reads as 0 so it round-trips through a link. */
const toNumber = (raw: string) => (raw.trim() === '' ? NaN : Number(raw) + 0);

/** Keys that links made before a rename still use, read under their current name. */
const RENAMED: Record<string, string> = { slice: 'split' };

/** The first value of each key; a repeated key's later values are named in a notice and dropped. */
function firstValues(params: URLSearchParams, notices: string[]): Map<string, string> {
  const values = new Map<string, string>();
  for (const [given, value] of params) {
    const key = Object.hasOwn(RENAMED, given) ? RENAMED[given] : given;
    if (!values.has(key)) values.set(key, value);
    else notices.push(`${key} is given more than once; using the first (${quote(values.get(key)!)}), ignoring ${quote(value)}`);
  }
  return values;
}

function decodeView(params: Map<string, string>, notices: string[]): ViewSettings {
  const view: ViewSettings = { ...DEFAULT_VIEW };
  for (const [urlKey, key] of Object.entries(VIEW_KEYS)) {
    const raw = params.get(urlKey);
    if (raw === undefined) continue;
    const numeric = key === 'llcEvery' || key === 'entropyEvery' || key === 'step' || key === 'height';
    const value =
      key === 'autoplay' || key === 'embed' || key === 'present' || key === 'captions'
        ? BOOLEAN_WORDS[raw.toLowerCase()]
        : key === 'panels'
          ? [...new Set(raw.split(',').map((p) => p.trim()))]
          : numeric
            ? toNumber(raw)
            : raw;
    const result = ViewSchema.safeParse({ ...view, [key]: value });
    if (result.success) Object.assign(view, { [key]: result.data[key] });
    else notices.push(`${urlKey}=${quote(raw)}: ${result.error.issues[0].message}; using ${String(view[key])}`);
  }
  if (view.lesson !== null) {
    const lesson = findLesson(view.lesson);
    if (!lesson) {
      notices.push(`lesson=${quote(view.lesson)} does not exist; the lessons are ${LESSONS.map((l) => l.id).join(', ')}`);
      view.lesson = null;
    } else if (view.step > lesson.steps.length) {
      notices.push(`step="${view.step}": lesson "${lesson.id}" has ${lesson.steps.length} steps; using ${lesson.steps.length}`);
      view.step = lesson.steps.length;
    }
  }
  return view;
}

export function decodeQuery(search: string): DecodedUrl {
  const notices: string[] = [];
  const params = firstValues(new URLSearchParams(search), notices);
  const requestedPreset = params.get('preset');
  let presetId = unnamedPresetId(RUN_PARAMS.some((param) => params.get(param.name) !== undefined));
  if (requestedPreset !== undefined) {
    if (findPreset(requestedPreset)) presetId = requestedPreset;
    else notices.push(`preset ${quote(requestedPreset)} does not exist; using "${presetId}"`);
  }
  const config: RunConfig = { ...findPreset(presetId)!.config };
  for (const param of RUN_PARAMS) {
    const raw = params.get(param.name);
    if (raw === undefined) continue;
    // Validate the whole config with this one value changed, so cross-field rules still apply.
    const result = RunConfigSchema.safeParse({ ...config, [param.key]: readValue(param, raw) });
    if (result.success) Object.assign(config, { [param.key]: result.data[param.key] });
    else notices.push(`${param.name}=${quote(raw)}: ${result.error.issues[0].message}; using ${config[param.key]}`);
  }
  const known = new Set(['preset', 'backend', ...Object.keys(URL_KEYS), ...Object.keys(VIEW_KEYS)]);
  for (const key of params.keys()) if (!known.has(key) && !isBranchKey(key)) notices.push(`${quote(key)} is not a setting Grokscope knows; ignored`);
  const view = decodeView(params, notices);
  let backend: BackendChoice = 'auto';
  const rawBackend = params.get('backend');
  if (rawBackend !== undefined) {
    if ((BACKEND_CHOICES as readonly string[]).includes(rawBackend)) backend = rawBackend as BackendChoice;
    else notices.push(`backend=${quote(rawBackend)} is not one of ${BACKEND_CHOICES.join(', ')}; using auto`);
  }
  const branch = decodeBranch(params, config, notices);
  return { presetId, config, backend, view, branch, notices };
}

const viewText = (v: ViewSettings[keyof ViewSettings]) =>
  typeof v === 'boolean' ? (v ? '1' : '0') : Array.isArray(v) ? v.join(',') : v === null ? '' : String(v);

/** Only the values that differ from the preset and the defaults go into the address, so links stay short. */
export function encodeQuery(presetId: string, config: RunConfig, backend: BackendChoice, view: ViewSettings = DEFAULT_VIEW, branch: LinkBranch | null = null): string {
  const params = new URLSearchParams();
  const preset = findPreset(presetId)?.config;
  const settings = Object.entries(URL_KEYS).filter(([, key]) => !preset || preset[key] !== config[key]);
  // The preset is named unless an address without it is read back as this one.
  if (presetId !== unnamedPresetId(settings.length > 0)) params.set('preset', presetId);
  for (const [urlKey, key] of settings) params.set(urlKey, String(config[key]));
  if (backend !== 'auto') params.set('backend', backend);
  for (const [urlKey, key] of Object.entries(VIEW_KEYS)) {
    const text = viewText(view[key]);
    if (text !== viewText(DEFAULT_VIEW[key])) params.set(urlKey, text);
  }
  if (branch) encodeBranch(params, branch, config);
  const s = params.toString();
  return s ? `?${s}` : '';
}
