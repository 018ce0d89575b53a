import type { GeneratorName, Registration } from '../index.js';

/** TODO(helper): where `add route` wires a new route into the module's routes file. */
export const honoRegistrations: Partial<Record<GeneratorName, readonly Registration[]>> = {};
