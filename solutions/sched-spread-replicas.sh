#!/usr/bin/env bash
set -euo pipefail
kubectl apply -f - <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: deploy-important
  namespace: sched-6
spec:
  replicas: 3
  selector:
    matchLabels: { id: very-important }
  template:
    metadata:
      labels: { id: very-important }
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            - topologyKey: kubernetes.io/hostname
              labelSelector:
                matchLabels: { id: very-important }
      containers:
        - name: web
          image: nginx:1.27
YAML
# Two replicas become Ready; the third stays Pending by design.
for _ in $(seq 60); do
  [ "$(kubectl -n sched-6 get deploy deploy-important -o jsonpath='{.status.readyReplicas}')" = 2 ] && break
  sleep 1
done
kubectl -n sched-6 get pods -l id=very-important -o wide
