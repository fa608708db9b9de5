#!/usr/bin/env bash
set -euo pipefail
# One HTTPRoute on the Gateway main for shop.example.com. PathPrefix (the default type) covers
# /desktop/cart; the /auto rule with a header match outranks the one without, whatever the order.
kubectl apply -f - <<'YAML'
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: traffic-director
  namespace: gw-1
spec:
  parentRefs:
    - name: main
  hostnames:
    - shop.example.com
  rules:
    - matches:
        - path: { type: PathPrefix, value: /desktop }
      backendRefs:
        - { name: web-desktop, port: 80 }
    - matches:
        - path: { type: PathPrefix, value: /mobile }
      backendRefs:
        - { name: web-mobile, port: 80 }
    - matches:
        - path: { type: PathPrefix, value: /auto }
          headers:
            - { type: Exact, name: User-Agent, value: mobile }
      backendRefs:
        - { name: web-mobile, port: 80 }
    - matches:
        - path: { type: PathPrefix, value: /auto }
      backendRefs:
        - { name: web-desktop, port: 80 }
YAML
