/** The first thing on the page: what grokking is, what to press, and the task as a live table. */
import { TASK_SYMBOL, type RunConfig } from '../core/config';
import { TaskGridView } from './TaskGridView';
import type { MomentViews } from './viewHistory';

export function TaskIntro({ config, views }: { config: RunConfig; views: MomentViews }) {
  const op = (
    <i>
      a {TASK_SYMBOL[config.task]} b mod {config.p}
    </i>
  );
  return (
    <section className="intro" aria-label="What you are watching" data-testid="intro">
      <div className="intro-text">
        <h2>What you are watching</h2>
        <p>
          A small network learns {op} from {Math.round(config.trainFrac * 100)}% of the table (blue cells) and is tested on the pairs it never sees
          (orange). <b>Grokking</b>: it first memorizes its training pairs, answers the unseen ones no better than chance for a long while, then
          suddenly gets them right.
        </p>
        <p>
          Press <b>Train</b> (or Space) and watch the orange cells: pale while the network is wrong, strong once it is right.
        </p>
      </div>
      <TaskGridView grid={views.grid} task={config.task} p={config.p} at={views.gridStep} />
    </section>
  );
}
