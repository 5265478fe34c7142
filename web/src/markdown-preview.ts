/**
 * The composer's preview: the very markdown configuration the server renders with. This module is
 * its own lazy chunk (markdown-it), loaded only once someone starts to write.
 */
import { createMarkdown } from '../../api/markdown/config';

const md = createMarkdown();

/** Unsanitised HTML: it goes only to <haven-post-body>, which sanitises everything it shows. */
export function renderPreview(markdown: string): string {
  return md.render(markdown);
}
