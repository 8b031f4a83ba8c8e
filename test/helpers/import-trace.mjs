// Preloaded with `node --import`: records every module URL the process resolves into IMPORT_TRACE_FILE, one a
// line, so a test can tell which modules a CLI command loaded.
import { register } from 'node:module';

register(new URL('./import-trace-hooks.mjs', import.meta.url), {
  data: { file: process.env.IMPORT_TRACE_FILE },
});
