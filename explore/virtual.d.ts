/** Modules the page build (scripts/build-explore.mjs) provides. */
declare module 'virtual:povsim-catalogue' {
  import type { ShippedScenario } from '../src/explore/catalogue.js';
  const scenarios: readonly ShippedScenario[];
  export default scenarios;
}
declare module 'virtual:povsim-worker' {
  /** The worker's script (a classic script), started from a Blob URL so it works from file://. */
  const source: string;
  export default source;
}
declare const __POVSIM_VERSION__: string;
