#!/usr/bin/env bash
set -euo pipefail
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Service
metadata:
  name: db
  namespace: sts-1
spec:
  clusterIP: None
  selector:
    app: db
  ports:
    - name: postgres
      port: 5432
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  namespace: sts-1
spec:
  serviceName: db
  replicas: 2
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
        - name: postgres
          image: postgres:16
          env:
            - name: POSTGRES_PASSWORD
              value: example
          ports:
            - containerPort: 5432
          volumeMounts:
            - name: data
              mountPath: /var/lib/postgresql/data
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: [ReadWriteOnce]
        storageClassName: sts-local
        resources:
          requests:
            storage: 1Gi
YAML
# The Pods come up one after the other; each binds its claim to one of the two volumes.
kubectl -n sts-1 rollout status statefulset/db --timeout=90s
kubectl -n sts-1 wait --for=jsonpath='{.status.phase}'=Bound pvc/data-db-0 pvc/data-db-1 --timeout=60s
# The EndpointSlice controller lists the Pods of the headless Service a moment after they are Ready.
timeout 30 bash -c 'until [ "$(kubectl -n sts-1 get endpointslices -l kubernetes.io/service-name=db -o jsonpath="{.items[*].endpoints[*].addresses[*]}" | wc -w)" -ge 2 ]; do sleep 0.5; done'
