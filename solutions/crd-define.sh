#!/usr/bin/env bash
set -euo pipefail
kubectl apply -f - <<'YAML'
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: backups.stable.example.com
spec:
  group: stable.example.com
  scope: Namespaced
  names:
    kind: Backup
    plural: backups
    singular: backup
    shortNames: [bk]
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              required: [schedule]
              properties:
                schedule:
                  type: string
                retentionDays:
                  type: integer
                  minimum: 1
YAML
# The API serves Backups once the CRD is established, and a moment later its REST handler
# answers (later still when a CRD of the same name was just deleted).
kubectl wait --for condition=established --timeout=60s crd/backups.stable.example.com
timeout 60 bash -c 'until kubectl get backups -A >/dev/null 2>&1; do sleep 0.5; done'
kubectl apply -f - <<'YAML'
apiVersion: stable.example.com/v1
kind: Backup
metadata:
  name: nightly
  namespace: crd-1
spec:
  schedule: "0 2 * * *"
  retentionDays: 7
YAML
