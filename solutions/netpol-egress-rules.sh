#!/usr/bin/env bash
set -euo pipefail
# One egress rule per database pairs each peer with its own port (a single rule with both peers
# and both ports would also open db1:2222 and db2:1111); a third rule without peers opens DNS.
# policyTypes lists only Egress, so incoming traffic to backend is not touched.
kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: np-backend
  namespace: net-5
spec:
  podSelector:
    matchLabels:
      app: backend
  policyTypes: [Egress]
  egress:
    - to:
        - podSelector:
            matchLabels:
              app: db1
      ports:
        - protocol: TCP
          port: 1111
    - to:
        - podSelector:
            matchLabels:
              app: db2
      ports:
        - protocol: TCP
          port: 2222
    - ports:
        - protocol: UDP
          port: 53
        - protocol: TCP
          port: 53
YAML
