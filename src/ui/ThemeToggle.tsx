/** Auto (the system's choice), light, dark: one button that cycles, saying what it is now. */
import { THEMES, type Theme } from '../core/url';
import type { ResolvedTheme } from './theme';

const LABELS: Record<Theme, string> = { auto: 'Theme: auto', light: 'Theme: light', dark: 'Theme: dark' };

export function ThemeToggle({ theme, resolved, onTheme }: { theme: Theme; resolved: ResolvedTheme; onTheme(theme: Theme): void }) {
  const next = THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length];
  return (
    <button
      className="btn"
      onClick={() => onTheme(next)}
      data-testid="theme"
      data-resolved={resolved}
      aria-label={LABELS[theme]}
      title={`Colours: ${theme === 'auto' ? `following the system (${resolved} now)` : theme}. Click for ${next}.`}
    >
      {/* On a phone the word goes (CSS), so the lesson menu next to it keeps room for its name. */}
      <span className="theme-word">Theme: </span>
      {theme}
    </button>
  );
}
