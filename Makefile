# veralloc — every target is listed by `make help`.
# Only Go is needed; TLC is used when TLA2TOOLS names tla2tools.jar (and java exists).

GO        ?= go
FUZZTIME  ?= 60s
WORKERS   ?= 1
# staticcheck, pinned; go run fetches it from the Go module proxy (nothing to install by hand)
STATICCHECK ?= $(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: help gotlc verify test test-race tlc tlc-large tlc-all fuzz bench bench-checker lincheck trace vet

help: ## list every target with one line each
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

gotlc: ## build bin/gotlc (use it, not `go run ./cmd/gotlc`, which turns TLC's exit codes into 1)
	$(GO) build -o bin/gotlc ./cmd/gotlc

verify: ## the main job: ci models and mutants, lincheck, trace validation; summary table + out/verify/index.html
	$(GO) run -tags trace ./cmd/veralloc verify

test: vet ## every test: gofmt and go vet (make vet), go test ./... (model-checks every ci model and mutant with gotlc), seeded-bug tests (-tags faults), the tracer's own tests (-tags trace)
	$(GO) test -count=1 ./...
	$(GO) test -count=1 -tags faults ./impl/... ./linearize/...
	$(GO) test -count=1 -tags trace -run 'Trace|Panic' ./impl/

test-race: ## run the tests of the concurrent packages under the race detector (and that it reports the seeded PlainRemoteHead race)
	$(GO) test -count=1 -race ./impl/... ./linearize/... ./spec/...
	$(GO) test -count=1 -race -tags faults -run 'Race' ./impl/

tlc: ## check every ci model of tla/models.json (TLC if TLA2TOOLS is set, else gotlc); fail on any mismatch
	$(GO) run ./cmd/modelcheck -size ci -workers $(WORKERS)

tlc-large: ## check the large models of tla/models.json (minutes)
	$(GO) run ./cmd/modelcheck -size large -workers $(WORKERS)

tlc-all: ## check every model of tla/models.json
	$(GO) run ./cmd/modelcheck -size all -workers $(WORKERS)

fuzz: ## run each fuzz target for FUZZTIME (default 60s)
	@bash scripts/fuzz.sh $(FUZZTIME)

bench: ## allocator benchmarks: veralloc, Go make, sync.Pool and the C peers in one table
	@bash bench/run.sh

bench-checker: gotlc ## gotlc vs TLC (wall, CPU, RSS, ratios) on the safety benchmarks and every liveness model of tla/models.json, plus the Examples liveness models with EXAMPLES=dir (bin/gotlc; scripts/bench-checker.sh)
	@GOTLC=bin/gotlc bash scripts/bench-checker.sh

lincheck: ## linearizability check of the real allocator against the abstract spec
	$(GO) run ./cmd/veralloc lincheck -goroutines 8 -ops 100000 -seed 1

vet: ## gofmt -l on every tracked Go file, go mod tidy -diff, go vet and staticcheck of the default, trace and faults builds; fails on any finding
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt: these files are not formatted (run gofmt -w):"; echo "$$unformatted"; exit 1; fi
	@$(GO) mod tidy -diff || { echo "go.mod/go.sum are not tidy: run go mod tidy"; exit 1; }
	$(GO) vet ./...
	$(GO) vet -tags trace ./impl/... ./cmd/...
	$(GO) vet -tags faults ./impl/... ./linearize/...
	$(STATICCHECK) ./...
	$(STATICCHECK) -tags trace ./impl/... ./cmd/...
	$(STATICCHECK) -tags faults ./impl/... ./linearize/...

trace: ## write the traceability matrix to docs/traceability.md
	$(GO) run ./cmd/veralloc trace -no-run -o docs/traceability.md
