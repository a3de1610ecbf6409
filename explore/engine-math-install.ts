/** Installs node's Math.exp and Math.log in this realm (engine-math.ts); import it before the model. */
import { installNodeMath } from './engine-math.js';

installNodeMath(Math);
