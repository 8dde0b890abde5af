# SPDX-License-Identifier: GPL-2.0
#
# psac: everything from the top.
#
#   make deps     install what the project needs (Debian packages, kernels)
#   make          psac.ko for every kernel in KVERS, dissector/psac.so, tools/psac
#   make check    every test layer; ends with `N passed, N failed`
#   make demo     boot the system in a VM and show it working
#   make vmtest TESTS="psac_module ..."   a subset of the VM selftests
#   make fuzz FUZZ_SECONDS=600            libFuzzer harnesses (kmod/lib, tools parsers)
#   make regen    kmod/netlink-gen.[ch] from uapi/psac.yaml (ynl_gen_c.py)
#   make bench    benchmarks in the VM on each kernel (docs/performance.md)
#   make fresh-check  .ci/run in a fresh clone with an empty cache, timed
#                 (FRESH_ARGS="--demo" adds a cold make demo)
#
# KVERS: Debian kernel ABI names (default: the kernels `make deps` resolved
# from the suites' meta packages, recorded in $(PSAC_CACHE)/kvers).

SHELL := /bin/bash
PSAC_CACHE ?= /var/cache/psac
export PSAC_CACHE
KVERS_GIVEN := $(filter command line environment,$(origin KVERS))
KVERS ?= $(strip $(file <$(PSAC_CACHE)/kvers))
TOP := $(CURDIR)
BUILD := $(TOP)/build
JOBS ?= $(shell nproc)

.PHONY: all deps modules dissector tools selftests check vmtest kunit unit demo \
	clean checkpatch help fuzz regen

all: modules dissector tools selftests

help:
	@sed -n '3,15p' Makefile | sed 's/^# \{0,1\}//'

# The kernel's policies and split ops are generated from the netlink spec;
# make check (eco spec) proves the committed files current.
regen:
	scripts/netlink-gen.sh

deps:
	$(if $(KVERS_GIVEN),KVERS="$(KVERS)") scripts/deps.sh

# Out-of-tree builds need a private copy per kernel (objects land next to
# the sources); rsync keeps mtimes so rebuilds stay incremental.  Each
# kernel is built by its own suite's compiler and kbuild (scripts/in-suite.sh:
# the host for bookworm's kernels, a chroot for the others).
modules:
	@test -n "$(KVERS)" || { echo "no kernels: run 'make deps'"; exit 1; }
	@set -e; for k in $(KVERS); do \
		kdir=$(PSAC_CACHE)/k/$$k/build; suite=bookworm; \
		if test -f $(PSAC_CACHE)/k/$$k/suite; then suite=$$(cat $(PSAC_CACHE)/k/$$k/suite); \
		else kdir=/lib/modules/$$k/build; fi; \
		test -d $$kdir || { echo "kernel $$k not unpacked: run 'make deps'"; exit 1; }; \
		mkdir -p $(BUILD)/kmod/$$k; \
		rsync -a --delete --exclude='*.o' --exclude='*.ko' --exclude='*.cmd' \
			--exclude='*.mod*' --exclude='.*.d' --exclude=modules.order \
			--exclude=Module.symvers --exclude=tests/user \
			Kbuild kmod uapi $(BUILD)/kmod/$$k/; \
		echo "  KMOD    $$k ($$suite)"; \
		scripts/in-suite.sh $$suite $(MAKE) -s -C $$kdir M=$(BUILD)/kmod/$$k CONFIG_PSAC=m \
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

# Benchmarks (not part of check): docs/performance.md.
.PHONY: bench
bench: modules tools selftests
	$(MAKE) -C bench
	bench/run.sh $(KVERS)

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

# The cold path (not part of check): a fresh clone, an empty PSAC_CACHE.
.PHONY: fresh-check
fresh-check:
	scripts/fresh-check.sh $(FRESH_ARGS)

checkpatch:
	scripts/checkpatch.sh

clean:
	rm -rf $(BUILD)
	$(MAKE) -C dissector clean
	$(MAKE) -C tools clean
	$(MAKE) -C kmod/tests/user clean
	$(MAKE) -C kmod/tests/fuzz clean
	$(MAKE) -C selftests clean

# ---- installation (docs/operations.md) ------------------------------------
#   make install [DESTDIR=...] [PREFIX=/usr/local] [KVER=<one kernel>]
#   make uninstall              (same variables)
#   make dkms-install           sources to /usr/src/psac-<version>, then dkms
# The module goes to /lib/modules/<kver>/extra for every kernel in KVERS (or
# KVER) with depmod (skipped with DESTDIR); the plugin to Wireshark's global
# plugin folder as root, the per-user one otherwise (dissector/Makefile);
# psac to PREFIX/bin, the man pages to PREFIX/share/man, and a modprobe.d
# example with every module parameter to /etc/modprobe.d.
PREFIX ?= /usr/local
DESTDIR ?=
MANDIR ?= $(PREFIX)/share/man
MODDIR ?= /lib/modules
KVER ?=
INSTALL_KVERS = $(or $(KVER),$(KVERS))
PSAC_VERSION := $(shell sed -n 's/^\#define PSAC_MODULE_VERSION "\(.*\)"/\1/p' kmod/psac.h)
MANPAGES := man/psac.8 man/psac.4 man/psac-wireshark.7

.PHONY: install uninstall install-module uninstall-module install-man \
	uninstall-man dkms-install dkms-uninstall

install: install-module install-man
	$(MAKE) -C tools install PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)
	$(MAKE) -C dissector install DESTDIR=$(DESTDIR)
	install -D -m 0644 etc/psac.conf.example $(DESTDIR)/etc/modprobe.d/psac.conf.example

uninstall: uninstall-module uninstall-man
	$(MAKE) -C tools uninstall PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)
	$(MAKE) -C dissector uninstall DESTDIR=$(DESTDIR)
	rm -f $(DESTDIR)/etc/modprobe.d/psac.conf.example

install-module: modules
	@set -e; for k in $(INSTALL_KVERS); do \
		install -D -m 0644 $(BUILD)/kmod/$$k/kmod/psac.ko \
			$(DESTDIR)$(MODDIR)/$$k/extra/psac.ko; \
		echo "  INSTALL $(DESTDIR)$(MODDIR)/$$k/extra/psac.ko"; \
		if [ -z "$(DESTDIR)" ]; then depmod -a $$k; fi; \
	done

uninstall-module:
	@set -e; for k in $(INSTALL_KVERS); do \
		rm -f $(DESTDIR)$(MODDIR)/$$k/extra/psac.ko; \
		if [ -z "$(DESTDIR)" ] && [ -d $(MODDIR)/$$k/kernel ]; then depmod -a $$k; fi; \
	done

install-man:
	@set -e; for m in $(MANPAGES); do \
		s=$${m##*.}; \
		install -D -m 0644 $$m $(DESTDIR)$(MANDIR)/man$$s/$${m##*/}; \
	done

uninstall-man:
	@for m in $(MANPAGES); do rm -f $(DESTDIR)$(MANDIR)/man$${m##*.}/$${m##*/}; done

# DKMS: copy what dkms.conf builds; without DESTDIR also add, build and
# install it for every installed kernel that has headers.
DKMS_SRC = $(DESTDIR)/usr/src/psac-$(PSAC_VERSION)
dkms-install:
	install -d $(DKMS_SRC)
	rsync -a --delete --exclude='*.o' --exclude='*.ko' --exclude='*.cmd' \
		--exclude='*.mod*' --exclude='.*.d' --exclude=tests/user \
		--exclude=tests/fuzz Kbuild kmod uapi dkms.conf $(DKMS_SRC)/
	@set -e; if [ -z "$(DESTDIR)" ]; then \
		dkms add -m psac -v $(PSAC_VERSION); \
		for b in /lib/modules/*/build; do \
			[ -e "$$b" ] || continue; \
			k=$${b#/lib/modules/}; k=$${k%/build}; \
			dkms install -m psac -v $(PSAC_VERSION) -k $$k; \
		done; \
	fi

# The kernel's ynl CLI drives the module through uapi/psac.yaml, in the VM.
.PHONY: ynl-vmtest
ynl-vmtest: modules tools
	scripts/eco/ynl-vm.sh $(KVERS)

dkms-uninstall:
	-[ -n "$(DESTDIR)" ] || dkms remove -m psac -v $(PSAC_VERSION) --all
	rm -rf $(DKMS_SRC)
