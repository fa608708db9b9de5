// Plain JS on the built dist/ (npm test builds first): jest loads global setup outside its transform.
import { homedir } from 'node:os';
import { createProcessIo } from '../../dist/adapters/ui/io.js';
import { startProgress } from '../../dist/adapters/ui/progress.js';
import { resolveLabPaths } from '../../dist/core/paths.js';
import { embeddedStatus, embeddedUp } from '../../dist/services/cluster/embedded.js';

/**
 * Brings the embedded cluster up once per run, reusing a running one. Builds the binaries on
 * the first run (minutes); later runs start in seconds. Test files read the kubeconfig path
 * from CKA_LAB_TEST_KUBECONFIG.
 */
export default async function globalSetup() {
  const paths = resolveLabPaths(process.env, process.platform, process.env.HOME ?? homedir());
  const before = await embeddedStatus(paths);
  const progress = startProgress(createProcessIo(), '\n[cluster tests] preparing the embedded cluster');
  const result = await embeddedUp(paths, process.env, progress);
  progress.succeed(`[cluster tests] embedded cluster ${result.action}${result.built ? ` (binaries built in ${result.buildSeconds} s)` : ''}`);
  // The Gateway tasks' proofs would fail on it anyway; say why first.
  if (result.gatewayApiProblem !== undefined) throw new Error(result.gatewayApiProblem);
  process.env.CKA_LAB_TEST_KUBECONFIG = paths.embeddedKubeconfig;
  process.env.CKA_LAB_TEST_BIN_DIR = result.binaries.dir;
  process.env.CKA_LAB_TEST_STARTED_CLUSTER = before.state === 'running' ? '' : '1';
}
