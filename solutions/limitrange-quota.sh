#!/usr/bin/env bash
set -euo pipefail
# LimitRange and quota first: the quota refuses Pods without requests and limits, and the
# LimitRange fills them in only when a Pod is created.
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: LimitRange
metadata:
  name: defaults
  namespace: limits-1
spec:
  limits:
    - type: Container
      defaultRequest:
        cpu: 100m
        memory: 128Mi
      default:
        cpu: 200m
        memory: 256Mi
      max:
        cpu: "1"
        memory: 1Gi
---
apiVersion: v1
kind: ResourceQuota
metadata:
  name: team-quota
  namespace: limits-1
spec:
  hard:
    pods: "5"
    requests.cpu: "1"
    requests.memory: 1Gi
    limits.cpu: "2"
    limits.memory: 2Gi
YAML
kubectl -n limits-1 create deployment app --image=nginx:1.27 --replicas=3
kubectl -n limits-1 rollout status deployment/app --timeout=90s
