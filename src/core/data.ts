/** Modular-arithmetic datasets: every pair (a, b), labelled a ∘ b mod p, split by a seeded shuffle. */
import type { RunConfig, Task } from './config';
import { mod, modInverse } from './math';
import { createRng, shuffleInPlace } from './rng';

export interface Split {
  a: Int32Array;
  b: Int32Array;
  label: Int32Array;
}

export interface Dataset {
  p: number;
  task: Task;
  train: Split;
  test: Split;
}

export function applyOp(task: Task, a: number, b: number, p: number): number {
  switch (task) {
    case 'add':
      return mod(a + b, p);
    case 'sub':
      return mod(a - b, p);
    case 'mul':
      return mod(a * b, p);
    case 'div':
      return mod(a * modInverse(b, p), p);
  }
}

/** All (a, b) pairs for the task; division skips b = 0. */
export function allPairs(task: Task, p: number): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      if (task === 'div' && b === 0) continue;
      pairs.push([a, b]);
    }
  }
  return pairs;
}

function toSplit(pairs: Array<[number, number]>, task: Task, p: number): Split {
  const split: Split = {
    a: new Int32Array(pairs.length),
    b: new Int32Array(pairs.length),
    label: new Int32Array(pairs.length),
  };
  pairs.forEach(([a, b], i) => {
    split.a[i] = a;
    split.b[i] = b;
    split.label[i] = applyOp(task, a, b, p);
  });
  return split;
}

/** Train size is round(trainFrac · pairs), kept in [1, pairs − 1] so both splits are non-empty. */
export function trainSize(total: number, trainFrac: number): number {
  return Math.min(total - 1, Math.max(1, Math.round(trainFrac * total)));
}

export function makeDataset(config: Pick<RunConfig, 'task' | 'p' | 'trainFrac' | 'seed'>): Dataset {
  const { task, p, trainFrac, seed } = config;
  // The split has its own stream so that changing model settings never changes the data.
  const pairs = shuffleInPlace(allPairs(task, p), createRng(seed * 2 + 1));
  const nTrain = trainSize(pairs.length, trainFrac);
  return {
    p,
    task,
    train: toSplit(pairs.slice(0, nTrain), task, p),
    test: toSplit(pairs.slice(nTrain), task, p),
  };
}
