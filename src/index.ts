/** The action's entry: only runs `run()`, which handles its own errors. */
import { run } from './action.js';

await run();
