// Package check holds Rebound's offline deployment checks, as Go tests: the Kubernetes manifests
// in deploy/k8s, the Prometheus rules in deploy/prometheus, the Dockerfile and the compose file,
// checked against each other and against the binary's own sources (cmd/rebound) and
// documentation (README.md, docs/operations.md). Nothing here needs a cluster, a Docker engine
// or the network:
//
//	cd deploy/check && go test ./...
//
// It is a module of its own so that the main module does not depend on Kubernetes, kustomize
// and Prometheus packages.
package check
