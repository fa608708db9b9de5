#!/usr/bin/env bash
set -euo pipefail
# Services: <service>.<namespace>.svc.cluster.local. A Pod with hostname and subdomain set, whose
# subdomain names a headless Service in its namespace: <hostname>.<subdomain>.<namespace>.svc.cluster.local.
kubectl -n lima-workload patch configmap dns-config --type merge -p '{"data": {
  "DNS_1": "kubernetes.default.svc.cluster.local",
  "DNS_2": "department.lima-workload.svc.cluster.local",
  "DNS_3": "section100.department.lima-workload.svc.cluster.local"}}'
