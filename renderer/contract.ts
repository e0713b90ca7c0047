/**
 * The renderer's one door to the back end's contract (types, schemas-free constants). eslint.config.js means to allow
 * src/api/contract but its gitignore-style pattern ('**\/src/*' then '!**\/src/api/contract') cannot re-include a file
 * under an excluded folder, so this single import carries the exemption; every view imports from here.
 */
// eslint-disable-next-line no-restricted-imports
export * from '../src/api/contract';
