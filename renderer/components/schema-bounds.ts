/** A number field's min and max attributes read from the contract's schema, so a form never repeats a range. */
import { rangeOf } from '../contract';

/** min/max for an <input type="number"> (an exclusive lower bound, such as a learning rate > 0, gives no min). */
export function numberBounds(schema: Parameters<typeof rangeOf>[0]): { min?: number; max?: number } {
  const { min, minExclusive, max } = rangeOf(schema);
  return { ...(min !== null && !minExclusive ? { min } : {}), ...(max !== null ? { max } : {}) };
}
