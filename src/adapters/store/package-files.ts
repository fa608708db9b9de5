import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

// This file sits at src/adapters/store (tests) or dist/adapters/store (built): the package root is three up.
const root = fileURLToPath(new URL('../../../', import.meta.url));

/** A path inside the installed cka-lab package (go/, tasks/, solutions/...). */
export function packagePath(...segments: string[]): string {
  return join(root, ...segments);
}
