/**
 * `yarn bench`: runs every benchmark and prints its figures.
 *
 * @packageDocumentation
 */
import { createTenantBench } from './createTenantBench';
import { deliverBench } from './deliverBench';
import { planBench } from './planBench';
import { statusBench } from './statusBench';

const benches: Record<string, () => Promise<void>> = {
  plan: planBench,
  deliver: deliverBench,
  'create-tenant': createTenantBench,
  status: statusBench,
};

/** Runs the named benchmarks, or all of them. */
export async function main(names: string[]): Promise<void> {
  const selected = names.length > 0 ? names : Object.keys(benches);
  for (const name of selected) {
    const bench = benches[name];
    if (!bench) {
      console.error(
        `unknown benchmark ${name}; known: ${Object.keys(benches).join(', ')}`,
      );
      process.exitCode = 2;
      return;
    }
    await bench();
  }
}
