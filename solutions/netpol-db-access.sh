#!/usr/bin/env bash
set -euo pipefail
# Two policies that add up: one isolates every Pod for ingress (no rules: nothing allowed),
# the other opens app=db to role=frontend of this namespace on TCP 5432 only.
# policyTypes lists only Ingress, so egress (DNS included) stays open.
kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-ingress
  namespace: net-2
spec:
  podSelector: {}
  policyTypes: [Ingress]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: db-from-frontend
  namespace: net-2
spec:
  podSelector:
    matchLabels:
      app: db
  policyTypes: [Ingress]
  ingress:
    - from:
        - podSelector:
            matchLabels:
              role: frontend
      ports:
        - protocol: TCP
          port: 5432
YAML
