# SPDX-License-Identifier: GPL-2.0
# BPF lockdown policy for Linux 6.12: build, test and demo.
#
# make demo    the main job: build, boot locked down, show the feature
# make check   everything on a fresh machine; ends with "N passed, N failed"

SHELL  := /bin/bash
TOP    := $(CURDIR)
BUILD  := $(TOP)/build
KSRC   := $(BUILD)/linux
BIN    := $(BUILD)/bin
STDIR  := $(BUILD)/selftests
NPROC  := $(shell nproc)
BZIMAGE := $(KSRC)/arch/x86/boot/bzImage

export CCACHE_DIR ?= $(HOME)/.cache/ccache
export CCACHE_NOHASHDIR := 1
export CCACHE_BASEDIR := $(KSRC)
KMAKE  := $(MAKE) -C $(KSRC) -j$(shell echo $$(($(NPROC) + 1))) CC="ccache gcc" HOSTCC="ccache gcc"

CC     ?= gcc
CFLAGS_USER := -O2 -g -Wall -Wextra -Wno-unused-parameter -std=gnu11 \
	-I$(TOP)/include/uapi -I$(KSRC)/tools/include/uapi
BPF_CLANG ?= clang

.PHONY: FORCE all deps prepare kernel kernel-debug check-debug tools unit fuzz vmtest check demo patches patches-verify \
	verifier-compare bench-tool bench-load bench-kernel clean help
all: kernel tools
FORCE:

help:
	@sed -n '3,5p' Makefile | sed 's/^# //'
	@echo "targets: deps prepare kernel tools unit vmtest check demo patches verifier-compare" \
		"bench-tool bench-load bench-kernel clean"

deps:
	@$(TOP)/scripts/deps

# Unpack, overlay, patch and configure build/linux (only what changed).
prepare: deps
	@$(TOP)/scripts/kernel-prepare

kernel-debug: deps
	@KSRC=$(BUILD)/linux-debug EXTRA_CONFIGS="$(TOP)/configs/debug/debug.config" \
		$(TOP)/scripts/kernel-prepare
	@echo "  KERNEL  build/linux-debug bzImage (KASAN, UBSAN, KFENCE, lockdep, kmemleak)"
	@CCACHE_BASEDIR=$(BUILD)/linux-debug $(MAKE) -C $(BUILD)/linux-debug \
		-j$$(($(NPROC) + 1)) CC="ccache gcc" HOSTCC="ccache gcc" -s bzImage

# the debug kernel, every VM suite on it, a stress run, kmemleak, the fuzzers
check-debug: deps
	@$(TOP)/scripts/check-debug

kernel: prepare
	@echo "  KERNEL  bzImage (ccache, -j$$(($(NPROC) + 1)))"
	@$(KMAKE) -s bzImage
	@$(TOP)/scripts/check-kfuncs $(KSRC)
	@ls -l $(BZIMAGE) | awk '{ print "  KERNEL  " $$NF " " $$5 " bytes" }'

# --- userspace: bpf-annotate and the selftests -----------------------------
include $(TOP)/tools/annotate/Makefile.inc

ST_CFLAGS := $(CFLAGS_USER) -Wno-clobbered -I$(KSRC)/tools/testing/selftests -I$(TOP)/selftests
# the tests, also built in the kernel tree by the patch series, and freplace_test
# and lskel_test, which need bpf-annotate
include $(TOP)/selftests/tests.mk
ST_TESTS := $(BPF_LOCKDOWN_TESTS) freplace_test lskel_test sealed_skel_test sealed_load
ST_LOCKDOWN := $(TOP)/kernel/bpf/lockdown
# what test $1 compiles and links besides its source
st_libs = $(if $(filter $1,$(BPF_LOCKDOWN_TESTS_ANNOT)),-I$(ST_LOCKDOWN) \
		$(ST_LOCKDOWN)/annot.c $(ST_LOCKDOWN)/annot_build.c) \
	$(if $(filter $1,$(BPF_LOCKDOWN_TESTS_DIGEST)),$(ST_LOCKDOWN)/digest.c) \
	$(if $(filter $1,$(BPF_LOCKDOWN_TESTS_LIBBPF)),-lbpf -lelf -lz) \
	$(if $(filter $1,$(BPF_LOCKDOWN_TESTS_DIGEST)),-lcrypto) $(ST_LIBS_$1)
$(foreach t,$(BPF_LOCKDOWN_TESTS),$(eval $(STDIR)/$(t): \
	$(patsubst %,$(STDIR)/%.bpf.o,$(BPF_LOCKDOWN_PROGS_$(t)))))
# the tests that compile shared sources find their kernel headers in the
# shims (tools/annotate/Makefile.inc), which must come before the UAPI ones
$(addprefix $(STDIR)/,$(BPF_LOCKDOWN_TESTS_ANNOT)): ST_CFLAGS := $(BA_SHIM_CFLAGS) $(ST_CFLAGS)

ST_LIBS_freplace_test := -I$(KSRC)/tools/lib -I$(BA_LIB_DIR) \
	-Wl,--start-group $(LIBBA_A) $(LIBBPF_A) -Wl,--end-group -lelf -lz -lcrypto
$(STDIR)/freplace_test: $(LIBBA_A) $(LIBBPF_A) $(STDIR)/freplace_target.o \
	$(STDIR)/freplace_ext.bpf.o
# the extension's target, sealed and signed with the test key
$(STDIR)/freplace_target.o: $(STDIR)/freplace_target.bpf.o $(BIN)/bpf-annotate
	@echo "  SEAL    $@"
	@$(BIN)/bpf-annotate seal $< -o $@ >/dev/null
	@$(BIN)/bpf-annotate sign $@ -k $(BUILD)/keys/signing_key.pem -c $(BUILD)/keys/cert.pem >/dev/null

# Light skeletons of one object by the distribution's bpftool (gen skeleton -L,
# which cannot sign): unsigned, signed by bpf-annotate sign-lskel with the test
# key, signed with one byte of the signed metadata (the BTF magic) changed,
# signed with an annotation, and signed with one that the header then does
# not pass (stripped).
# lskel_test compiles them against the kernel tree's skel_internal.h.
LSKEL_BPFTOOL ?= /usr/sbin/bpftool
LSKELS := $(addprefix $(STDIR)/lskel_,$(addsuffix .lskel.h,plain signed tampered annot reads \
	stripped))
# what bpf-annotate sign-lskel adds to each: an annotation with the loader's
# helpers where the ceiling allows them, without and with kernel reads
LSKEL_FLAGS_annot := --annotate
LSKEL_FLAGS_reads := --kernel-reads
LSKEL_FLAGS_stripped := --kernel-reads
ST_LIBS_lskel_test := -I$(KSRC)/tools/lib -I$(STDIR)
$(STDIR)/lskel_test: $(LSKELS) $(KSRC)/tools/lib/bpf/skel_internal.h
$(STDIR)/lskel_%.lskel.h: $(STDIR)/lskel_count.bpf.o $(BIN)/bpf-annotate
	@echo "  GEN-SKEL $@"
	@$(LSKEL_BPFTOOL) gen skeleton -L $< name lskel_$* > $@.plain
	@if [ $* = plain ]; then mv $@.plain $@; else \
		$(BIN)/bpf-annotate sign-lskel $@.plain -k $(BUILD)/keys/signing_key.pem \
			-c $(BUILD)/keys/cert.pem $(LSKEL_FLAGS_$*) -o $@.signed >/dev/null && \
		rm $@.plain && \
		if [ $* = tampered ]; then \
			sed '0,/\\x9f\\xeb/s//\\x9f\\xea/' $@.signed > $@.tmp && \
			! cmp -s $@.tmp $@.signed && mv $@.tmp $@ && rm $@.signed; \
		elif [ $* = stripped ]; then \
			sed -e '/opts.lockdown_annot/d' \
				-e 's/opts_annot\[\]/opts_annot[] __attribute__((unused))/' \
				$@.signed > $@.tmp && \
			! cmp -s $@.tmp $@.signed && mv $@.tmp $@ && rm $@.signed; \
		else mv $@.signed $@; fi; fi

# bpftool and libbpf of the kernel tree, with the series' patches, which load
# sealed objects: bpftool's own BPF programs are left out (no vmlinux needed),
# and so is the JIT disassembler (libLLVM or libbfd), which nothing here uses
# and which makes each run of bpftool in the VM about a second slower
TREE_BPFTOOL := $(BUILD)/bpftool/bpftool
TREE_LIBBPF_A := $(BUILD)/bpftool/libbpf/libbpf.a
TREE_BPFTOOL_ARGS := feature-clang-bpf-co-re=0 feature-llvm=0 feature-libbfd=0 \
	feature-libbfd-liberty=0 feature-libbfd-liberty-z=0
# bpftool's make does not rebuild on new arguments: other ones start it over
TREE_BPFTOOL_STAMP := $(BUILD)/bpftool-args
$(TREE_BPFTOOL_STAMP): FORCE
	@mkdir -p $(@D)
	@echo '$(TREE_BPFTOOL_ARGS)' | cmp -s - $@ || \
		{ rm -rf $(BUILD)/bpftool; echo '$(TREE_BPFTOOL_ARGS)' > $@; }
$(TREE_BPFTOOL): $(wildcard $(KSRC)/tools/lib/bpf/*.[ch] $(KSRC)/tools/bpf/bpftool/*.[ch]) \
		$(TREE_BPFTOOL_STAMP) | $(KSRC)/.git
	@mkdir -p $(@D)
	@echo "  BPFTOOL $@"
	@$(MAKE) -s --no-print-directory -C $(KSRC)/tools/bpf/bpftool OUTPUT=$(BUILD)/bpftool/ \
		$(TREE_BPFTOOL_ARGS) >/dev/null
$(TREE_LIBBPF_A): $(TREE_BPFTOOL)

# One object sealed four ways, and skeletons of each by the tree's bpftool:
# signed with the test key, signed with a key the kernel does not trust,
# sealed unsigned, and signed with the size of a map that the application
# sets. sealed_skel_test loads them with the tree's libbpf.
SEALED_SKELS := $(addprefix $(STDIR)/sealed_skel_,$(addsuffix .skel.h,signed untrusted unsigned \
	sized))
SEALED_KEY_signed := $(BUILD)/keys/signing_key.pem -c $(BUILD)/keys/cert.pem
SEALED_KEY_sized := $(SEALED_KEY_signed)
SEALED_KEY_untrusted := $(BUILD)/keys/untrusted_key.pem -c $(BUILD)/keys/untrusted_cert.pem
SEALED_FLAGS_sized := --map calls:max_entries=2
$(STDIR)/sealed_skel_%.o: $(STDIR)/sealed_skel.bpf.o $(BIN)/bpf-annotate \
		$(BUILD)/keys/untrusted_cert.pem | $(KSRC)/.git
	@echo "  SEAL    $@"
	@$(BIN)/bpf-annotate seal $< -o $@ $(SEALED_FLAGS_$*) >/dev/null
	@if [ -n "$(SEALED_KEY_$*)" ]; then \
		$(BIN)/bpf-annotate sign $@ -k $(SEALED_KEY_$*) >/dev/null; fi
$(STDIR)/sealed_skel_%.skel.h: $(STDIR)/sealed_skel_%.o $(TREE_BPFTOOL)
	@echo "  GEN-SKEL $@"
	@$(TREE_BPFTOOL) gen skeleton $< name sealed_skel_$* > $@.tmp && mv $@.tmp $@
.SECONDARY: $(SEALED_SKELS:.skel.h=.o)
ST_LIBS_sealed_skel_test := -I$(BUILD)/bpftool/libbpf/include -I$(STDIR) $(TREE_LIBBPF_A) -lelf -lz
$(STDIR)/sealed_skel_test: $(SEALED_SKELS) $(TREE_LIBBPF_A)
# what libbpf-tools-signed-survey --libbpf loads with: an application's open,
# map sizes and load
ST_LIBS_sealed_load := $(ST_LIBS_sealed_skel_test)
$(STDIR)/sealed_load: $(TREE_LIBBPF_A)
# the malformed objects sealed_bpftool_test.sh loads, made once here: python
# takes a second or more to start in a VM under emulation
ELFEDIT := $(TOP)/tools/annotate/tests/elfedit.py
# bpftool_edit NAME EDIT SOURCE: elfedit.py EDIT of SOURCE.o into edited/NAME.o
define bpftool_edit
$(STDIR)/edited/$1.o: $(STDIR)/$3.o $(ELFEDIT)
	@mkdir -p $$(@D)
	@echo "  EDIT    $$@"
	@python3 $(ELFEDIT) $2 $$< $$@
endef
$(eval $(call bpftool_edit,big_sig,big-sig,sealed_skel_signed))
$(eval $(call bpftool_edit,nobits,sealed-nobits,sealed_skel_signed))
$(eval $(call bpftool_edit,renamed,rename-prog,sealed_skel_signed))
$(eval $(call bpftool_edit,kfunc_wrap,extern-wrap,edited/kfunc))
$(STDIR)/edited/kfunc.o: $(STDIR)/kfunc.bpf.o $(BIN)/bpf-annotate
	@mkdir -p $(@D)
	@echo "  SEAL    $@"
	@$(BIN)/bpf-annotate seal $< -o $@ >/dev/null
BPFTOOL_EDITED := $(addprefix $(STDIR)/edited/,big_sig.o nobits.o renamed.o kfunc_wrap.o)

# Debian's libbpf-tools: the BPF object each installed tool embeds, taken
# out and sealed with --kernel-reads and signed with the test key once, here
# and not in every boot that loads them (libbpf_tools_signed_test.sh): as the
# package ships them (signed/) and with a grant of ksym at confidentiality
# (ksym/). Without the package, nothing (the test is skipped); the package's
# file list, written when it is installed or upgraded, and a new test key
# redo it. An object that fails to seal is missing, which the test reports.
LBT_DIR := $(BUILD)/libbpf-tools
LBT_TOOL := /usr/sbin/execsnoop
$(LBT_DIR)/.sealed: $(BIN)/bpf-annotate $(TOP)/scripts/libbpf-tools-objects \
		$(TOP)/scripts/libbpf-tools-seal \
		$(wildcard /var/lib/dpkg/info/libbpf-tools.list $(LBT_TOOL) $(BUILD)/keys/signing_key.pem) \
		| $(KSRC)/.git
	@rm -rf $(LBT_DIR)
	@mkdir -p $(LBT_DIR)
	@if [ -x $(LBT_TOOL) ]; then \
		echo "  SEAL    $(LBT_DIR)/signed $(LBT_DIR)/ksym"; \
		printf 'program *\nlevel confidentiality\nallow cap ksym\n' \
			> $(LBT_DIR)/ksym.policy && \
		$(TOP)/scripts/libbpf-tools-objects --out $(LBT_DIR) > $(LBT_DIR)/seal.log 2>&1 && \
		$(TOP)/scripts/libbpf-tools-seal --out $(LBT_DIR)/signed \
			$(LBT_DIR)/*.bpf.o >> $(LBT_DIR)/seal.log 2>&1 && \
		$(TOP)/scripts/libbpf-tools-seal --out $(LBT_DIR)/ksym \
			--policy $(LBT_DIR)/ksym.policy $(LBT_DIR)/*.bpf.o >> $(LBT_DIR)/seal.log 2>&1 || \
		echo "  SEAL    some objects failed: see $(LBT_DIR)/seal.log"; fi
	@touch $@

# Keys the kernel does not trust, for the signature tests (never committed)
TEST_KEYS := $(BUILD)/keys/untrusted_cert.pem $(BUILD)/keys/ecdsa_cert.der
$(BUILD)/keys/untrusted_cert.pem: | $(KSRC)/.git
	@openssl req -new -nodes -utf8 -sha256 -days 36500 -batch -x509 \
		-subj "/CN=BPF lockdown untrusted test key/" -newkey rsa:2048 \
		-keyout $(BUILD)/keys/untrusted_key.pem -out $@ 2>/dev/null
$(BUILD)/keys/ecdsa_cert.der: | $(KSRC)/.git
	@openssl req -new -nodes -utf8 -sha256 -days 36500 -batch -x509 \
		-subj "/CN=BPF lockdown ECDSA test key/" -newkey ec \
		-pkeyopt ec_paramgen_curve:prime256v1 -keyout $(BUILD)/keys/ecdsa_key.pem \
		-out $(BUILD)/keys/ecdsa_cert.pem 2>/dev/null
	@openssl x509 -in $(BUILD)/keys/ecdsa_cert.pem -outform DER -out $@

$(STDIR)/%: $(TOP)/selftests/%.c $(wildcard $(TOP)/selftests/*.h) | $(KSRC)/.git
	@mkdir -p $(STDIR)
	@echo "  CC      $@"
	@$(CC) $(ST_CFLAGS) -o $@ $< $(call st_libs,$*)

$(STDIR)/%.bpf.o: $(TOP)/selftests/progs/%.bpf.c $(BPF_HELPER_DEFS) | $(KSRC)/.git
	@mkdir -p $(STDIR)
	@echo "  CLANG   $@"
	@$(BPF_CLANG) -target bpf -D__TARGET_ARCH_x86 -O2 -g -Wall \
		-I$(KSRC)/tools/include/uapi -I$(KSRC)/tools/lib -I$(BPF_GEN_INC) -c $< -o $@

$(KSRC)/.git:
	@$(MAKE) --no-print-directory prepare

include $(TOP)/tools/annotate/tests/Makefile.inc
include $(TOP)/tools/annotate/bench/Makefile.inc

tools: deps $(BIN)/bpf-annotate $(addprefix $(STDIR)/,$(ST_TESTS)) $(TEST_KEYS) \
	$(ANNOT_TESTS) $(BA_TEST_PROGS) $(LIBBA_A) $(BA_LIB_TEST) $(LBT_DIR)/.sealed \
	$(BPFTOOL_EDITED)

# --- tests -------------------------------------------------------------------
unit: tools
	@{ $(TOP)/tools/annotate/tests/run.sh; r=$$?; \
	   for t in $(ANNOT_TESTS); do $$t || r=1; done; exit $$r; } | tee $(BUILD)/unit.log; \
		test $${PIPESTATUS[0]} = 0

# libFuzzer with ASan and UBSan on the shared parser and digest
fuzz: deps
	@$(TOP)/fuzz/run

vmtest: kernel tools
	@$(TOP)/selftests/vmtest $(BOOTS) | tee $(BUILD)/vmtest.log; \
		test $${PIPESTATUS[0]} = 0

check: deps
	@$(TOP)/scripts/check

demo: kernel tools
	@$(TOP)/scripts/demo

patches: prepare
	@$(TOP)/scripts/make-patches

# git am the series onto a fresh linux-source-6.12 and build it
patches-verify: kernel patches
	@$(TOP)/scripts/patches-verify

verifier-compare: kernel
	@$(TOP)/scripts/verifier-compare

# --- what the feature costs the kernel (a benchmark, not part of check) --------
# Boots the VM twice per round (BENCH_KERNEL_ROUNDS, default 2) and runs the
# harness there: build/bench/kernel.txt and build/bench/kernel.png
BENCH_KERNEL := $(BUILD)/bench-kernel/bench_kernel
$(BENCH_KERNEL): $(TOP)/tools/bench-kernel/bench_kernel.c $(TOP)/selftests/sign_util.h \
	$(TOP)/kernel/bpf/lockdown/annot.c \
	$(TOP)/kernel/bpf/lockdown/annot_build.c \
	$(TOP)/kernel/bpf/lockdown/digest.c $(wildcard $(TOP)/kernel/bpf/lockdown/*.h) \
	$(BA_SHIM_HDRS) | $(KSRC)/.git
	@mkdir -p $(@D)
	@echo "  CC      $@"
	@$(CC) $(BA_SHIM_CFLAGS) $(CFLAGS_USER) -I$(TOP)/kernel/bpf/lockdown -I$(TOP)/selftests -o $@ $< \
		$(TOP)/kernel/bpf/lockdown/annot.c $(TOP)/kernel/bpf/lockdown/annot_build.c \
		$(TOP)/kernel/bpf/lockdown/digest.c \
		-lbpf -lelf -lz -lcrypto

bench-kernel: deps $(BENCH_KERNEL)
	@test -r $(BZIMAGE) || { echo "bench-kernel: no $(BZIMAGE); run 'make kernel'" >&2; exit 1; }
	@$(TOP)/scripts/bench-kernel

clean:
	rm -rf $(BIN) $(STDIR) $(BUILD)/vmtest $(BUILD)/patches
