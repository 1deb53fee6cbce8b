# plansite — the two commands of the README are `make site` and `make test`.
GO      ?= go
PKG     := github.com/plansite/plansite
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT  ?= $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
DATE    ?= $(shell date -u +%Y-%m-%dT%H:%M:%SZ)
LDFLAGS := -s -w -X $(PKG)/internal/cli.Version=$(VERSION) -X $(PKG)/internal/cli.Commit=$(COMMIT) -X $(PKG)/internal/cli.Date=$(DATE)
VENDOR  := templates/assets/vendor
ECHARTS := $(VENDOR)/echarts.min.js
PLATFORMS := windows/amd64 linux/amd64 linux/arm64 linux/loong64
EXE     := $(shell $(GO) env GOEXE)

.PHONY: setup site build test vet cross dist check-dist clean example-inbox bench

## setup: fetch ECharts from npm (package-lock.json), bundle the parts plansite uses, place it for embedding
setup: $(ECHARTS)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# Only the chart types and components plansite uses (internal/chart/echarts.entry.js),
# bundled by esbuild from the npm packages: 566 KB instead of the 1,025 KB of the full build.
$(ECHARTS): node_modules/.package-lock.json internal/chart/echarts.entry.js
	mkdir -p $(VENDOR)
	node_modules/.bin/esbuild internal/chart/echarts.entry.js --bundle --minify --format=iife --legal-comments=none --log-level=warning --outfile=$@
	cp node_modules/echarts/LICENSE $(VENDOR)/ECHARTS-LICENSE.txt
	cp node_modules/zrender/LICENSE $(VENDOR)/ZRENDER-LICENSE.txt

## site: set up, build the plansite binary into the repository root (as
## make build does; plansite.exe on Windows) and with it the example into public/
site: build
	./plansite$(EXE) build

## build: the plansite binary for this machine, in the repository root
build: setup
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o plansite$(EXE) ./cmd/plansite

## test: formatting, vet, every test (browser tests included), the release binaries
test: setup vet
	$(GO) test -count=1 -timeout 30m ./...
	$(MAKE) check-dist DISTDIR=$(CHECKDIST)

vet:
	@unformatted=$$(gofmt -l cmd internal templates); if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) tool staticcheck ./...

## cross: check that the binary compiles for every platform of the bureau
cross: setup
	@for p in $(PLATFORMS); do \
		echo "CGO_ENABLED=0 $$p"; \
		CGO_ENABLED=0 GOOS=$${p%/*} GOARCH=$${p#*/} $(GO) build -trimpath -o /dev/null ./cmd/plansite || exit 1; \
	done

## dist: stripped, version-stamped binaries in dist/ (DISTDIR)
DISTDIR ?= dist
CHECKDIST ?= $(or $(TMPDIR),/tmp)/plansite-dist-check
dist: setup
	@rm -rf $(DISTDIR)/plansite-*; mkdir -p $(DISTDIR)
	@for p in $(PLATFORMS); do \
		os=$${p%/*}; arch=$${p#*/}; ext=; [ $$os = windows ] && ext=.exe; \
		out=$(DISTDIR)/plansite-$(VERSION)-$$os-$$arch$$ext; echo $$out; \
		CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $$out ./cmd/plansite || exit 1; \
	done

## check-dist: each binary is what its name says, and the linux/amd64 one,
## copied alone next to a content folder, builds the site
check-dist: dist
	@set -e; cd $(DISTDIR); \
	file plansite-*-windows-amd64.exe | grep -q 'PE32+ executable.*x86-64'; \
	file plansite-*-linux-amd64 | grep -q 'ELF 64-bit.*x86-64'; \
	file plansite-*-linux-arm64 | grep -q 'ELF 64-bit.*ARM aarch64'; \
	file plansite-*-linux-loong64 | grep -q 'ELF 64-bit.*LoongArch'; \
	file plansite-*
	@set -e; alone=$$(mktemp -d); cp $(DISTDIR)/plansite-*-linux-amd64 $$alone/plansite; cp -r content $$alone/; \
	cd $$alone && ./plansite version && ./plansite build >/dev/null && test -s public/index.html && test -s public/data/summary.json \
	&& test -s public/assets/vendor/echarts.min.js && echo "the linux/amd64 binary alone built the site in $$alone/public"

## bench: time the build against the floor of reading the workbooks, on
## generated data sets of 1,800, 3,600 and 7,200 workbooks (BENCH_FLAGS to
## change them, e.g. BENCH_FLAGS='--sizes 50x12x20 --runs 1')
BENCH_FLAGS ?=
bench: build
	$(GO) run ./cmd/bench --plansite ./plansite$(EXE) $(BENCH_FLAGS)

clean:
	rm -rf dist plansite plansite.exe $(ECHARTS) $(VENDOR)/ECHARTS-LICENSE.txt $(VENDOR)/ZRENDER-LICENSE.txt

## example-inbox: remake the example inbox (content/inbox) after a change to the generator or the content
example-inbox:
	rm -rf content/inbox
	$(GO) run ./cmd/plansite demo-inbox --content content --out content/inbox
