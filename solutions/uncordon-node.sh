#!/usr/bin/env bash
set -euo pipefail
kubectl uncordon "${CKA_WORKER1}"
kubectl -n maint-2 rollout status deployment/ledger --timeout=60s
