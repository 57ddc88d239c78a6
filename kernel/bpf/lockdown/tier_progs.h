/* SPDX-License-Identifier: GPL-2.0 */
/* BPF lockdown - unsigned tier: program and attach type classification */

/*
 * X-macro tables shared by the kernel and bpf-annotate.
 *
 * BPF_LOCKDOWN_PROG(TYPE, name, INTEGRITY, CONFIDENTIALITY, CLASS) gives the
 * verdict for every BPF_PROG_TYPE_TYPE, in enum order; the build fails when
 * the kernel has a program type that is not listed.
 *
 * BPF_LOCKDOWN_ATTACH(TYPE, ATTACH, name, INTEGRITY, CONFIDENTIALITY, CLASS)
 * refines a program type by expected attach type. A program type whose
 * behaviour depends on the attach type is DENY in the first table, so an
 * attach type that is not listed here is denied.
 */
#ifdef BPF_LOCKDOWN_PROG
BPF_LOCKDOWN_PROG(UNSPEC, "unspec", DENY, DENY, INVALID)
/* filters only the socket it is attached to, which the loader owns */
BPF_LOCKDOWN_PROG(SOCKET_FILTER, "socket_filter", ALLOW, ALLOW, OBSERVE)
/* allowed per attach type below */
BPF_LOCKDOWN_PROG(KPROBE, "kprobe", DENY, DENY, UNCLASSIFIED)
BPF_LOCKDOWN_PROG(SCHED_CLS, "sched_cls", DENY, DENY, WRITES_PACKETS)
BPF_LOCKDOWN_PROG(SCHED_ACT, "sched_act", DENY, DENY, WRITES_PACKETS)
BPF_LOCKDOWN_PROG(TRACEPOINT, "tracepoint", ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_PROG(XDP, "xdp", DENY, DENY, WRITES_PACKETS)
BPF_LOCKDOWN_PROG(PERF_EVENT, "perf_event", ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_PROG(CGROUP_SKB, "cgroup_skb", DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_PROG(CGROUP_SOCK, "cgroup_sock", DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_PROG(LWT_IN, "lwt_in", DENY, DENY, WRITES_PACKETS)
BPF_LOCKDOWN_PROG(LWT_OUT, "lwt_out", DENY, DENY, WRITES_PACKETS)
BPF_LOCKDOWN_PROG(LWT_XMIT, "lwt_xmit", DENY, DENY, WRITES_PACKETS)
BPF_LOCKDOWN_PROG(SOCK_OPS, "sock_ops", DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_PROG(SK_SKB, "sk_skb", DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_PROG(CGROUP_DEVICE, "cgroup_device", DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_PROG(SK_MSG, "sk_msg", DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_PROG(RAW_TRACEPOINT, "raw_tracepoint", ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_PROG(CGROUP_SOCK_ADDR, "cgroup_sock_addr", DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_PROG(LWT_SEG6LOCAL, "lwt_seg6local", DENY, DENY, WRITES_PACKETS)
/* decodes and injects input events */
BPF_LOCKDOWN_PROG(LIRC_MODE2, "lirc_mode2", DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_PROG(SK_REUSEPORT, "sk_reuseport", DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_PROG(FLOW_DISSECTOR, "flow_dissector", DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_PROG(CGROUP_SYSCTL, "cgroup_sysctl", DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
/* may write into the tracepoint's arguments */
BPF_LOCKDOWN_PROG(RAW_TRACEPOINT_WRITABLE, "raw_tracepoint_writable", DENY, DENY,
		  MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_PROG(CGROUP_SOCKOPT, "cgroup_sockopt", DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
/* allowed per attach type below */
BPF_LOCKDOWN_PROG(TRACING, "tracing", DENY, DENY, UNCLASSIFIED)
/* TCP congestion control, sched_ext and other kernel callbacks */
BPF_LOCKDOWN_PROG(STRUCT_OPS, "struct_ops", DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
/* replaces functions of another program (freplace) */
BPF_LOCKDOWN_PROG(EXT, "ext", DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
/* returns security decisions */
BPF_LOCKDOWN_PROG(LSM, "lsm", DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_PROG(SK_LOOKUP, "sk_lookup", DENY, DENY, CONTROLS_NETWORK)
/* runs bpf() commands: loaders of other programs */
BPF_LOCKDOWN_PROG(SYSCALL, "syscall", DENY, DENY, LOADS_PROGRAMS)
BPF_LOCKDOWN_PROG(NETFILTER, "netfilter", DENY, DENY, CONTROLS_NETWORK)
#endif

#ifdef BPF_LOCKDOWN_ATTACH
/* kprobes and uprobes: attach type 0 */
BPF_LOCKDOWN_ATTACH(KPROBE, 0, "kprobe", ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_ATTACH(KPROBE, BPF_TRACE_KPROBE_MULTI, "kprobe/multi", ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_ATTACH(KPROBE, BPF_TRACE_UPROBE_MULTI, "kprobe/uprobe_multi", ALLOW, ALLOW, OBSERVE)
/* a session entry probe may skip its return probe, nothing else */
BPF_LOCKDOWN_ATTACH(KPROBE, BPF_TRACE_KPROBE_SESSION, "kprobe/session", ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_ATTACH(TRACING, BPF_TRACE_RAW_TP, "tracing/tp_btf", ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_ATTACH(TRACING, BPF_TRACE_FENTRY, "tracing/fentry", ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_ATTACH(TRACING, BPF_TRACE_FEXIT, "tracing/fexit", ALLOW, ALLOW, OBSERVE)
/* changes the return value of the traced function */
BPF_LOCKDOWN_ATTACH(TRACING, BPF_MODIFY_RETURN, "tracing/fmod_ret", DENY, DENY,
		    MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_ATTACH(TRACING, BPF_TRACE_ITER, "tracing/iter", ALLOW, ALLOW, OBSERVE)
#endif
