import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/**
 * Renders a page component to a complete HTML document. preact-render-to-string escapes every
 * text and attribute value, which is why user text is always passed as children or props.
 */
export function renderPage(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}
