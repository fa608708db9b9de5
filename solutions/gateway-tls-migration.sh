#!/usr/bin/env bash
set -euo pipefail
# The Gateway takes over TLS (mode Terminate is the default) with the Ingress's Secret; the route
# needs no match to take every path of the host. Then the Ingress goes.
kubectl apply -f - <<'YAML'
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: web-gateway
  namespace: gw-2
spec:
  gatewayClassName: nginx-class
  listeners:
    - name: https
      protocol: HTTPS
      port: 443
      hostname: gateway.web.k8s.local
      tls:
        mode: Terminate
        certificateRefs:
          - { kind: Secret, name: web-tls }
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: web-route
  namespace: gw-2
spec:
  parentRefs:
    - name: web-gateway
  hostnames:
    - gateway.web.k8s.local
  rules:
    - backendRefs:
        - { name: web-service, port: 80 }
YAML
kubectl -n gw-2 delete ingress web
