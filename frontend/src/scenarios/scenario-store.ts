import { observableValue } from '../telemetry/observable-value';

/** One scenario as node-api's `GET /scenarios` describes it. */
interface ScenarioInfo {
  name: string;
  title: string;
  /** Where it acts: 'node-api', 'worker' or 'frontend' (this page). */
  service: string;
  description: string;
  signals: string[];
  active: boolean;
}

export interface ScenarioSnapshot {
  /** 'loading' until the first poll answers; 'unreachable' while node-api does not (or not as expected). */
  reach: 'loading' | 'ok' | 'unreachable';
  scenarios: ScenarioInfo[];
  /**
   * The names switched on. While node-api cannot be asked this is empty: the
   * page would rather behave normally than act on a switch that may have
   * been turned off (or lost with a restart of node-api) since it last looked.
   */
  active: readonly string[];
  /** Why node-api could not be read, when `reach` is 'unreachable'. */
  readError?: string;
  /** Why the visitor's last switch did not go through, until the next one does. */
  switchError?: string;
}

/**
 * The one place the page keeps what node-api says about scenarios. The
 * scenarios panel polls and switches; everything else reads from here: the
 * header's badge, the browser scenarios (at the moment they would act) and
 * the span processor that stamps `demo.scenarios`, which runs outside React.
 */
export const scenarioSnapshot = observableValue<ScenarioSnapshot>({ reach: 'loading', scenarios: [], active: [] });

/** Read at the moment of acting, not from a render: a switch made a second ago counts. */
export function isScenarioActive(name: string): boolean {
  return scenarioSnapshot.get().active.includes(name);
}

/** "2 scenarios active", as the panel and the header's badge say it. */
export function activeCountText(snapshot: ScenarioSnapshot): string {
  if (snapshot.reach === 'loading') return 'asking node-api…';
  if (snapshot.reach === 'unreachable') return 'state unknown';
  const count = snapshot.active.length;
  if (count === 0) return 'none active';
  return `${count} scenario${count === 1 ? '' : 's'} active`;
}
