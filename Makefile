# Baosou: `make run` to launch the app, `make test` to run every check.
# Both install what they need on Debian/Ubuntu (apt-get, as root or with sudo).

GO        ?= go
BIN       ?= ./baosou
DEB_PKGS  := gcc pkg-config libgl1-mesa-dev xorg-dev
BENCH_DIR ?= $(CURDIR)/../bench-data

.PHONY: all deps build run test vet fuzz bench soak package clean

all: build

# deps installs the C toolchain and the OpenGL/X11 headers Fyne's GLFW driver needs.
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

# fuzz runs each fuzz target for FUZZTIME (default 30s); inputs that fail stay in testdata/fuzz.
FUZZTIME ?= 30s
fuzz:
	$(GO) test ./index/article -run='^$$' -fuzz='^FuzzParse$$' -fuzztime=$(FUZZTIME)
	$(GO) test ./index/article -run='^$$' -fuzz='^FuzzDecode$$' -fuzztime=$(FUZZTIME)
	$(GO) test ./index/query -run='^$$' -fuzz='^FuzzParse$$' -fuzztime=$(FUZZTIME)
	$(GO) test ./index/fold -run='^$$' -fuzz='^FuzzMap$$' -fuzztime=$(FUZZTIME)

bench: deps
	bash bench/run.sh $(BENCH_DIR)

soak:
	BAOSOU_SOAK=1 $(GO) test -count=1 -run 'Crash' -v -timeout 60m ./index/

package: deps
	$(GO) run fyne.io/tools/cmd/fyne@v1.7.4 package -os linux -release
	@ls -l *.tar.xz

clean:
	rm -f $(BIN) *.tar.xz
