/**
 * When each meter's signal fired in this run, and how many steps before test accuracy left the
 * plateau, passed 50% and passed 95%: measured leads, signed (negative: the meter came late).
 */
import type { Leads } from '../core/leads';
import { LLC_SIGNAL_SHARE } from '../core/leads';
import { formatInt } from './format';

const signed = (v: number | null) => (v === null ? '—' : v > 0 ? `+${formatInt(v)}` : formatInt(v));
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
        {at(events.rise)}, passed 50% at {at(events.half)} and 95% at {at(events.grok)}. A lead is a forecast only if the
        signal stays quiet where grokking never comes: on cross-entropy the LLC signal fires at the same step on the no-decay
        control (npm run cli -- leads --preset no-decay, 3 seeds).
      </caption>
      <thead>
        <tr>
          <th scope="col">signal, after memorizing</th>
          <th scope="col">at step</th>
          <th scope="col">to the rise</th>
          <th scope="col">to 50%</th>
          <th scope="col">to 95%</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-testid={`lead-${r.id}`}>
            <th scope="row">{r.label}</th>
            <td>{at(r.step)}</td>
            <td>{signed(r.lead.toRise)}</td>
            <td>{signed(r.lead.toHalf)}</td>
            <td>{signed(r.lead.toGrok)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
