type Listener = () => void;

/**
 * A value the page can watch with React's `useSyncExternalStore`. It lets the
 * telemetry modules tell the UI what they see (collector reachability, web
 * vitals, reported exceptions) without importing React.
 */
// Function-typed properties rather than methods: React receives `get` and `subscribe` unbound.
export interface ObservableValue<T> {
  get: () => T;
  set: (next: T) => void;
  subscribe: (listener: Listener) => () => void;
}

export function observableValue<T>(initial: T): ObservableValue<T> {
  let current = initial;
  const listeners = new Set<Listener>();
  return {
    get: () => current,
    set(next) {
      if (Object.is(next, current)) return;
      current = next;
      listeners.forEach((listener) => listener());
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
