/** Memory and vCPU limits of a microVM, from `DeployOptions.limits`, checked as user input. */
import { FactoryError } from '../../errors.js';
import type { ResourceLimits } from '../target.js';
import type { Limits } from './artifacts.js';

export const DEFAULT_MEMORY_MB = 256;
/**
 * Two, not one: under TCG each vCPU is a host thread, and after a restore the guest's kernel (network,
 * console, the clock helper) and node's helper threads translate and run beside the server's main
 * thread. Measured restore→healthy on the notes server: ≈1.45 s with 1 vCPU, ≈1.0 s with 2. An idle
 * vCPU costs nothing (it halts), under KVM too.
 */
export const DEFAULT_VCPUS = 2;
/** node plus the server unpacked in RAM need about this much; less panics the guest at boot. */
const MIN_MEMORY_MB = 256;
const MAX_MEMORY_MB = 65_536;
const MAX_VCPUS = 64;

export function vmLimits(limits: ResourceLimits | undefined): Limits {
  const memoryMb = limits?.memoryMb ?? DEFAULT_MEMORY_MB;
  const vcpus = limits?.cpus ?? DEFAULT_VCPUS;
  if (!Number.isInteger(memoryMb) || memoryMb < MIN_MEMORY_MB || memoryMb > MAX_MEMORY_MB) {
    throw new FactoryError(
      'USAGE',
      `microvm memory must be a whole number of MB from ${MIN_MEMORY_MB} to ${MAX_MEMORY_MB}: ${memoryMb}`,
      {
        hint: `e.g. --memory ${DEFAULT_MEMORY_MB}`,
      },
    );
  }
  if (!Number.isInteger(vcpus) || vcpus < 1 || vcpus > MAX_VCPUS) {
    throw new FactoryError('USAGE', `microvm vCPUs must be a whole number from 1 to ${MAX_VCPUS}: ${vcpus}`, {
      hint: '--cpus takes whole vCPUs for a microVM, e.g. --cpus 1',
    });
  }
  return { memoryMb, vcpus };
}
