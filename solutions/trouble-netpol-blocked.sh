#!/usr/bin/env bash
set -euo pipefail
# Two faults in api-allow: its namespaceSelector asks for a label name=trbl-7 that the namespace
# does not carry (namespaces have kubernetes.io/metadata.name), so no peer matches; and it opens
# port 80, the Service's port, while policies apply to the Pods' port 8080. A podSelector alone
# selects Pods of the policy's own namespace. default-deny-ingress stays as it is.
kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api-allow
  namespace: trbl-7
spec:
  podSelector:
    matchLabels:
      app: api
  policyTypes: [Ingress]
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: frontend
      ports:
        - protocol: TCP
          port: 8080
YAML
kubectl -n trbl-7 describe networkpolicy api-allow
