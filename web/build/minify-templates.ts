import { parseAst, type Plugin } from 'vite';

interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

const css = (raw: string): string =>
  raw
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,])\s*/g, '$1')
    .replace(/:\s+/g, ':');

/** Whitespace with a line break in it renders as one space in HTML; <pre> and <textarea> are left alone. */
const markup = (raw: string): string => raw.replace(/[ \t]*\n\s*/g, ' ');

function walk(node: unknown, visit: (node: Node) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit);
    return;
  }
  if (node === null || typeof node !== 'object' || typeof (node as Node).type !== 'string') return;
  visit(node as Node);
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'type' && value !== null && typeof value === 'object') walk(value, visit);
  }
}

/**
 * Shrinks the static text of Lit's html`` and css`` templates in our own sources: indentation,
 * line breaks and CSS comments are most of their bytes and mean nothing to the browser. The
 * thread page has a weight budget (25 KB gzipped) that the readable source would overrun.
 */
export function minifyTemplates(): Plugin {
  return {
    name: 'haven-minify-templates',
    apply: 'build',
    enforce: 'post',
    transform(code, id) {
      if (!/\/web\/src\/.*\.ts$/.test(id) || !/\b(html|css)`/.test(code)) return null;
      const edits: Edit[] = [];
      walk(parseAst(code), (node) => {
        if (node.type !== 'TaggedTemplateExpression') return;
        const tag = node.tag as Node & { name?: string };
        if (tag.type !== 'Identifier' || (tag.name !== 'html' && tag.name !== 'css')) return;
        const quasi = node.quasi as Node & { quasis: (Node & { value: { raw: string } })[] };
        const raws = quasi.quasis.map((q) => q.value.raw);
        if (tag.name === 'html' && raws.some((raw) => /<(pre|textarea)\b/i.test(raw))) return;
        for (const q of quasi.quasis) {
          if (code.slice(q.start, q.end) !== q.value.raw) return; // positions not as expected: leave it
          const text = tag.name === 'css' ? css(q.value.raw) : markup(q.value.raw);
          if (text !== q.value.raw) edits.push({ start: q.start, end: q.end, text });
        }
      });
      if (edits.length === 0) return null;
      let out = code;
      for (const edit of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
      return { code: out, map: null };
    },
  };
}
