import { describe, expect, it } from 'vitest';
import { makeDataset } from '../src/core/data';
import { classicConfig } from './classic';
import { CELL, gridCounts, taskGrid } from '../src/core/taskGrid';
import { Trainer } from '../src/core/trainer';

describe('task grid', () => {
  it('puts each pair at row a, column b, with its split and whether it was answered right', () => {
    const data = makeDataset({ task: 'div', p: 5, trainFrac: 0.4, seed: 3 });
    const n = data.train.a.length + data.test.a.length;
    // Right for every other pair, in the trainer's order (train, then test).
    const correct = Array.from({ length: n }, (_, i) => i % 2);
    const grid = taskGrid(data, correct);
    expect(grid.cells).toHaveLength(25);
    // Division has no pair with b = 0.
    for (let a = 0; a < 5; a++) expect(grid.cells[a * 5]).toBe(CELL.none);
    const { a, b } = data.train;
    expect(grid.cells[a[1] * 5 + b[1]]).toBe(CELL.trainRight);
    expect(grid.cells[a[0] * 5 + b[0]]).toBe(CELL.trainWrong);
    const t = data.train.a.length;
    expect(grid.cells[data.test.a[0] * 5 + data.test.b[0]]).toBe(t % 2 ? CELL.testRight : CELL.testWrong);
    const counts = gridCounts(grid);
    expect(counts.train).toBe(data.train.a.length);
    expect(counts.test).toBe(data.test.a.length);
    expect(counts.trainRight + counts.testRight).toBe(correct.filter((c) => c === 1).length);
  });

  it('agrees with the accuracy the trainer measures, from the same read-back', async () => {
    const trainer = new Trainer({ ...classicConfig(), p: 17, width: 32, steps: 60 });
    await trainer.advance(60);
    const row = await trainer.evaluate();
    const counts = gridCounts(taskGrid(trainer.dataset, trainer.lastCorrect!));
    expect(counts.trainRight / counts.train).toBeCloseTo(row.trainAcc, 10);
    expect(counts.testRight / counts.test).toBeCloseTo(row.testAcc, 10);
    expect(row.trainAcc).toBeGreaterThan(0.5);
    trainer.dispose();
  });
});
