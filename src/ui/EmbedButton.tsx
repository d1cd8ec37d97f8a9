/** The Embed button: opens the dialog with the page's current view as the starting choices. */
import { useState } from 'react';
import type { Panel } from '../core/panels';
import type { Theme } from '../core/url';
import { EmbedDialog } from './EmbedDialog';

/** What an embed shows unless the author picks otherwise: the story in two panels. */
const DEFAULT_EMBED_PANELS: Panel[] = ['accuracy', 'llc'];

export function EmbedButton({ theme }: { theme: Theme }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button className="btn" onClick={() => setOpen(true)} data-testid="embed-button">
        Embed
      </button>
      {open && <EmbedDialog initial={{ panels: DEFAULT_EMBED_PANELS, theme, captions: true, maxHeight: null }} onClose={() => setOpen(false)} />}
    </>
  );
}
