import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { QuickwitLogStore, detectBackends, readBackendConfig } from '../src/index';
import { startFakeBackend, unusedPort, type FakeBackend } from '../testing/fake-backend';

describe('readBackendConfig', () => {
  it('reads the variables, and treats unset or empty as "find it"', () => {
    assert.deepEqual(readBackendConfig({}), {});
    assert.deepEqual(readBackendConfig({ TRACE_STORE: '', LOG_STORE_URL: '' }), {});
    assert.deepEqual(
      readBackendConfig({
        TRACE_STORE: 'tempo',
        TRACE_STORE_URL: 'http://tempo:3200',
        LOG_STORE_URL: 'http://127.0.0.1:7280/',
        PROMETHEUS_URL: 'http://prometheus:9090',
        UNRELATED: 'x',
      }),
      {
        traceStore: { kind: 'tempo', url: 'http://tempo:3200' },
        logStore: { kind: undefined, url: 'http://127.0.0.1:7280/' },
        prometheusUrl: 'http://prometheus:9090',
      },
    );
  });

  it('names every bad variable and what it accepts', () => {
    assert.throws(
      () => readBackendConfig({ TRACE_STORE: 'zipkin', LOG_STORE: 'loki', PROMETHEUS_URL: 'localhost:9090', TRACE_STORE_URL: 'ftp://x' }),
      (error: unknown) => {
        assert.ok(error instanceof Error);
        assert.match(error.message, /TRACE_STORE: TRACE_STORE must be one of: jaeger, tempo \(got "zipkin"\)/);
        assert.match(error.message, /LOG_STORE: LOG_STORE must be one of: victorialogs, quickwit \(got "loki"\)/);
        assert.match(error.message, /PROMETHEUS_URL: PROMETHEUS_URL must be an http\(s\) URL .* \(got "localhost:9090"\)/);
        assert.match(error.message, /TRACE_STORE_URL: TRACE_STORE_URL must be an http\(s\) URL/);
        return true;
      },
    );
  });
});

describe('detectBackends', () => {
  let jaegerLike: FakeBackend;
  let tempoLike: FakeBackend;
  let quickwitLike: FakeBackend;
  before(async () => {
    [jaegerLike, tempoLike, quickwitLike] = await Promise.all([startFakeBackend(), startFakeBackend(), startFakeBackend()]);
    jaegerLike.route('GET /api/v3/services', { body: { services: [] } });
    jaegerLike.route('GET /ready', { body: 'ready' });
    jaegerLike.route('GET /health', { body: 'OK' });
    tempoLike.route('GET /ready', { body: 'ready' });
    quickwitLike.route('GET /health/readyz', { body: true });
  });
  after(() => Promise.all([jaegerLike.close(), tempoLike.close(), quickwitLike.close()]));

  it('takes the kind that answers at a configured URL, preferring Jaeger and VictoriaLogs', async () => {
    const found = await detectBackends({ traceStore: { url: jaegerLike.url }, logStore: { url: jaegerLike.url }, prometheusUrl: 'http://127.0.0.1:1' });
    assert.equal(found.traceStore.kind, 'jaeger');
    assert.equal(found.logStore.kind, 'victorialogs');
    assert.equal(found.metricStore.baseUrl, 'http://127.0.0.1:1');
    const tempo = await detectBackends({ traceStore: { url: tempoLike.url }, logStore: { url: quickwitLike.url } });
    assert.equal(tempo.traceStore.displayName, 'Tempo');
    assert.equal(tempo.logStore.displayName, 'Quickwit');
    assert.equal(tempo.logStore.searchUiUrl('4bf92f3577b34da6a3ce929d0e0e4736'), undefined, 'this Quickwit has no UI');
  });

  it('links to the Quickwit UI when that Quickwit serves one', async () => {
    quickwitLike.route('GET /ui/search', { body: '<!doctype html>', contentType: 'text/html; charset=utf-8' });
    const { logStore } = await detectBackends({ traceStore: { kind: 'jaeger' }, logStore: { kind: 'quickwit', url: quickwitLike.url } });
    assert.ok(logStore instanceof QuickwitLogStore);
    assert.equal(logStore.hasUi, true);
  });

  it('takes a configured kind without probing it', async () => {
    const nothing = `http://127.0.0.1:${await unusedPort()}`;
    const found = await detectBackends({ traceStore: { kind: 'tempo', url: nothing }, logStore: { kind: 'victorialogs', url: nothing } });
    assert.equal(found.traceStore.kind, 'tempo');
    assert.equal(found.traceStore.baseUrl, nothing);
    assert.equal(found.logStore.kind, 'victorialogs');
    const defaults = await detectBackends({ traceStore: { kind: 'jaeger' }, logStore: { kind: 'quickwit' } }, undefined, { logStoreOptions: { hasUi: false } });
    assert.equal(defaults.traceStore.baseUrl, 'http://127.0.0.1:16686');
    assert.equal(defaults.logStore.baseUrl, 'http://127.0.0.1:7280');
    assert.equal(defaults.metricStore.baseUrl, 'http://127.0.0.1:9090');
  });

  it("is not fooled by Jaeger's UI placeholder, which answers 200 HTML on every path", async () => {
    const html = { body: '<!DOCTYPE html><title>Test Page</title>', contentType: 'text/html; charset=utf-8' };
    const placeholder = await startFakeBackend();
    try {
      for (const path of ['/ready', '/health', '/health/readyz', '/-/ready']) placeholder.route(`GET ${path}`, html);
      await assert.rejects(detectBackends({ traceStore: { kind: 'jaeger' }, logStore: { url: placeholder.url } }), /No log store answered\. Probed: VictoriaLogs at .*\/health \(HTTP 200 but not VictoriaLogs's answer: <!DOCTYPE html>.*\); Quickwit at .*\/health\/readyz \(HTTP 200 but not Quickwit's answer/);
      await assert.rejects(detectBackends({ traceStore: { url: placeholder.url }, logStore: { kind: 'quickwit' } }), /Tempo at .*\/ready \(HTTP 200 but not Tempo's answer/);
      const { metricStore } = await detectBackends({ traceStore: { kind: 'jaeger' }, logStore: { kind: 'victorialogs' }, prometheusUrl: placeholder.url });
      assert.equal(await metricStore.isReady(), false);
    } finally {
      await placeholder.close();
    }
  });

  it('says what it probed when nothing answers', async () => {
    const nothing = `http://127.0.0.1:${await unusedPort()}`;
    await assert.rejects(detectBackends({ traceStore: { url: nothing }, logStore: { kind: 'victorialogs' } }), (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.match(error.message, /^No trace store answered\. Probed: Jaeger at http:\/\/127\.0\.0\.1:\d+\/api\/v3\/services \(connect ECONNREFUSED [\d.:]+\); Tempo at http:\/\/127\.0\.0\.1:\d+\/ready \(connect ECONNREFUSED/);
      assert.match(error.message, /set TRACE_STORE \/ TRACE_STORE_URL\.$/);
      return true;
    });
  });

  it('names both stores when neither answers', async () => {
    const nothing = `http://127.0.0.1:${await unusedPort()}`;
    await assert.rejects(
      detectBackends({ traceStore: { url: nothing }, logStore: { url: nothing } }),
      /No trace store answered\. Probed: Jaeger .*\nNo log store answered\. Probed: VictoriaLogs at .*\/health .*; Quickwit at .*\/health\/readyz /,
    );
  });

  it('stops probing when the caller aborts', async () => {
    const nothing = `http://127.0.0.1:${await unusedPort()}`;
    await assert.rejects(detectBackends({ traceStore: { url: nothing } }, AbortSignal.abort(new Error('cancelled by caller'))), /cancelled by caller/);
  });
});
