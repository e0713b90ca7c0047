/** The renderer's one door to the back end's contract (types, schema-free constants): every view imports from here. */
export * from '../src/api/contract';
