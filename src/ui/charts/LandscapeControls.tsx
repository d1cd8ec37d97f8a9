/** The landscape's settings bar: plane, train or test loss, grid size, span, refresh. */
import { PLANES, type LandscapeSettings, type PlaneKind } from '../../core/landscape/settings';

const PLANE_LABELS: Record<PlaneKind, string> = {
  basin: 'Basin plane: init, memorized, now',
  pca: 'PCA of the training path',
  random: 'Random directions (filter-normalized)',
};

export function LandscapeControls({ settings, onSettings }: { settings: LandscapeSettings; onSettings(next: LandscapeSettings): void }) {
  return (
    <>
          <select
            aria-label="Plane"
            value={settings.plane}
            data-testid="landscape-plane"
            onChange={(e) => onSettings({ ...settings, plane: e.target.value as PlaneKind })}
          >
            {PLANES.map((p) => (
              <option key={p} value={p}>
                {PLANE_LABELS[p]}
              </option>
            ))}
          </select>
          <span className="segmented" role="group" aria-label="Loss on">
            {(['train', 'test'] as const).map((s) => (
              <button
                key={s}
                className={`btn small ${settings.split === s ? 'active' : ''}`}
                aria-pressed={settings.split === s}
                data-testid={`landscape-${s}`}
                onClick={() => onSettings({ ...settings, split: s })}
              >
                {s} loss
              </button>
            ))}
          </span>
          <label className="threshold-input">
            grid{' '}
            <select aria-label="Grid size" value={settings.size} onChange={(e) => onSettings({ ...settings, size: Number(e.target.value) })}>
              {[15, 21, 31, 41, 51].map((g) => (
                <option key={g} value={g}>
                  {g}×{g}
                </option>
              ))}
            </select>
          </label>
          <label className="threshold-input">
            span{' '}
            <input
              type="number"
              aria-label="Span"
              min={0.1}
              max={20}
              step={0.25}
              defaultValue={settings.span}
              onChange={(e) => {
                const v = Number(e.target.value);
                if (v > 0 && v <= 20) onSettings({ ...settings, span: v });
              }}
            />
          </label>
          <button className="btn small" data-testid="landscape-refresh" onClick={() => onSettings({ ...settings })}>
            Refresh
          </button>
    </>
  );
}
