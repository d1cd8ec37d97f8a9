/**
 * A branch in a link: `branch=800&from-wd=1` reads "this run followed wd 1 until step 800, then the
 * link's own settings". The parent is the link's settings with the `from-` values put back, so a
 * link names only what the branch changed.
 */
import { RunConfigSchema, branchRefusal, type RunConfig } from './config';
import { RUN_PARAMS, quote, readValue } from './params';

export const BRANCH_KEY = 'branch';
export const FROM_PREFIX = 'from-';

export interface LinkBranch {
  step: number;
  parent: RunConfig;
}

/** Whether a link key belongs to a branch (so the link decoder does not call it unknown). */
export const isBranchKey = (key: string) => key === BRANCH_KEY || key.startsWith(FROM_PREFIX);

/** The branch a link describes, or null; every bad part is refused with a notice and the branch dropped. */
export function decodeBranch(params: ReadonlyMap<string, string>, config: RunConfig, notices: string[]): LinkBranch | null {
  const raw = params.get(BRANCH_KEY);
  const fromKeys = [...params.keys()].filter((k) => k.startsWith(FROM_PREFIX));
  if (raw === undefined) {
    if (fromKeys.length) notices.push(`${fromKeys.join(', ')} given without ${BRANCH_KEY}=STEP; ignored`);
    return null;
  }
  const step = raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isInteger(step) || step < 1 || step >= config.steps) {
    notices.push(`${BRANCH_KEY}=${quote(raw)}: the branch step must be a whole number from 1 to the budget (${config.steps - 1}); no branch`);
    return null;
  }
  const parent: Record<string, unknown> = { ...config };
  for (const key of fromKeys) {
    const param = RUN_PARAMS.find((p) => FROM_PREFIX + p.name === key);
    if (!param) {
      notices.push(`${quote(key)} is not a setting a branch can start from; no branch`);
      return null;
    }
    parent[param.key] = readValue(param, params.get(key)!);
  }
  const parsed = RunConfigSchema.safeParse(parent);
  if (!parsed.success) {
    notices.push(`the settings before the branch are invalid (${parsed.error.issues[0].message}); no branch`);
    return null;
  }
  const refusal = branchRefusal(parsed.data, config);
  if (refusal) {
    notices.push(`${refusal} No branch.`);
    return null;
  }
  return { step, parent: parsed.data };
}

/** Writes a branch into link parameters: its step and the parent's values that differ from `config`. */
export function encodeBranch(params: URLSearchParams, branch: LinkBranch, config: RunConfig): void {
  params.set(BRANCH_KEY, String(branch.step));
  for (const p of RUN_PARAMS) if (p.key !== 'steps' && branch.parent[p.key] !== config[p.key]) params.set(FROM_PREFIX + p.name, String(branch.parent[p.key]));
}
