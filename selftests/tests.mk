# SPDX-License-Identifier: GPL-2.0
# BPF lockdown selftests: the one list of the tests and of what each needs.
#
# Included by the top Makefile of the BPF lockdown repository and, in the
# kernel tree, by tools/testing/selftests/bpf_lockdown/Makefile; each maps
# the lists below to its own compiler and linker flags.
#
#   BPF_LOCKDOWN_TESTS          the C tests (kselftest harness), in the
#                               order they run
#   BPF_LOCKDOWN_TESTS_ONE_WAY  those that leave the kernel changed until it
#                               reboots (they raise the mode and the lockdown
#                               level): last in a boot, never on a machine
#                               that is not a test VM
#   BPF_LOCKDOWN_TESTS_LIBBPF   those that link libbpf (with libelf, zlib)
#   BPF_LOCKDOWN_TESTS_ANNOT    those that compile the kernel's annotation
#                               parser and builder (annot.c, annot_build.c)
#   BPF_LOCKDOWN_TESTS_DIGEST   those that also compile the kernel's program
#                               digest (digest.c) and sign with libcrypto
#   BPF_LOCKDOWN_PROGS_<test>   the BPF objects (progs/NAME.bpf.c) a test
#                               loads from its own directory

BPF_LOCKDOWN_TESTS := stats_test mode_test tier_test observe_test conf_test annot_load_test \
	excl_map_test mainline_sig_test sig_load_test adversary_test escape_test surface_test attach_test raise_test
BPF_LOCKDOWN_TESTS_ONE_WAY := raise_test
BPF_LOCKDOWN_TESTS_LIBBPF := raise_test excl_map_test mainline_sig_test tier_test observe_test conf_test sig_load_test \
	adversary_test escape_test surface_test attach_test
BPF_LOCKDOWN_TESTS_ANNOT := annot_load_test excl_map_test mainline_sig_test conf_test sig_load_test surface_test attach_test
BPF_LOCKDOWN_TESTS_DIGEST := excl_map_test mainline_sig_test conf_test sig_load_test surface_test attach_test
BPF_LOCKDOWN_PROGS_observe_test := observe
BPF_LOCKDOWN_PROGS_conf_test := conf_read
BPF_LOCKDOWN_PROGS_adversary_test := adv_iter_map adv_btf_write adv_btf_read adv_obj_new
