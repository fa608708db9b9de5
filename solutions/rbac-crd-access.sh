#!/usr/bin/env bash
set -euo pipefail
# kubectl resolves students and classes to their group through discovery: the CRDs must be served.
kubectl wait --for condition=established --timeout=60s crd/students.school.example.com crd/classes.school.example.com
kubectl -n school-1 create role school-admin --verb=get,list,create,update,delete --resource=students,classes
kubectl -n school-1 get role school-admin -o yaml
kubectl -n school-1 create rolebinding kim-school-admin --role=school-admin --user=kim
# The authorizer sees new RBAC objects through a watch: wait until the grant is in effect.
timeout 30 bash -c 'until kubectl auth can-i delete classes.school.example.com -n school-1 --as=kim >/dev/null; do sleep 0.2; done'
