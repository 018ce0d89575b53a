import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const HARNESS_DIR = path.dirname(fileURLToPath(import.meta.url));
export const CONFORMANCE_DIR = path.dirname(HARNESS_DIR);
export const REPO_ROOT = path.resolve(CONFORMANCE_DIR, '../..');
export const RESULTS_DIR = path.join(CONFORMANCE_DIR, 'results');
