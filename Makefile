# o3f-repro: the kit's entry points. `make test` is the test command; see README.md.
SWIFT ?= swift
# One BLAS thread per process: OpenBLAS threads collapse when they compete for cores.
export OPENBLAS_NUM_THREADS ?= 1
RELEASE_BIN := .build/release
REPRO := $(RELEASE_BIN)/repro

# Budget of the figure targets: tiny, quick (default), standard or paper.
PRESET ?= quick
# Runs in parallel (one BLAS thread each): every local core by default.
JOBS ?= $(shell nproc)

.PHONY: setup fixtures build test bench clean quotes figure2 figure3 figure4 figure5 figure6 slurm-test

## setup: install Debian packages and MuJoCo model files (idempotent)
setup:
	@bash scripts/setup.sh

## build: compile the kit in release mode
build: setup
	$(SWIFT) build -c release

## test: install what is missing, build, run the whole test suite, check the chapters' quotes, and run a tiny sweep on a one-node Slurm cluster
test: setup
	@# The products first, before the test fixtures exist, as `make figure4` builds them on a fresh clone.
	$(SWIFT) build
	@$(MAKE) --no-print-directory fixtures
	bash Tests/Setup/setup-tests.sh
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel
	bash scripts/check-kit-dataset.sh "$$($(SWIFT) build --show-bin-path)/repro"
	"$$($(SWIFT) build --show-bin-path)/repro" quotes check
	bash scripts/slurm-test.sh "$$($(SWIFT) build --show-bin-path)/repro"

## fixtures: write the h5py test fixture (git-ignored; h5py's own encoding of D4RL's schema, read by the Swift tests)
fixtures: setup
	@python3 -c "import h5py" 2>/dev/null || { echo "make test: h5py is needed to write Tests/RLCoreTests/Fixtures/h5py-d4rl-small.hdf5; install it with: python3 -m pip install h5py" >&2; exit 1; }
	@mkdir -p Tests/RLCoreTests/Fixtures
	python3 scripts/make-h5py-fixture.py Tests/RLCoreTests/Fixtures/h5py-d4rl-small.hdf5

## quotes: refresh the code and tables quoted in Chapters/*/README.md
quotes:
	$(SWIFT) build --product repro
	"$$($(SWIFT) build --show-bin-path)/repro" quotes update

## figure2: Chapter 1 (CQL kept vs CQL → SAC): datasets, runs, figures/figure2.png (PRESET=quick)
figure2: build
	$(RELEASE_BIN)/chapter01 --figure 2 --preset $(PRESET) --jobs $(JOBS)

## figure3: Chapter 1 (CQL, AWAC, IQL with the objective fixed, loosened abruptly or linearly): figures/figure3.png
figure3: build
	$(RELEASE_BIN)/chapter01 --figure 3 --preset $(PRESET) --jobs $(JOBS)

## figure4: Chapter 4 (LAPO + O3F vs IQL, CQL, AWAC on the D4RL tasks): plan, datasets, runs, figures/figure4.png and the claims table (PRESET=quick)
figure4: build
	$(REPRO) sweep plan figure4 --preset $(PRESET)
	$(RELEASE_BIN)/chapter04 --preset $(PRESET) --jobs $(JOBS)

## figure5: Chapter 2 (IQL and LAPO, O3F vs noise): datasets, runs, figures/figure5.png (PRESET=quick)
figure5: build
	$(RELEASE_BIN)/chapter02 --preset $(PRESET) --jobs $(JOBS)

## figure6: Chapter 3 (LAPO + O3F scoring with ω = 1 vs ω = 0): datasets, runs, figures/figure6.png (PRESET=quick)
figure6: build
	$(RELEASE_BIN)/chapter03 --preset $(PRESET) --jobs $(JOBS)

## slurm-test: a one-node Slurm cluster on this machine runs a tiny sweep as job arrays (installs slurm-wlm, munge)
slurm-test: build
	bash scripts/slurm-test.sh $(REPRO)

## bench: measure every workload against its target (release build)
bench: build
	$(REPRO) bench all

## clean: remove build folders, fetched model files, generated datasets and scratch runs
clean:
	rm -rf .build .build-* assets datasets runs sweeps figures/figure?.png figures/figure?.pdf figures/*-quick.* figures/*-tiny.* figures/data/*/*-quick.* figures/data/*/*-tiny.*
