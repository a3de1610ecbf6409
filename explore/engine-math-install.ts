/** Installs node's Math.exp and Math.log in this realm (src/explore/engine-math.ts); import it before the model. */
import { installNodeMath } from '../src/explore/engine-math.js';

installNodeMath(Math);
