// SPDX-License-Identifier: GPL-2.0
/*
 * bpf-annotate test object: one program per section family, for what seal
 * infers about where each may be attached (run.sh). Never loaded.
 */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define PROG(sec, name)					\
	SEC(sec) int name(void *ctx) { return 0; }

PROG("kprobe/do_nanosleep", at_kprobe)
PROG("kretprobe/do_nanosleep", at_kretprobe)
PROG("ksyscall/getppid", at_ksyscall)
PROG("uprobe//usr/bin/true:main", at_uprobe)
PROG("uretprobe/libc.so.6:malloc", at_uretprobe_rel)
PROG("kprobe.multi/do_nano*", at_kmulti)
PROG("kprobe.multi/*nanosleep", at_kmulti_glob)
PROG("kprobe.session/do_nanosleep", at_ksession)
PROG("uprobe.multi//usr/bin/true:ma*", at_umulti)
PROG("tp/syscalls/sys_enter_getppid", at_tp)
PROG("raw_tp/sys_enter", at_raw_tp)
PROG("tp_btf/sched_switch", at_tp_btf)
PROG("fentry/do_nanosleep", at_fentry)
PROG("xdp", at_xdp)
PROG("tc", at_tc)
PROG("tcx/ingress", at_tcx)
PROG("socket", at_socket)
PROG("sk_reuseport", at_reuseport)
PROG("cgroup_skb/ingress", at_cg_ingress)
PROG("cgroup/skb", at_cg_skb)
PROG("cgroup/connect4", at_cg_connect4)
PROG("perf_event", at_perf)
PROG("sockops", at_sockops)
PROG("sk_skb/stream_verdict", at_sk_skb)
PROG("sk_msg", at_sk_msg)
PROG("flow_dissector", at_flow)
PROG("lwt_in", at_lwt)

char LICENSE[] SEC("license") = "GPL";
