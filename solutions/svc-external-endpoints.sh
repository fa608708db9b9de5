#!/usr/bin/env bash
set -euo pipefail
# Without a selector no controller writes endpoints for ext-db: an EndpointSlice labelled with the
# Service's name carries them, one endpoint per address. The Service port and the slice port are
# both unnamed, so kube-proxy pairs them.
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Service
metadata:
  name: ext-db
  namespace: net-4
spec:
  ports:
    - protocol: TCP
      port: 5432
      targetPort: 5432
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: ext-db-1
  namespace: net-4
  labels:
    kubernetes.io/service-name: ext-db
addressType: IPv4
ports:
  - protocol: TCP
    port: 5432
endpoints:
  - addresses: ["10.0.0.50"]
  - addresses: ["10.0.0.51"]
YAML
kubectl -n net-4 get endpointslices -l kubernetes.io/service-name=ext-db
