# Baosou: `make run` to launch the app, `make test` to run every check.
# Both install what they need on Debian/Ubuntu (apt-get, as root or with sudo).

GO        ?= go
BIN       ?= ./baosou
DEB_PKGS  := gcc pkg-config libgl1-mesa-dev xorg-dev poppler-utils tesseract-ocr tesseract-ocr-chi-sim
BENCH_DIR ?= $(CURDIR)/../bench-data

.PHONY: all deps build run test vet fuzz bench soak package clean

all: build

# deps installs the C toolchain and the OpenGL/X11 headers Fyne's GLFW driver
# needs, poppler (PDFs) and Tesseract with its simplified Chinese data (scans).
deps:
	@missing=""; for p in $(DEB_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
	@command -v $(GO) >/dev/null || { echo "Go 1.26 or newer is needed: https://go.dev/dl/"; exit 1; }
	$(GO) mod download

build: deps
	$(GO) build -o $(BIN) .

run: build
	$(BIN)

vet:
	$(GO) vet ./...
	@test -z "$$(gofmt -l . | grep -v '^index/fold/table.go$$')" || { gofmt -l .; echo "gofmt needed"; exit 1; }

test: deps vet
	$(GO) test -count=1 ./...
	$(GO) test -count=1 -race -run 'SearchesDuring|RemoveThenImport' ./index/

# fuzz runs each fuzz target for FUZZTIME (default 30s) and fails only on a
# real finding: an input that fails, which Go writes to the package's
# testdata/fuzz/<Target>/ (keep it, and add it to the target's table of
# inputs). Minimization is bounded by FUZZMINTIME (Go's default is 60s a
# minimization, which runs on past -fuzztime and then fails the run with
# "context deadline exceeded"). A run that still ends in that error without
# writing an input hit Go's own race at the -fuzztime deadline
# (golang/go#75804, fixed in Go 1.27): it is reported, not failed.
FUZZTIME    ?= 30s
FUZZMINTIME ?= 5s
FUZZTARGETS ?= index/article:FuzzParse index/article:FuzzDecode index/article:FuzzLayout index/article:FuzzByline \
               index/query:FuzzParse index/fold:FuzzMap index/fold:FuzzDiff \
               index/pages:FuzzPageText index/pages:FuzzPageTextFloats index/pages:FuzzParseTSV index/pages:FuzzDecodeBBox
fuzz:
	@status=0; for t in $(FUZZTARGETS); do \
	  pkg=$${t%%:*}; fn=$${t#*:}; dir=$$pkg/testdata/fuzz/$$fn; \
	  before=$$(ls $$dir 2>/dev/null | wc -l); \
	  echo "== $$fn in ./$$pkg for $(FUZZTIME)"; \
	  out=$$($(GO) test ./$$pkg -run='^$$' -fuzz="^$$fn\$$" -fuzztime=$(FUZZTIME) -fuzzminimizetime=$(FUZZMINTIME) 2>&1); rc=$$?; \
	  after=$$(ls $$dir 2>/dev/null | wc -l); \
	  if [ $$rc -eq 0 ]; then echo "$$out" | tail -n 2; \
	  elif [ $$after -eq $$before ] && echo "$$out" | grep -q 'context deadline exceeded'; then \
	    echo "$$out" | tail -n 4; echo "ok: $$fn found nothing (the deadline error is Go's race, golang/go#75804)"; \
	  else echo "$$out"; echo "FAIL: $$fn: the failing input is in $$dir"; status=1; fi; \
	done; exit $$status

bench: deps
	bash bench/run.sh $(BENCH_DIR)

soak:
	BAOSOU_SOAK=1 $(GO) test -count=1 -run 'Crash' -v -timeout 60m ./index/

package: deps
	$(GO) run fyne.io/tools/cmd/fyne@v1.7.4 package -os linux -release
	@ls -l *.tar.xz

clean:
	rm -f $(BIN) *.tar.xz
