# Rebound — the two commands are `make run` and `make test`; see README.md and DEVELOPERS.md.
SHELL := /bin/bash
GO ?= go
BIN := bin/rebound
PGURL ?= postgres://postgres@127.0.0.1:5432/test?sslmode=disable
PGBOUNCER_PORT ?= 6432
TSC := clients/typescript/node_modules/.bin/tsc

.PHONY: run build bench bench-smoke test test-pgbouncer openapi openapi-check vet fmt-check postgres chromium pgbouncer lint-openapi deploy-check fuzz tone-report clients clients-check

## build: the static binary, exactly as the Dockerfile builds it
build:
	./scripts/build-static.sh $(BIN)

## run: build and serve on :8080 (SQLite under ./data unless DATABASE_URL is set)
run: build
	./$(BIN) serve

## bench: the load benchmark (cmd/reboundbench): Rebound against a raw net/http+pgx baseline on
## POST /v1/rejections and GET /v1/rejections/{id}, with statements per request and RSS; about a
## minute. BENCHFLAGS passes flags (-scenario rows, -duration 8s, -rounds 3, -candidates 1000…); docs/performance.md
bench: build postgres
	$(GO) run ./cmd/reboundbench -database '$(PGURL)' -rebound $(BIN) $(BENCHFLAGS)

## bench-smoke: the hot-path scenario for a moment with small data, failing only when a request
## fails (no timing is asserted), so the benchmark cannot rot; make test runs it (the rows
## scenario's smoke is a Go test, cmd/reboundbench/rows_test.go)
bench-smoke: build postgres
	$(GO) run ./cmd/reboundbench -database '$(PGURL)' -rebound $(BIN) -smoke > /dev/null

## openapi: regenerate docs/ (swag, Swagger 2.0) and openapi.yaml (OpenAPI 3.0.3)
openapi:
	$(GO) tool swag init --quiet -g server.go -d api,internal/wire,internal/model,internal/messages,internal/recovery --parseInternal -o docs --outputTypes json,yaml
	$(GO) run ./internal/tools/openapi3 -in docs/swagger.json -out openapi.yaml

## openapi-check: fail when the committed OpenAPI files differ from a fresh generation
openapi-check:
	@tmp=$$(mktemp -d); trap 'rm -rf $$tmp' EXIT; \
	$(GO) tool swag init --quiet -g server.go -d api,internal/wire,internal/model,internal/messages,internal/recovery --parseInternal -o $$tmp --outputTypes json,yaml && \
	diff -q $$tmp/swagger.json docs/swagger.json && diff -q $$tmp/swagger.yaml docs/swagger.yaml && \
	$(GO) run ./internal/tools/openapi3 -in $$tmp/swagger.json -out openapi.yaml -check

## lint-openapi: Spectral's and Redocly's OpenAPI rules over openapi.yaml, warnings included (npm, pinned in tools/lint)
lint-openapi: tools/lint/node_modules/.bin/spectral
	tools/lint/node_modules/.bin/spectral lint openapi.yaml --fail-severity=warn --quiet
	REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true tools/lint/node_modules/.bin/redocly lint openapi.yaml --format=summary

tools/lint/node_modules/.bin/spectral: tools/lint/package.json tools/lint/package-lock.json
	cd tools/lint && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

vet:
	$(GO) vet ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' | grep -v '^docs/')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

## postgres: make sure the local PostgreSQL answers, starting it when it does not
postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 || { pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start && for i in $$(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done; }
	@pg_isready -h 127.0.0.1 -p 5432

## chromium: the browser the feedback-page test drives (Debian's package), installed when missing
chromium:
	@command -v chromium >/dev/null || { echo "installing chromium (Debian package)"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }
	@chromium --version

## pgbouncer: Debian's PgBouncer in transaction pooling on 127.0.0.1:$(PGBOUNCER_PORT) in front of
## the local PostgreSQL, installed when missing and started from scripts/pgbouncer.sh (no service)
pgbouncer: postgres
	@command -v pgbouncer >/dev/null || [ -x /usr/sbin/pgbouncer ] || { echo "installing pgbouncer (Debian package)"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq pgbouncer >/dev/null; \
	  $$SUDO systemctl disable --now pgbouncer >/dev/null 2>&1 || true; }
	@PGBOUNCER_PORT=$(PGBOUNCER_PORT) ./scripts/pgbouncer.sh

## deploy-check: the Kubernetes manifests, alert rules and deployment docs, checked offline (own module)
deploy-check:
	cd deploy/check && $(GO) vet ./... && $(GO) test -count=1 ./...

## fuzz: each fuzz target for a few thousand inputs beyond its committed corpus (api/testdata/fuzz);
## a count rather than a duration, so a loaded machine cannot turn the time limit into a failure
FUZZTIME ?= 3000x
fuzz:
	@for target in FuzzUnmarshalStrict FuzzQueryParams FuzzCursor; do \
	  $(GO) test -run='^$$' -fuzz="^$$target\$$" -fuzztime=$(FUZZTIME) ./api || exit 1; done

## tone-report: the tone check's precision and recall per kind and language on its labelled corpus
tone-report:
	@$(GO) test -count=1 -run 'ToneCorpus$$' -v ./internal/messages | grep -v -e '^=== RUN' -e '^--- PASS' -e '^PASS'

## clients: regenerate the Go client (clients/go, oapi-codegen) and the TypeScript client's types
## (clients/typescript, openapi-typescript) from openapi.yaml
clients: $(TSC)
	cd clients/go && $(GO) generate ./...
	cd clients/typescript && npm run --silent generate

## clients-check: both clients match openapi.yaml, compile (go vet, tsc --strict), the README shows
## their examples as committed, and each runs its journey and example against a fresh server
clients-check: build $(TSC)
	@tmp=$$(mktemp -d); trap 'rm -rf $$tmp' EXIT; \
	sed "s|^output:.*|output: $$tmp/rebound.gen.go|" clients/go/oapi-codegen.yaml >$$tmp/oapi-codegen.yaml && \
	(cd clients/go && $(GO) tool oapi-codegen -config $$tmp/oapi-codegen.yaml ../../openapi.yaml) && \
	(cd clients/typescript && node_modules/.bin/openapi-typescript ../../openapi.yaml --output $$tmp/schema.ts 2>/dev/null) && \
	{ cmp -s $$tmp/rebound.gen.go clients/go/rebound.gen.go && cmp -s $$tmp/schema.ts clients/typescript/src/schema.ts; } || \
	{ echo "the clients are out of date with openapi.yaml: run make clients and commit the result"; exit 1; }
	@for pair in go:clients/go/examples/quickstart/main.go typescript:clients/typescript/src/readme.ts; do \
	  sed -n "/<!-- $${pair%%:*}-client:start -->/,/<!-- $${pair%%:*}-client:end -->/p" README.md | sed '1,2d;$$d' | sed '$$d' | cmp -s - $${pair#*:} || \
	  { echo "README.md's $${pair%%:*} example differs from $${pair#*:}"; exit 1; }; done
	cd clients/go && $(GO) vet ./...
	cd clients/typescript && node_modules/.bin/tsc -p tsconfig.json --strict
	./scripts/with-server.sh sh -c 'cd clients/go && $(GO) test -count=1 ./... && $(GO) run ./examples/quickstart'
	./scripts/with-server.sh sh -c 'cd clients/typescript && node dist/journey.js && node dist/readme.js'

$(TSC): clients/typescript/package.json clients/typescript/package-lock.json
	cd clients/typescript && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

## test: everything CI checks. The tests that need a PgBouncer (the three-API, two-worker test)
## run in the main pass; test-pgbouncer then runs the suites again through it.
test: vet fmt-check openapi-check lint-openapi deploy-check clients-check postgres chromium pgbouncer
	REBOUND_TEST_DATABASE_URL='$(PGURL)' REBOUND_TEST_PGBOUNCER=127.0.0.1:$(PGBOUNCER_PORT) REBOUND_REQUIRE_BROWSER=1 $(GO) test -race -count=1 -timeout 12m ./...
	$(MAKE) --no-print-directory test-pgbouncer
	$(MAKE) --no-print-directory bench-smoke
	$(MAKE) --no-print-directory fuzz
	$(MAKE) --no-print-directory tone-report

## test-pgbouncer: the store, application, API and dispatcher suites again, every store connecting
## through PgBouncer in transaction pooling (REBOUND_DB_POOL_MODE=transaction)
test-pgbouncer: pgbouncer
	REBOUND_TEST_DATABASE_URL='$(PGURL)' REBOUND_TEST_PGBOUNCER=127.0.0.1:$(PGBOUNCER_PORT) REBOUND_TEST_POOL_MODE=transaction $(GO) test -race -count=1 -timeout 8m ./internal/store/ ./internal/app/ ./api/ ./internal/dispatch/
