// Worker threads on Node 20 do not inherit the parent's TypeScript loader: register tsx, then load the worker.
import { register } from 'tsx/esm/api';

register();
await import('./spec-fuzz-worker.ts');
