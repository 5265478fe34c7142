/**
 * Render cost of the markdown pipeline: typical posts, and the slowest hostile inputs
 * (deep nesting, long runs of emphasis markers) that a member could send at the size limit.
 */
import { renderMarkdown } from '../api/markdown/render';
import { HOSTILE_INPUTS } from '../tests/helpers/hostile-inputs';

function time(body: string, rounds: number): number {
  const started = performance.now();
  for (let i = 0; i < rounds; i++) renderMarkdown(body);
  return (performance.now() - started) / rounds;
}

renderMarkdown('warm up *the* pipeline');
const typical = 'I have been carrying this for a long time.\n\n'.repeat(20) + '> a quote\n\n- one\n- two\n\n[a link](https://example.org)';
console.log(`typical post (${typical.length} chars): ${time(typical, 200).toFixed(2)} ms per render`);

const results = HOSTILE_INPUTS.map(({ name, body }) => ({ name, chars: body.length, ms: time(body, 3) }));
results.sort((a, b) => b.ms - a.ms);
console.log('slowest hostile inputs:');
for (const r of results.slice(0, 5)) console.log(`  ${r.ms.toFixed(1).padStart(7)} ms  ${r.chars} chars  ${r.name}`);
