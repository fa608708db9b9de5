#!/usr/bin/env bash
set -euo pipefail
# The API takes a bigger request only when the claim's StorageClass allows expansion.
kubectl patch storageclass resizable -p '{"allowVolumeExpansion": true}'
kubectl -n stor-5 patch pvc logs -p '{"spec": {"resources": {"requests": {"storage": "2Gi"}}}}'
# The volume's own reclaim policy decides what happens to it when its claim goes.
kubectl patch pv logs-pv -p '{"spec": {"persistentVolumeReclaimPolicy": "Retain"}}'
kubectl -n stor-5 get pvc logs
kubectl get pv logs-pv
