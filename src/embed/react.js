/*
 * grokscope/react: the embed as a React component, for MDX blogs.
 *   import { Grokscope } from 'grokscope/react';
 *   <Grokscope app="/grokscope/" preset="classic" panels={['accuracy', 'llc']} height={700} />
 * Props are the link's settings, in camelCase or as written in a link (trainFrac or "train-frac");
 * arrays are joined with commas. `app` is where the site serves the app's files (default /grokscope/);
 * `height` caps the frame, which otherwise grows to its content.
 */
import { createElement, useEffect, useRef } from 'react';
__CORE__
const kebab = (name) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export function Grokscope({ app = '/grokscope/', title, ...props }) {
  const ref = useRef(null);
  const pairs = Object.entries(props).map(([name, value]) => [kebab(name), Array.isArray(value) ? value.join(',') : value]);
  // On a server (MDX rendered ahead) there is no page address yet: a path, resolved by the browser.
  const server = typeof window === 'undefined';
  const link = embedLink(new URL(app, server ? 'http://server.invalid/' : window.location.href), pairs);
  const src = server ? link.pathname + link.search : link.toString();
  const max = Number(props.height) || Infinity;
  useEffect(() => {
    const onSize = fitFrame(ref.current, max);
    return () => window.removeEventListener('message', onSize);
  }, [max]);
  return createElement('iframe', {
    ref,
    src,
    title: title || FRAME_TITLE,
    style: { display: 'block', width: '100%', border: 0, height: Math.min(INITIAL_HEIGHT, max) },
  });
}
