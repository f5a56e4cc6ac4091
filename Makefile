# Một Lần — the two commands a contributor needs are `make run` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export GOFLAGS ?= -buildvcs=false

GO        ?= go
BIN       := bin
GO_TEST   ?= $(GO) test -race -count=1 -timeout 20m ./...

.PHONY: run test bench ha ha-test build assets generate check-generated lint vet clean check-chromium check-poppler

## run: the whole stack on embedded defaults (PostgreSQL under ./.data, VNeID simulator, portal)
run: build
	$(BIN)/devstack run

## test: generated code fresh, lint, and every test (browser journeys included) on a throwaway PostgreSQL
## (the object-storage tests start SeaweedFS from bin/weed)
test: check-chromium check-poppler assets check-generated lint $(BIN)/devstack $(BIN)/weed
	$(BIN)/devstack test-db -- $(GO_TEST)

## check-chromium: the browser journeys need Debian's chromium (or CHROMIUM_PATH); as root it is
## installed with apt-get, as .ci/run does, otherwise this stops with the command to run
check-chromium:
	@chromium="$${CHROMIUM_PATH:-/usr/bin/chromium}"; \
	if [ ! -x "$$chromium" ] && [ -z "$${CHROMIUM_PATH:-}" ] && [ "$$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then \
		echo "installing chromium for the browser tests"; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium; \
	fi; \
	if [ ! -x "$$chromium" ]; then \
		echo "the browser tests need chromium at $$chromium; install chromium: apt-get install -y chromium (or set CHROMIUM_PATH)"; \
		exit 1; \
	fi

## check-poppler: the document tests read PDFs with poppler's pdftotext, render them with
## pdftoppm and check their embedded signatures with pdfsig against an NSS database made with
## certutil (libnss3-tools); as root they are installed with apt-get, as .ci/run does, otherwise
## this stops
check-poppler:
	@if ! command -v pdftotext >/dev/null || ! command -v pdftoppm >/dev/null || ! command -v pdfsig >/dev/null \
		|| ! command -v certutil >/dev/null; then \
		if [ "$$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then \
			echo "installing poppler-utils and libnss3-tools for the document tests"; \
			export DEBIAN_FRONTEND=noninteractive; \
			apt-get update -qq && apt-get install -y -qq --no-install-recommends poppler-utils libnss3-tools; \
		fi; \
	fi; \
	if ! command -v pdftotext >/dev/null || ! command -v pdftoppm >/dev/null || ! command -v pdfsig >/dev/null \
		|| ! command -v certutil >/dev/null; then \
		echo "the document tests need pdftotext, pdftoppm, pdfsig and certutil: apt-get install -y poppler-utils libnss3-tools"; \
		exit 1; \
	fi

## bench: load benchmark on a throwaway stack (never part of make test); BENCH_SCALE, BENCH_CITIZENS,
## BENCH_DURATION, BENCH_CONCURRENCY tune it; reports land in bench-output/
bench: assets
	$(GO) run ./cmd/bench

## ha: etcd and a three-node Patroni cluster (synchronous_mode on) on loopback, data kept in
## .data/ha; prints the portal's multi-host DATABASE_URL (target_session_attrs=read-write);
## Ctrl-C stops it. HA_SYNC=off turns synchronous_mode off. Installs patroni and etcd-server
## with apt-get as root, otherwise stops with the command to run
ha: $(BIN)/devstack
	$(BIN)/devstack ha

## ha-test: never part of make test. On a throwaway Patroni cluster, submissions through the
## portal while the leader's node is killed (SIGKILL); fails unless every acknowledged submission
## is on the new leader, no case code is given twice and the portal recovers without a restart.
## HA_SYNC=off runs it on asynchronous replication and reports what was lost. Report in
## bench-output/ha-<time>/report.md
ha-test: assets $(BIN)/devstack
	$(BIN)/devstack ha -- bash -c 'BENCH_DATABASE_URL="$$HA_DATABASE_URL" BENCH_ONLY=failover BENCH_SCALE=$${BENCH_SCALE:-2000} BENCH_CITIZENS=$${BENCH_CITIZENS:-2000} BENCH_CONCURRENCY=$${BENCH_CONCURRENCY:-16} exec $(GO) run ./cmd/bench'

build: assets
	$(GO) build -o $(BIN)/ ./cmd/...

$(BIN)/devstack: $(shell find cmd/devstack services/database -name '*.go') go.mod
	$(GO) build -o $(BIN)/ ./cmd/devstack

## bin/weed: SeaweedFS, the real S3 server the object-storage tests start (services/attachments/s3test),
## built once from its pinned module. `go install` refuses the module for its replace directive, so
## it is built in the module's own folder of the module cache.
SEAWEEDFS := github.com/seaweedfs/seaweedfs@v0.0.0-20261109003541-7506e5f91cd6
$(BIN)/weed:
	@mkdir -p $(BIN)
	cd "$${TMPDIR:-/tmp}" && GOFLAGS=-mod=mod $(GO) mod download $(SEAWEEDFS)
	cd "$$($(GO) env GOMODCACHE)/$(SEAWEEDFS)" && $(GO) build -o "$(CURDIR)/$(BIN)/weed.tmp" ./weed
	mv $(BIN)/weed.tmp $@

## assets: the design system and axe-core from npm (package-lock.json), and the compiled theme
assets: static/dist/app.css

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

static/dist/app.css: node_modules/.package-lock.json $(wildcard static/scss/*.scss) static/build.mjs
	npm run --silent build

## generate: templ views and the sqlc named queries (every sqlc.yaml under services/)
generate:
	$(GO) tool templ generate
	@for cfg in $$(git ls-files 'services/*sqlc.yaml'); do (cd "$$(dirname "$$cfg")" && $(GO) tool sqlc generate) || exit 1; done

## check-generated: fails when committed generated code (*_templ.go, sqlc output) differs from what the generators write
GENERATED := '*_templ.go' 'services/*/internal/*db/*.go'
check-generated: generate
	@if ! git diff --quiet -- $(GENERATED) || [ -n "$$(git ls-files --others --exclude-standard -- $(GENERATED))" ]; then \
		echo "generated code (templ or sqlc) is stale or uncommitted; run 'make generate' and commit:"; \
		git status --short -- $(GENERATED); exit 1; fi

## lint: golangci-lint as configured in .golangci.yml: go vet's analyzers, staticcheck, errcheck,
## gosec and more, and the gofmt check
lint:
	$(GO) tool golangci-lint run ./...

## vet: the old name of lint, which now runs go vet's analyzers and the gofmt check
vet: lint

## clean: remove the dev database, builds and test output
clean:
	rm -rf .data $(BIN) test-output bench-output static/dist/*.css static/dist/*.js
