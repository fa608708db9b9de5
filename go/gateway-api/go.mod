// The Gateway API CRDs the embedded cluster installs, as an exam cluster has them. Nothing is
// built from this module: cka-lab downloads it through the module proxy (pinned by go.sum) and
// applies config/crd/standard.
module cka-lab.local/build/gateway-api

go 1.26.0

require sigs.k8s.io/gateway-api v1.5.1
