import type { Page } from 'playwright-core';

/**
 * Everything in the rendered page (through every shadow root) that could run script or load
 * from elsewhere: script-ish elements, on* attributes, and non-http(s)/mailto link targets.
 * The CSP would block most of these from running, so the DOM itself is checked, not only effects.
 */
export function dangerousNodes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const BAD = new Set(['script', 'iframe', 'object', 'embed', 'style', 'svg', 'math', 'form', 'base', 'link', 'meta', 'img', 'video', 'audio', 'source']);
    // User HTML lives only inside <haven-post-body>; elsewhere our own forms and links are expected.
    const visit = (root: Document | ShadowRoot, inBody: boolean): void => {
      for (const el of Array.from(root.querySelectorAll('*'))) {
        const name = el.localName;
        if (inBody && BAD.has(name)) found.push(`<${name}>`);
        for (const attr of Array.from(el.attributes)) {
          if (/^on/i.test(attr.name)) found.push(`${name}[${attr.name}]`);
          if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(attr.name)) {
            const value = attr.value.trim();
            if (!/^(https?:|mailto:|\/|#|blob:)/i.test(value) && value !== '') found.push(`${name}[${attr.name}=${value.slice(0, 40)}]`);
          }
        }
        if (el.shadowRoot) visit(el.shadowRoot, name === 'haven-post-body');
      }
    };
    visit(document, false);
    return found;
  });
}
