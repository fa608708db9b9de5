#!/usr/bin/env bash
set -euo pipefail
# The Deployment's selector (app=web) picks only web's Pods: tier=frontend would take admin too.
# targetPort by name follows the container port wherever it is; the nodePort is fixed by hand.
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Service
metadata:
  name: web-svc
  namespace: net-1
spec:
  type: NodePort
  selector:
    app: web
  ports:
    - port: 80
      targetPort: http
      nodePort: 30080
      protocol: TCP
YAML
# The EndpointSlice controller fills in the Pod IPs within a moment: check them.
timeout 30 bash -c 'until [ "$(kubectl -n net-1 get endpointslices -l kubernetes.io/service-name=web-svc -o jsonpath="{.items[*].endpoints[*].addresses[*]}" | wc -w)" -eq 3 ]; do sleep 0.5; done'
kubectl -n net-1 get endpointslices -l kubernetes.io/service-name=web-svc
