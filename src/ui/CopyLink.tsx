/** Copies the page's address, which always holds every setting, to the clipboard. */
import { useState } from 'react';

export function CopyLink() {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setState('copied');
    } catch {
      // No clipboard permission (e.g. an insecure context): show the address to copy by hand.
      window.prompt('Copy this link:', window.location.href);
      setState('failed');
    }
    setTimeout(() => setState('idle'), 2000);
  };
  return (
    <button className="btn" onClick={copy} data-testid="copy-link" aria-live="polite">
      {state === 'copied' ? '✓ Link copied' : 'Copy link'}
    </button>
  );
}
