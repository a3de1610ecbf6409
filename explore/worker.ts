/**
 * The explorer's Web Worker: runs the model off the page's thread, so the page stays responsive.
 * Built as a classic script and started from a Blob URL (module workers and fetch are blocked on
 * file://). The work itself is src/explore/session.ts.
 */
// First: the model must see node's Math.exp and Math.log (see src/explore/engine-math.ts).
import './engine-math-install.js';
import { handleRequest, type ExploreRequest, type ExploreReport } from '../src/explore/session.js';

const scope = self as unknown as { onmessage: ((e: MessageEvent<ExploreRequest>) => void) | null; postMessage(r: ExploreReport): void };
scope.onmessage = (event) => {
  handleRequest(event.data, (report) => scope.postMessage(report), () => performance.now());
};
