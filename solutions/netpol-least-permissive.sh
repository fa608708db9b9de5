#!/usr/bin/env bash
set -euo pipefail
cd "${CKA_WORK_DIR}/netpol-least-permissive"
# netpol-1 admits every Pod of every namespace, on every port. netpol-2 lists two peers, which
# are ORed: every Pod of namespace frontend (the debug Pod too), or app=frontend Pods of backend
# itself. netpol-3 has one peer with both selectors (AND): only app=frontend Pods of namespace
# frontend, on TCP 80. Policies add up, so only netpol-3 is applied.
kubectl apply -f netpol-3.yaml
kubectl -n backend describe networkpolicy netpol-3
