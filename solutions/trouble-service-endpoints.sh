#!/usr/bin/env bash
set -euo pipefail
# The selector app=api-server matches no Pod (they are app=api), and targetPort 8081 is not the
# container port (http = 8080). A JSON patch replaces both; app=api alone leaves out the worker,
# which shares tier=backend.
kubectl -n trbl-1 patch service api --type=json -p '[
  {"op": "replace", "path": "/spec/selector", "value": {"app": "api"}},
  {"op": "replace", "path": "/spec/ports/0/targetPort", "value": "http"}]'
timeout 30 bash -c 'until [ "$(kubectl -n trbl-1 get endpointslices -l kubernetes.io/service-name=api -o jsonpath="{.items[*].endpoints[*].addresses[*]}" | wc -w)" -eq 3 ]; do sleep 0.5; done'
kubectl -n trbl-1 get endpointslices -l kubernetes.io/service-name=api
