#!/usr/bin/env bash
# Builds the static rebound binary. The Dockerfile runs this very script, and a test runs it too,
# so the image's build is exercised on machines without a Docker engine.
set -euo pipefail
out=${1:-bin/rebound}
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$out" ./cmd/rebound
