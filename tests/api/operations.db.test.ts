import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE } from '../helpers/database';
import { buildTestApp, type TestApp } from '../helpers/app';

describe(`operations on ${ENGINE}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('answers health and readiness', async () => {
    expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
  });

  it('lists the seeded boards', async () => {
    const response = await t.app.inject({ url: '/api/boards' });
    expect(response.statusCode).toBe(200);
    const slugs = response.json<{ items: { slug: string }[] }>().items.map((b) => b.slug);
    expect(slugs).toEqual(['introductions', 'anxiety-and-stress', 'grief-and-loss', 'recovery', 'loneliness', 'just-need-to-vent']);
  });

  it('lists the crisis resources from the config file', async () => {
    const response = await t.app.inject({ url: '/api/resources' });
    expect(response.json<{ items: { name: string; url: string }[] }>().items.length).toBeGreaterThan(2);
  });

  it('serves an OpenAPI document of the routes', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/boards');
  });

  it.each([
    ['an unknown route', { method: 'GET' as const, url: '/api/no-such-thing' }, 404, 'not_found'],
    ['bad JSON', { method: 'POST' as const, url: '/api/boards', payload: '{"slug":', headers: { 'content-type': 'application/json' } }, 400, 'invalid_json'],
    ['a body that is too large', { method: 'POST' as const, url: '/api/boards', payload: JSON.stringify({ slug: 'x'.repeat(300_000) }), headers: { 'content-type': 'application/json' } }, 413, 'payload_too_large'],
    ['an admin route without a session', { method: 'POST' as const, url: '/api/boards', payload: { slug: 'new-board', name: 'N', description: '' } }, 401, 'unauthorized'],
    ['a forged session cookie', { method: 'GET' as const, url: '/api/boards', headers: { cookie: 'haven_session=eyJhbGciOiJub25lIn0.eyJzaWQiOiJ4In0.' } }, 200, undefined],
  ])('answers %s in the contract shape', async (_name, request, status, code) => {
    const response = await t.app.inject(request);
    expect(response.statusCode).toBe(status);
    if (code) expect(response.json()).toEqual({ error: { code, message: expect.any(String) } });
  });

  it('never sends a stack trace', async () => {
    const response = await t.app.inject({ method: 'PATCH', url: '/api/boards/%00%27;drop', payload: { name: 1 } });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(response.body).not.toMatch(/at .*\.ts:\d+/);
  });
});
