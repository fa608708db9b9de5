#!/usr/bin/env bash
set -euo pipefail
kubectl apply -f - <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: node-reader
rules:
  - apiGroups: [""]
    resources: ["nodes"]
    verbs: ["get", "list", "watch"]
  - apiGroups: [""]
    resources: ["pods"]
    verbs: ["get", "list"]
YAML
kubectl create clusterrolebinding jane-node-reader --clusterrole=node-reader --user=jane
# The authorizer sees new RBAC objects through a watch: wait until the grant is in effect.
timeout 30 bash -c 'until kubectl auth can-i list pods -A --as=jane >/dev/null; do sleep 0.2; done'
