#!/usr/bin/env bash
set -euo pipefail
# Required: one term whose In lists both zones (the values of a requirement are ORed).
# Preferred: weight 50 for disktype=ssd; it only ranks the nodes the required part allows.
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: zonal
  namespace: sched-aff
spec:
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
          - matchExpressions:
              - { key: topology.kubernetes.io/zone, operator: In, values: [east, west] }
      preferredDuringSchedulingIgnoredDuringExecution:
        - weight: 50
          preference:
            matchExpressions:
              - { key: disktype, operator: In, values: [ssd] }
  containers:
    - name: zonal
      image: nginx:1.27
YAML
kubectl -n sched-aff wait --for=condition=Ready pod/zonal --timeout=60s
