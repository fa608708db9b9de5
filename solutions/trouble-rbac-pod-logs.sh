#!/usr/bin/env bash
set -euo pipefail
# kubectl logs reads the subresource pods/log, which a rule on pods does not cover; and the
# binding's subject was the log-reader of default, not the one of trbl-8.
kubectl apply -f - <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: log-reader
  namespace: trbl-8
rules:
  - apiGroups: [""]
    resources: ["pods"]
    verbs: ["get", "list"]
  - apiGroups: [""]
    resources: ["pods/log"]
    verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: log-reader
  namespace: trbl-8
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: log-reader
subjects:
  - kind: ServiceAccount
    name: log-reader
    namespace: trbl-8
YAML
# The authorizer sees changed RBAC objects through a watch: wait until the fix is in effect.
timeout 30 bash -c 'until kubectl auth can-i get pods --subresource=log -n trbl-8 --as=system:serviceaccount:trbl-8:log-reader >/dev/null; do sleep 0.2; done'
timeout 30 bash -c 'until ! kubectl auth can-i get pods -n trbl-8 --as=system:serviceaccount:default:log-reader >/dev/null; do sleep 0.2; done'
