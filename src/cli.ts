/** Program entry (bundled to dist/cli.js); the CLI itself lives in cli/run.ts so tests can import it. */
import { main } from './cli/run.js';

await main();
