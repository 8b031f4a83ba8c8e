/**
 * The shared libraries a host binary needs, as `ldd` lists them (including the dynamic loader), so the
 * guest can run the host's own `node` and native addons without a distribution inside the VM.
 */
import { runTool } from './run-tool.js';

export async function sharedLibraries(binary: string): Promise<string[]> {
  const out = await runTool('ldd', [binary]).catch(() => ''); // a static binary makes ldd exit 1
  const libraries: string[] = [];
  for (const line of out.split('\n')) {
    const path = /=>\s*(\/\S+)/.exec(line)?.[1] ?? /^\s*(\/\S+)\s+\(0x/.exec(line)?.[1];
    if (path !== undefined) libraries.push(path);
  }
  return libraries;
}
