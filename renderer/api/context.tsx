/** The KieloApi the views use, provided once at the root (Electron bridge, browser client, or a test fake). */
import { createContext, useContext } from 'react';
import type { KieloApi } from '../contract';

/** React context holding the API. */
export const ApiContext = createContext<KieloApi | null>(null);

/** The API; throws when used outside ApiContext. */
export function useApi(): KieloApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside <ApiContext>');
  return api;
}
