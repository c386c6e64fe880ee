# o3f-repro: the kit's entry points. `make test` is the test command; see README.md.
SWIFT ?= swift
# One BLAS thread per process: OpenBLAS threads collapse when they compete for cores.
export OPENBLAS_NUM_THREADS ?= 1
RELEASE_BIN := .build/release
REPRO := $(RELEASE_BIN)/repro

.PHONY: setup build test bench clean

## setup: install Debian packages and MuJoCo model files (idempotent)
setup:
	@bash scripts/setup.sh

## build: compile the kit in release mode
build: setup
	$(SWIFT) build -c release

## test: install what is missing, build, and run the whole test suite
test: setup
	bash Tests/Setup/setup-tests.sh
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel
	bash scripts/check-kit-dataset.sh "$$($(SWIFT) build --show-bin-path)/repro"

## bench: measure every workload against its target (release build)
bench: build
	$(REPRO) bench all

## clean: remove build folders, fetched model files, generated datasets and scratch runs
clean:
	rm -rf .build .build-* assets datasets runs figures/*.png figures/*.pdf
