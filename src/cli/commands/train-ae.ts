/** `kielo train ae`: see train-generative.ts. */
import { trainGenerativeCommand } from './train-generative';

export const command = trainGenerativeCommand('ae');
