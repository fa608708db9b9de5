#!/usr/bin/env bash
# The checks of task rbac-sa-role written the way kubectl-based graders write them: one
# `kubectl auth can-i --as` per question. Prints PASS|FAIL <check id>.
set -u
verdict() { if [ "$2" = 1 ]; then echo "PASS $1"; else echo "FAIL $1"; fi; }
as=(--as=system:serviceaccount:rbac-1:deployer --as-group=system:serviceaccounts --as-group=system:serviceaccounts:rbac-1 --as-group=system:authenticated)
can() { kubectl auth can-i "$@" "${as[@]}" >/dev/null 2>&1; }
allowed() { local q; for q in "$@"; do can $q || return 1; done; }
denied() { local q; for q in "$@"; do can $q && return 1; done; return 0; }

# sa-exists
verdict sa-exists "$(kubectl -n rbac-1 get serviceaccount deployer -o name >/dev/null 2>&1 && echo 1 || echo 0)"

# can-manage-deployments
verdict can-manage-deployments "$(allowed 'get deployments.apps -n rbac-1' 'list deployments.apps -n rbac-1' 'create deployments.apps -n rbac-1' 'update deployments.apps -n rbac-1' && echo 1 || echo 0)"

# no-other-verbs (counts only once deployer may get deployments)
verdict no-other-verbs "$(allowed 'get deployments.apps -n rbac-1' && denied 'watch deployments.apps -n rbac-1' 'patch deployments.apps -n rbac-1' 'delete deployments.apps -n rbac-1' 'deletecollection deployments.apps -n rbac-1' && echo 1 || echo 0)"

# no-other-resources
verdict no-other-resources "$(allowed 'get deployments.apps -n rbac-1' && denied 'update deployments.apps --subresource=scale -n rbac-1' 'get pods -n rbac-1' 'get secrets -n rbac-1' 'list replicasets.apps -n rbac-1' 'create statefulsets.apps -n rbac-1' && echo 1 || echo 0)"

# only-in-rbac-1
verdict only-in-rbac-1 "$(allowed 'get deployments.apps -n rbac-1' && denied 'get deployments.apps -n default' 'create deployments.apps -n kube-system' 'list deployments.apps --all-namespaces' && echo 1 || echo 0)"
