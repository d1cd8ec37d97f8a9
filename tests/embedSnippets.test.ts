/** The snippets the Embed dialog hands an author: the page's settings plus the author's choices, escaped. */
import { describe, expect, it } from 'vitest';
import { embedSnippets, embedUrl } from '../src/ui/embedSnippets';

const page = 'https://host.example/grok/?p=23&lr=0.02&lesson=less-data&step=2&present=1';
const choices = { panels: ['fourier', 'accuracy'] as const, theme: 'dark' as const, captions: false, maxHeight: 600 };

describe('embed snippets', () => {
  it('carry the run settings and the choices, and leave out what belongs to the full page', () => {
    const url = embedUrl(page, { ...choices, panels: [...choices.panels] });
    expect(url.searchParams.get('panels')).toBe('fourier,accuracy');
    expect(url.searchParams.get('theme')).toBe('dark');
    expect(url.searchParams.get('captions')).toBe('0');
    expect(url.searchParams.get('height')).toBe('600');
    expect(url.searchParams.get('p')).toBe('23');
    for (const gone of ['lesson', 'step', 'present']) expect(url.searchParams.has(gone)).toBe(false);
  });

  it('leave defaults out, so links stay short', () => {
    const url = embedUrl(page, { panels: ['accuracy'], theme: 'auto', captions: true, maxHeight: null });
    for (const gone of ['theme', 'captions', 'height']) expect(url.searchParams.has(gone)).toBe(false);
  });

  it('escape values inside attributes, and the element is served from the app folder', () => {
    const s = embedSnippets('https://host.example/grok/?preset=%22%3E%3Cscript%3E', { ...choices, panels: ['accuracy'] });
    expect(s.element).toContain('<script src="https://host.example/grok/embed.js" defer></script>');
    expect(s.element).toContain('preset="&quot;&gt;&lt;script&gt;"');
    expect(s.element).not.toContain('"><script>');
    expect(s.iframe).toContain('max-height:600px');
    expect(s.iframe).toContain('height="600"');
  });
});
