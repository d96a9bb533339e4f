import { isTraceId, TRACE_SEARCH_BOUNDS } from '@o11y-demo/telemetry-query';
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { readObservabilityOverview } from '../../backends/observability-overview';
import { SiteHeader } from '../../components/SiteHeader';
import { excerpt } from '../../server/api-errors';
import { DurationScatter } from '../../traces/DurationScatter';
import { toUrlSearch } from '../../traces/page-search';
import { readSearchChoices, runTraceSearch } from '../../traces/run-trace-search';
import { parseSearchParams } from '../../traces/search-params';
import { TraceResultList } from '../../traces/TraceResultList';
import { TraceSearchForm, type SearchFormValues } from '../../traces/TraceSearchForm';
import styles from '../../traces/traces.module.css';

// Every render searches the store now.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Trace search · o11y-demo' };

const EXAMPLE = '/traces?service=worker&minDuration=500ms&lookback=15m';

function formValues(search: URLSearchParams): SearchFormValues {
  const one = (key: string) => search.get(key) ?? '';
  return {
    service: one('service'),
    operation: one('operation'),
    tags: search.getAll('tag').join(' '),
    minDuration: one('minDuration'),
    maxDuration: one('maxDuration'),
    lookback: one('lookback') || '1h',
    limit: one('limit') || String(TRACE_SEARCH_BOUNDS.defaultLimit),
    error: one('error') === 'true',
  };
}

/**
 * /traces?service=worker&operation=SELECT%20inventory&minDuration=500ms&lookback=15m&tag=demo.scenarios%3Dslow-query&error=true:
 * trace search like Jaeger UI's, on whichever trace store runs. The header's
 * box sends `?traceId=<id>`, which opens that trace.
 */
export default async function TracesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const search = toUrlSearch(await searchParams);
  const openId = search.get('traceId')?.trim();
  if (openId && isTraceId(openId)) redirect(`/traces/${openId.toLowerCase()}`);
  search.delete('traceId');

  const parsed = parseSearchParams(search, false);
  const [overview, choices, answer] = await Promise.all([
    readObservabilityOverview(),
    readSearchChoices(parsed.ok ? parsed.value.service : undefined),
    parsed.ok ? runTraceSearch(parsed.value) : undefined,
  ]);
  const store = overview.stores.traces.name;

  return (
    <>
      <SiteHeader links={overview.links} />
      <main className="page">
        <div className={styles.intro}>
          <h1>Trace search</h1>
          <p>
            The newest traces in {store} with a span that meets every condition at once: its service, its name, its attributes (its own
            or its resource&apos;s), its duration, its status. Each result opens the trace with its logs and metrics.
          </p>
        </div>
        {openId !== undefined && (
          <p className={styles.problem} role="alert" data-testid="trace-id-error">
            &quot;{excerpt(openId, 64)}&quot; is not a trace id: expected 32 hex digits, not all zeros.
          </p>
        )}
        <TraceSearchForm values={formValues(search)} services={choices.services} operations={choices.operations} />
        {!parsed.ok && (
          <div className={styles.problem} role="alert" data-testid="search-error">
            <p>{parsed.message}</p>
            <p>
              For example <a href={EXAMPLE}>{EXAMPLE}</a>.
            </p>
          </div>
        )}
        {answer?.state === 'unreachable' && (
          <p className={styles.problem} role="alert" data-testid="search-error">
            {answer.store} did not answer the search: {answer.error}
          </p>
        )}
        {answer?.state === 'answered' && (
          <section className={styles.card} data-testid="trace-search-results" data-count={answer.traces.length}>
            <p className={styles.summary} data-testid="search-summary">
              {answer.traces.length === 0 ? 'No trace found' : `${answer.traces.length} trace${answer.traces.length === 1 ? '' : 's'}`} in{' '}
              {store}, {answer.tookMs} ms
              {answer.filteredHere &&
                ` · attributes and errors filtered here among the newest ${answer.filteredHere.scanned} traces ${store} found (its HTTP API takes no attribute filter; it was asked for ${answer.filteredHere.searchDepth})`}
              {' · '}
              <code className={styles.storeQuery} title={`what ${store} was asked`}>
                {answer.storeQuery}
              </code>
            </p>
            {answer.traces.length > 0 && (
              <>
                <DurationScatter points={answer.traces} range={answer.window} />
                <TraceResultList traces={answer.traces} />
              </>
            )}
          </section>
        )}
      </main>
      <footer className="page-footer" data-testid="footer">
        Searches {store} through the page&apos;s own server; at most {TRACE_SEARCH_BOUNDS.maxLimit} traces and{' '}
        {TRACE_SEARCH_BOUNDS.maxLookbackMs / 86_400_000} days back.
      </footer>
    </>
  );
}
