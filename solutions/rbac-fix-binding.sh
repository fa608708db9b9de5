#!/usr/bin/env bash
set -euo pipefail
kubectl apply -f - <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: ci-bot
  namespace: rbac-3
rules:
  - apiGroups: [""]
    resources: ["configmaps"]
    verbs: ["get", "list", "watch"]
  - apiGroups: ["batch"]
    resources: ["jobs"]
    verbs: ["create"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: ci-bot
  namespace: rbac-3
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: ci-bot
subjects:
  - kind: ServiceAccount
    name: ci-bot
    namespace: rbac-3
YAML
# The authorizer sees changed RBAC objects through a watch: wait until the fix is in effect.
timeout 30 bash -c 'until kubectl auth can-i create jobs.batch -n rbac-3 --as=system:serviceaccount:rbac-3:ci-bot >/dev/null; do sleep 0.2; done'
timeout 30 bash -c 'until ! kubectl auth can-i get secrets -n rbac-3 --as=system:serviceaccount:rbac-3:ci-bot >/dev/null; do sleep 0.2; done'
