/**
 * What the network learned: the Fourier spectrum of its input embeddings over the p residues, now
 * (bars, key frequencies in colour), and how concentrated it became over training (lines): the share
 * of the five strongest frequencies, and how much of each hidden unit's power sits on its own
 * strongest frequency (1 = every unit on a single frequency, Gromov's analytic solution).
 */
import { scaleBand, scaleLinear } from 'd3';
import type { AblationResult, FourierRow } from '../../core/fourier';
import { formatInt, formatPct } from '../format';
import type { RunStore } from '../runStore';
import { pageColor } from '../theme';
import { useElementSize } from '../useElementSize';
import { COLORS } from './colors';
import type { StepFrame } from './frame';
import { LineChart } from './LineChart';
import { comparedSeries } from './comparison';
import { NeuronView } from './NeuronView';

const BARS_DEFAULT = 130;
const PAD = { top: 8, right: 12, bottom: 30, left: 44 };

interface SpectrumProps {
  row: FourierRow;
  /** Frequencies removed for evaluation as last asked, and the latest answer. */
  ablated: number[];
  ablation: AblationResult | null;
  onAblate(frequencies: number[]): void;
  height?: number;
}

/** Power per frequency; clicking a bar removes that frequency from the embeddings for evaluation (again: restores it). */
function Spectrum({ row, ablated, ablation, onAblate, height = BARS_DEFAULT }: SpectrumProps) {
  const [ref, width] = useElementSize<HTMLDivElement>();
  const freqs = row.power.map((_, i) => i + 1);
  const x = scaleBand<number>().domain(freqs).range([PAD.left, Math.max(PAD.left + 10, width - PAD.right)]).padding(0.15);
  const y = scaleLinear().domain([0, Math.max(0.05, ...row.power)]).nice().range([height - PAD.bottom, PAD.top]);
  const key = new Set(row.keyFrequencies);
  const off = new Set(ablated);
  const toggle = (k: number) => onAblate(off.has(k) ? [...off].filter((f) => f !== k) : [...off, k]);
  const label = `Power per frequency at step ${row.step}: key frequencies ${row.keyFrequencies.join(', ') || 'none'}; the five strongest hold ${formatPct(row.top5Share)}.`;
  return (
    // A group, not an image: its bars are buttons (an image's children would be hidden from assistive tech).
    <div ref={ref} className="fourier-bars" data-testid="fourier-spectrum" role="group" aria-label={label}>
      {width > 0 && (
        <svg width={width} height={height} className="chart-svg">
          {y.ticks(height < 160 ? 2 : 3).map((t) => (
            <g key={t} transform={`translate(0,${y(t)})`}>
              <line x1={PAD.left} x2={width - PAD.right} className="grid" />
              <text x={PAD.left - 6} dy="0.32em" textAnchor="end" className="tick">
                {Math.round(t * 100)}%
              </text>
            </g>
          ))}
          {row.power.map((share, i) => (
            <g
              key={i}
              className="fourier-bar"
              role="button"
              tabIndex={0}
              aria-pressed={off.has(i + 1)}
              aria-label={`frequency ${i + 1}: ${formatPct(share)} of the power${off.has(i + 1) ? ', removed for evaluation' : ''}; press Enter to ${off.has(i + 1) ? 'restore' : 'remove'} it`}
              onClick={() => toggle(i + 1)}
              onKeyDown={(e) => e.key === 'Enter' && toggle(i + 1)}
            >
              {/* The whole column is the target, so short bars are as easy to click as tall ones. */}
              <rect x={x(i + 1)} width={x.bandwidth()} y={PAD.top} height={y(0) - PAD.top} fill="transparent" />
              <rect
                x={x(i + 1)}
                width={x.bandwidth()}
                y={y(share)}
                height={Math.max(0, y(0) - y(share))}
                fill={key.has(i + 1) ? COLORS.train : pageColor('axis')}
                opacity={off.has(i + 1) ? 0.25 : 1}
                data-frequency={i + 1}
                data-key={key.has(i + 1) || undefined}
              />
            </g>
          ))}
          {freqs
            .filter((k) => k === 1 || k % 5 === 0 || key.has(k))
            .map((k) => (
              <text key={k} x={x(k)! + x.bandwidth() / 2} y={height - PAD.bottom + 14} textAnchor="middle" className="tick">
                {k}
              </text>
            ))}
          <text x={width - PAD.right} y={height - 2} textAnchor="end" className="axis-label">
            frequency k (cos/sin 2πka/p)
          </text>
        </svg>
      )}
      <p className="muted small fourier-ablation" data-testid="fourier-ablation">
        {ablation && ablated.length > 0 ? (
          <>
            Without frequenc{ablation.frequencies.length > 1 ? 'ies' : 'y'} {ablation.frequencies.join(', ')} (step {formatInt(ablation.step)}): train{' '}
            <b data-testid="ablated-train">{formatPct(ablation.without.trainAcc)}</b>, test{' '}
            <b data-testid="ablated-test">{formatPct(ablation.without.testAcc)}</b>; with {ablation.frequencies.length > 1 ? 'them' : 'it'}: train {formatPct(ablation.with.trainAcc)}, test{' '}
            {formatPct(ablation.with.testAcc)}. For evaluation only: training is untouched.{' '}
            <button className="btn small" onClick={() => onAblate([])} data-testid="fourier-restore">
              Restore all
            </button>
          </>
        ) : (
          'Click a bar to remove that frequency from the embeddings and see the accuracy without it (evaluation only).'
        )}
      </p>
    </div>
  );
}

interface Props {
  store: RunStore;
  frame: StepFrame;
  height: number | 'fill';
  onAblate(frequencies: number[]): void;
  /** Steps between Fourier views, for the caption. */
  every: number;
}

export function FourierChart(props: Props) {
  return props.height === 'fill' ? <FourierFill {...props} /> : <FourierPage {...props} />;
}

/**
 * Presentation mode: no room for the lines over training, so the screen goes to what a class looks
 * at, the spectrum now and one unit's cosine, each half of the height the layout gives.
 */
function FourierFill({ store, onAblate }: Props) {
  const [ref, , boxHeight] = useElementSize<HTMLDivElement>();
  const { fourier: last, embedding } = store.views();
  // What is left after the ablation line (two lines at presentation sizes, with margins), halved.
  const half = Math.max(60, (boxHeight - 100) / 2);
  return (
    <div className="fourier-panel fill" data-testid="chart-fourier">
      <div className="chart-head">
        <span className="chart-title">Fourier view: what the network learned</span>
        {last && (
          <span className="chart-readout" data-testid="fourier-readout">
            key frequencies <b>{last.keyFrequencies.join(', ') || 'none (spread over many)'}</b>
          </span>
        )}
      </div>
      <div ref={ref} className="fourier-fill-body">
        {last && boxHeight > 0 && store.config && (
          <>
            <Spectrum row={last} ablated={store.ablated} ablation={store.ablation} onAblate={onAblate} height={half} />
            <NeuronView row={last} embedding={embedding} model={store.config.model} p={store.config.p} width={store.config.width} plotOnly={half} />
          </>
        )}
      </div>
    </div>
  );
}

function FourierPage({ store, frame, height, onAblate, every }: Props) {
  const rows = store.fourier;
  // The latest view, or the one at the checkpoint the reader scrubbed to.
  const { fourier: last, embedding } = store.views();
  const steps = rows.map((r) => r.step);
  return (
    <div className="fourier-panel" data-testid="chart-fourier">
      <LineChart
        testId="chart-fourier-concentration"
        title="Fourier view: what the network learned"
        series={[
          { label: 'top 5 frequencies’ share of embedding power', color: COLORS.norm, x: steps, y: rows.map((r) => r.top5Share) },
          { label: 'mean share of a unit’s own frequency', color: COLORS.llc, x: steps, y: rows.map((r) => r.topFrequencyShare) },
          ...comparedSeries(store, (r) => r.progress, [
            ['top 5', COLORS.norm, (e) => e.top5Share],
            ['unit’s own', COLORS.llc, (e) => e.topFrequencyShare],
          ]),
        ]}
        {...frame}
        yKind="linear"
        yDomain={[0, 1]}
        yFormat={(v) => `${Math.round(v * 100)}%`}
        yLabel="share"
        height={height}
        readout={
          last && (
            <span data-testid="fourier-readout">
              a unit&apos;s own frequency <b>{formatPct(last.topFrequencyShare)}</b> · key frequencies{' '}
              <b>{last.keyFrequencies.join(', ') || 'none (spread over many)'}</b>
            </span>
          )
        }
        note={
          <>
            A network that has grokked a ∘ b mod p represents each residue a by cos and sin of 2πka/p for a few key
            frequencies k (Nanda et al. 2023): each hidden unit settles on one frequency, and in the transformer the power
            gathers on a few. The quadratic network spreads its units over many frequencies, so its key set stays empty
            while each unit still becomes single-frequency (Gromov 2023). Bars: power per frequency now (key ones in colour);
            lines: how concentrated it became; squares: each unit's own frequency. Measured from the weights every{' '}
            {formatInt(every)} steps.
          </>
        }
      />
      {last && <Spectrum row={last} ablated={store.ablated} ablation={store.ablation} onAblate={onAblate} />}
      {last && store.config && <NeuronView row={last} embedding={embedding} model={store.config.model} p={store.config.p} width={store.config.width} />}
    </div>
  );
}
