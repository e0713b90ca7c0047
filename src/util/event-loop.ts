/** Lets pending timers and messages run: long loops whose awaits resolve as microtasks would otherwise starve them. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}
