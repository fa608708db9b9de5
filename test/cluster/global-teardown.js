import { homedir } from 'node:os';
import { resolveLabPaths } from '../../dist/core/paths.js';
import { embeddedDown } from '../../dist/services/cluster/embedded.js';

/** Stops the cluster if this run started it (keep it with CKA_LAB_KEEP_CLUSTER=1 for faster reruns). */
export default async function globalTeardown() {
  if (process.env.CKA_LAB_TEST_STARTED_CLUSTER !== '1' || process.env.CKA_LAB_KEEP_CLUSTER === '1') return;
  const paths = resolveLabPaths(process.env, process.platform, process.env.HOME ?? homedir());
  await embeddedDown(paths, process.env);
}
