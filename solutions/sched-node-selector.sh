#!/usr/bin/env bash
set -euo pipefail
kubectl label node "${CKA_WORKER1}" disktype=ssd --overwrite
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: fast-web
  namespace: sched-1
spec:
  nodeSelector:
    disktype: ssd
  containers:
    - name: fast-web
      image: nginx:1.27
YAML
kubectl -n sched-1 wait --for=condition=Ready pod/fast-web --timeout=60s
