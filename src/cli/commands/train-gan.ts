/** `kielo train gan`: see train-generative.ts. */
import { trainGenerativeCommand } from './train-generative';

export const command = trainGenerativeCommand('gan');
