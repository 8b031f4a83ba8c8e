/**
 * The servers every verification test runs against. The hand-written baseline is always first: it proves
 * the rig itself works, so a failure on another subject is that subject's fault.
 */
import { baselineServer, type ServerUnderTest } from './server-under-test.js';

export async function verificationSubjects(): Promise<ServerUnderTest[]> {
  return [baselineServer()];
}
