'use client';

import { useEffect, useSyncExternalStore } from 'react';
import { refreshScenarios, SCENARIO_POLL_INTERVAL_MS } from './scenario-api';
import { scenarioSnapshot, type ScenarioSnapshot } from './scenario-store';

// The server cannot know what node-api will say: it renders "asking", and so
// does the browser's first render, which hydration requires to match.
const SERVER_SNAPSHOT: ScenarioSnapshot = { reach: 'loading', scenarios: [], active: [] };

export function useScenarioSnapshot(): ScenarioSnapshot {
  return useSyncExternalStore(scenarioSnapshot.subscribe, scenarioSnapshot.get, () => SERVER_SNAPSHOT);
}

/**
 * Keeps the snapshot current: GET /scenarios now and then every few seconds,
 * one request at a time. Only the scenarios panel calls this, so the page
 * polls once however many parts of it read the result.
 */
export function useScenarioPolling(nodeApiUrl: string): void {
  useEffect(() => {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      await refreshScenarios(nodeApiUrl, abort.signal);
      if (!abort.signal.aborted) timer = setTimeout(() => void poll(), SCENARIO_POLL_INTERVAL_MS);
    };
    void poll();
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [nodeApiUrl]);
}
