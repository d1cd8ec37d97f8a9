/**
 * When each meter's signal fired in this run, and how many steps before test accuracy left the
 * plateau, passed 50%, 95% and 99%: measured leads, signed (negative: the meter came late).
 */
import type { Leads } from '../core/leads';
import { LEAD_TARGETS, LLC_SIGNAL_SHARE } from '../core/leads';
import { formatInt, formatSigned as signed } from './format';

const at = (v: number | null) => (v === null ? '—' : formatInt(v));

export function MeterLeads({ leads, threshold }: { leads: Leads; threshold: number }) {
  const { events } = leads;
  const rows = [
    { id: 'llc', label: `λ̂ ≤ ${100 * LLC_SIGNAL_SHARE}% of its converged peak`, step: events.llcSignal, lead: leads.llc },
    { id: 'entropy', label: `H̃ < ${threshold.toFixed(3)}`, step: events.entropySignal, lead: leads.entropy },
  ];
  return (
    <table className="leads small" data-testid="meter-leads">
      <caption>
        This run's leads, in steps (event − signal; negative: the meter came late). Test accuracy left the plateau at{' '}
        {at(events.rise)}, passed 50% at {at(events.half)}, 95% at {at(events.grok)} and 99% at {at(events.full)}. A lead is a forecast only if the
        signal stays quiet where grokking never comes: on cross-entropy the LLC signal fires at the same step on the no-decay
        control (npm run cli -- leads --preset no-decay, 3 seeds).
      </caption>
      <thead>
        <tr>
          <th scope="col">signal, after memorizing</th>
          <th scope="col">at step</th>
          {LEAD_TARGETS.map((t) => (
            <th key={t.key} scope="col">
              to {t.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-testid={`lead-${r.id}`}>
            <th scope="row">{r.label}</th>
            <td>{at(r.step)}</td>
            {LEAD_TARGETS.map((t) => (
              <td key={t.key}>{signed(r.lead[t.key])}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
