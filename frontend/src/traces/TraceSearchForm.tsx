'use client';

import { useEffect, useState } from 'react';
import styles from './traces.module.css';

/** The form's fields as the query string holds them (text, so a bad value is shown as typed). */
export interface SearchFormValues {
  service: string;
  operation: string;
  tags: string;
  minDuration: string;
  maxDuration: string;
  lookback: string;
  limit: string;
  error: boolean;
}

const LOOKBACKS = ['5m', '15m', '1h', '6h', '1d', '2d'];

/** A service's operations as the store knows them, read again when the service changes. */
function useOperations(service: string, initial: { service: string; operations: string[] }): string[] {
  const [loaded, setLoaded] = useState(initial);
  useEffect(() => {
    if (service === '' || service === loaded.service) return;
    const controller = new AbortController();
    fetch(`/api/traces/operations?${new URLSearchParams({ service }).toString()}`, { signal: controller.signal })
      .then((response) => response.json() as Promise<{ operations?: string[] }>)
      .then((body) => setLoaded({ service, operations: body.operations ?? [] }))
      .catch(() => undefined);
    return () => controller.abort();
  }, [service, loaded.service]);
  return service === '' || service !== loaded.service ? [] : loaded.operations;
}

/**
 * The search, like Jaeger UI's: service and operation from the store, attribute
 * filters, durations, lookback, limit, errors only. A plain GET form to /traces,
 * so every search is a link. The attribute field takes `key=value` filters
 * separated by spaces and sends each as its own `tag` parameter.
 */
export function TraceSearchForm({ values, services, operations }: { values: SearchFormValues; services: string[]; operations: string[] }) {
  const [service, setService] = useState(values.service);
  const known = useOperations(service, { service: values.service, operations });
  const [tags, setTags] = useState(values.tags);
  const serviceChoices = values.service && !services.includes(values.service) ? [values.service, ...services] : services;
  const operationChoices = values.operation && service === values.service && !known.includes(values.operation) ? [values.operation, ...known] : known;
  const lookbacks = LOOKBACKS.includes(values.lookback) ? LOOKBACKS : [values.lookback, ...LOOKBACKS];

  return (
    <form className={`card ${styles.form}`} action="/traces" method="get" data-testid="trace-search-form">
      <label className={styles.field}>
        service
        <select name="service" value={service} onChange={(event) => setService(event.target.value)}>
          <option value="">any</option>
          {serviceChoices.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label className={styles.field}>
        operation
        <select name="operation" defaultValue={service === values.service ? values.operation : ''} key={service}>
          <option value="">any</option>
          {operationChoices.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label className={`${styles.field} ${styles.wide}`}>
        attributes (key=value, space separated)
        <input value={tags} onChange={(event) => setTags(event.target.value)} placeholder="demo.scenarios=slow-query session.id=…" />
      </label>
      {/* One `tag` parameter per filter, as the query string takes them. */}
      {tags
        .split(/\s+/)
        .filter((tag) => tag !== '')
        .map((tag, index) => (
          <input key={`${index}-${tag}`} type="hidden" name="tag" value={tag} />
        ))}
      <label className={styles.field}>
        min duration
        <input name="minDuration" defaultValue={values.minDuration} placeholder="e.g. 500ms" />
      </label>
      <label className={styles.field}>
        max duration
        <input name="maxDuration" defaultValue={values.maxDuration} placeholder="e.g. 2s" />
      </label>
      <label className={styles.field}>
        lookback
        <select name="lookback" defaultValue={values.lookback}>
          {lookbacks.map((lookback) => (
            <option key={lookback} value={lookback}>
              last {lookback}
            </option>
          ))}
        </select>
      </label>
      <label className={styles.field}>
        limit
        <input name="limit" defaultValue={values.limit} inputMode="numeric" />
      </label>
      <label className={`${styles.field} ${styles.check}`}>
        <input type="checkbox" name="error" value="true" defaultChecked={values.error} />
        errors only
      </label>
      <div />
      <div />
      <button className={styles.submit} type="submit">
        Find traces
      </button>
    </form>
  );
}
