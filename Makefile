# SPDX-License-Identifier: GPL-2.0
#
# psac: everything from the top.
#
#   make deps     install what the project needs (Debian packages, kernels)
#   make          psac.ko for every kernel in KVERS, dissector/psac.so, tools/psac
#   make check    every test layer; ends with `N passed, N failed`
#   make demo     boot the system in a VM and show it working
#   make vmtest TESTS="psac_module ..."   a subset of the VM selftests
#   make fuzz FUZZ_SECONDS=600            libFuzzer harnesses over kmod/lib
#
# KVERS: Debian kernel ABI names (default: those `make deps` unpacked, else
# what the archive's meta packages point at).

SHELL := /bin/bash
PSAC_CACHE ?= /var/cache/psac
export PSAC_CACHE
KVERS ?= $(or $(strip $(shell cat $(PSAC_CACHE)/kvers 2>/dev/null)),$(shell scripts/kvers.sh))
TOP := $(CURDIR)
BUILD := $(TOP)/build
JOBS ?= $(shell nproc)

.PHONY: all deps modules dissector tools selftests check vmtest kunit unit demo \
	clean checkpatch help fuzz

all: modules dissector tools selftests

help:
	@sed -n '3,14p' Makefile | sed 's/^# \{0,1\}//'

deps:
	KVERS="$(KVERS)" scripts/deps.sh

# Out-of-tree builds need a private copy per kernel (objects land next to
# the sources); rsync keeps mtimes so rebuilds stay incremental.
modules:
	@test -n "$(KVERS)" || { echo "no kernels: run 'make deps'"; exit 1; }
	@set -e; for k in $(KVERS); do \
		kdir=$(PSAC_CACHE)/k/$$k/build; \
		test -d $$kdir || { echo "kernel $$k not unpacked: run 'make deps'"; exit 1; }; \
		mkdir -p $(BUILD)/kmod/$$k; \
		rsync -a --delete --exclude='*.o' --exclude='*.ko' --exclude='*.cmd' \
			--exclude='*.mod*' --exclude='.*.d' --exclude=modules.order \
			--exclude=Module.symvers --exclude=tests/user \
			Kbuild kmod uapi $(BUILD)/kmod/$$k/; \
		echo "  KMOD    $$k"; \
		$(MAKE) -s -C $$kdir M=$(BUILD)/kmod/$$k CONFIG_PSAC=m \
			KCFLAGS=-Werror -j$(JOBS) modules 2>&1 | tee $(BUILD)/kmod/$$k/build.log; \
		test $${PIPESTATUS[0]:-0} -eq 0; \
		! grep -q 'warning:' $(BUILD)/kmod/$$k/build.log || { echo "warnings building for $$k"; exit 1; }; \
		test -f $(BUILD)/kmod/$$k/kmod/psac.ko; \
	done

dissector:
	$(MAKE) -C dissector

tools:
	$(MAKE) -C tools

selftests:
	$(MAKE) -C selftests

check: all
	scripts/check.sh $(KVERS)

vmtest: modules tools selftests
	@set -e; for k in $(KVERS); do selftests/vm/run.sh $$k $(TESTS); done

kunit:
	scripts/kunit.sh

unit:
	$(MAKE) -C kmod/tests/user check

FUZZ_SECONDS ?= 60
FUZZ_VARIANTS ?= 1000
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) kmod/tests/fuzz/smoke.sh
	$(MAKE) -C dissector fuzz
	$(MAKE) -C dissector asan-fuzz FUZZ_VARIANTS=$(FUZZ_VARIANTS)

demo:
	scripts/demo.sh

checkpatch:
	scripts/checkpatch.sh

clean:
	rm -rf $(BUILD)
	$(MAKE) -C dissector clean
	$(MAKE) -C tools clean
	$(MAKE) -C kmod/tests/user clean
	$(MAKE) -C kmod/tests/fuzz clean
	$(MAKE) -C selftests clean
