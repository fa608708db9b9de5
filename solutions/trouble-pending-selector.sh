#!/usr/bin/env bash
set -euo pipefail
# Two constraints match no node: nodeSelector kubernetes.io/os=Linux (label values are
# case-sensitive: the nodes say linux) and a required node affinity on node-pool=reporting, a
# label no node of this cluster carries. Fix the first, drop the second; the nodes stay as they are.
kubectl -n trbl-5 patch deployment report --type=json -p '[
  {"op": "replace", "path": "/spec/template/spec/nodeSelector", "value": {"kubernetes.io/os": "linux"}},
  {"op": "remove", "path": "/spec/template/spec/affinity"}]'
kubectl -n trbl-5 rollout status deployment/report --timeout=90s
