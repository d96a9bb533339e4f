import styles from '../../../traces/traces.module.css';

/** What /traces/<anything but a trace id> answers, with a 404. */
export default function NotATraceId() {
  return (
    <main className="page">
      <h1>Not a trace id</h1>
      <p className={styles.problem} role="alert" data-testid="trace-id-error">
        /traces/&lt;trace id&gt; takes a W3C trace id: 32 hex digits, not all zeros, e.g. /traces/4bf92f3577b34da6a3ce929d0e0e4736.
      </p>
      <p>
        <a href="/traces">Search traces</a> · <a href="/">the demo page</a>
      </p>
    </main>
  );
}
