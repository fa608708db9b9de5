#!/usr/bin/env bash
set -euo pipefail
cd "${CKA_WORK_DIR}/kustomize-overlay"
cat > overlays/prod/kustomization.yaml <<'YAML'
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: kustomize-1
resources:
  - ../../base
namePrefix: prod-
labels:
  - pairs:
      env: prod
    includeSelectors: true
images:
  - name: nginx
    newTag: "1.28"
replicas:
  - name: web
    count: 3
configMapGenerator:
  - name: web-config
    literals:
      - LOG_LEVEL=warn
YAML
# What the overlay renders, before it reaches the cluster.
kubectl kustomize overlays/prod
kubectl apply -k overlays/prod
kubectl -n kustomize-1 rollout status deployment/prod-web --timeout=120s
# The EndpointSlice controller follows the Pods within a moment.
timeout 30 bash -c 'until [ "$(kubectl -n kustomize-1 get endpointslices -l kubernetes.io/service-name=prod-web -o jsonpath="{.items[*].endpoints[*].addresses[*]}" | wc -w)" -eq 3 ]; do sleep 0.5; done'
