/** `kielo train vae`: see train-generative.ts. */
import { trainGenerativeCommand } from './train-generative';

export const command = trainGenerativeCommand('vae');
