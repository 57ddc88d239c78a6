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
/*
 * untyped u64 arguments, kernel pointers for many tracepoints: at
 * confidentiality attached only where what it reads holds no pointer
 * (bpf_lockdown_check_raw_tp())
 */
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
/* a kernel function's registers: kernel pointers the verifier types as numbers */
BPF_LOCKDOWN_ATTACH(KPROBE, BPF_TRACE_KPROBE_MULTI, "kprobe/multi", ALLOW, DENY,
		    LEAKS_KERNEL_ADDRESS)
BPF_LOCKDOWN_ATTACH(KPROBE, BPF_TRACE_UPROBE_MULTI, "kprobe/uprobe_multi", ALLOW, ALLOW, OBSERVE)
/* as kprobe/multi; a session entry probe may skip its return probe, nothing else */
BPF_LOCKDOWN_ATTACH(KPROBE, BPF_TRACE_KPROBE_SESSION, "kprobe/session", ALLOW, DENY,
		    LEAKS_KERNEL_ADDRESS)
BPF_LOCKDOWN_ATTACH(TRACING, BPF_TRACE_RAW_TP, "tracing/tp_btf", ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_ATTACH(TRACING, BPF_TRACE_FENTRY, "tracing/fentry", ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_ATTACH(TRACING, BPF_TRACE_FEXIT, "tracing/fexit", ALLOW, ALLOW, OBSERVE)
/* changes the return value of the traced function */
BPF_LOCKDOWN_ATTACH(TRACING, BPF_MODIFY_RETURN, "tracing/fmod_ret", DENY, DENY,
		    MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_ATTACH(TRACING, BPF_TRACE_ITER, "tracing/iter", ALLOW, ALLOW, OBSERVE)
#endif

#ifdef BPF_LOCKDOWN_ITER
/*
 * BPF_LOCKDOWN_ITER(target, INTEGRITY, CONFIDENTIALITY, CLASS) refines
 * tracing/iter by its target, the kernel's bpf_iter_<target>. A target not
 * listed is denied. Every target hands its program BTF pointers to kernel
 * objects: reading through them, by load or as helper memory, is the
 * btf_pointer_read capability. Targets that hand out writable memory are
 * not observation.
 */
BPF_LOCKDOWN_ITER(bpf_map, ALLOW, ALLOW, OBSERVE)
/*
 * hands out each value as writable memory: the kernel refuses to attach a
 * writing iterator to a map that programs may not write (read-only to
 * programs, frozen, opened read-only) and any iterator to values with
 * special fields, so it writes only what the loader could write itself
 */
BPF_LOCKDOWN_ITER(bpf_map_elem, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_ITER(bpf_prog, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_ITER(bpf_link, ALLOW, ALLOW, OBSERVE)
/* as bpf_map_elem, for socket local storage */
BPF_LOCKDOWN_ITER(bpf_sk_storage_map, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_ITER(task, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_ITER(task_file, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_ITER(task_vma, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_ITER(cgroup, ALLOW, ALLOW, OBSERVE)
/*
 * socket iterators may call bpf_setsockopt() and bpf_sock_destroy() and
 * put sockets into sockmaps: those are refused as helpers, kfuncs and map
 * types, so what is left observes
 */
BPF_LOCKDOWN_ITER(tcp, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_ITER(udp, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_ITER(unix, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_ITER(netlink, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_ITER(ipv6_route, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_ITER(sockmap, ALLOW, ALLOW, OBSERVE)
/* kallsyms entries: kernel addresses, read through a BTF pointer */
BPF_LOCKDOWN_ITER(ksym, ALLOW, ALLOW, OBSERVE)
#endif

#ifdef BPF_LOCKDOWN_MAP
/*
 * BPF_LOCKDOWN_MAP(TYPE, name, INTEGRITY, CONFIDENTIALITY, CLASS) gives the
 * verdict on an unsigned program that uses a map of type
 * BPF_MAP_TYPE_TYPE, for every map type in enum order; the build fails
 * when the kernel has a map type that is not listed. A map-in-map is
 * judged with its inner map's type too.
 */
BPF_LOCKDOWN_MAP(UNSPEC, "unspec", DENY, DENY, INVALID)
BPF_LOCKDOWN_MAP(HASH, "hash", ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_MAP(ARRAY, "array", ALLOW, ALLOW, BPF_INTERNAL)
/* its programs are checked when loaded; signed and unsigned never mix */
BPF_LOCKDOWN_MAP(PROG_ARRAY, "prog_array", ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_MAP(PERF_EVENT_ARRAY, "perf_event_array", ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_MAP(PERCPU_HASH, "percpu_hash", ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_MAP(PERCPU_ARRAY, "percpu_array", ALLOW, ALLOW, BPF_INTERNAL)
/* filled only by bpf_get_stackid(), whose kernel stacks are checked there */
BPF_LOCKDOWN_MAP(STACK_TRACE, "stack_trace", ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_MAP(CGROUP_ARRAY, "cgroup_array", ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_MAP(LRU_HASH, "lru_hash", ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_MAP(LRU_PERCPU_HASH, "lru_percpu_hash", ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_MAP(LPM_TRIE, "lpm_trie", ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_MAP(ARRAY_OF_MAPS, "array_of_maps", ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_MAP(HASH_OF_MAPS, "hash_of_maps", ALLOW, ALLOW, BPF_INTERNAL)
/* redirect targets, socket steering, AF_XDP sockets */
BPF_LOCKDOWN_MAP(DEVMAP, "devmap", DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_MAP(SOCKMAP, "sockmap", DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_MAP(CPUMAP, "cpumap", DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_MAP(XSKMAP, "xskmap", DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_MAP(SOCKHASH, "sockhash", DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_MAP(CGROUP_STORAGE_DEPRECATED, "cgroup_storage", ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_MAP(REUSEPORT_SOCKARRAY, "reuseport_sockarray", DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_MAP(PERCPU_CGROUP_STORAGE_DEPRECATED, "percpu_cgroup_storage", ALLOW, ALLOW,
		 BPF_INTERNAL)
BPF_LOCKDOWN_MAP(QUEUE, "queue", ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_MAP(STACK, "stack", ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_MAP(SK_STORAGE, "sk_storage", ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_MAP(DEVMAP_HASH, "devmap_hash", DENY, DENY, CONTROLS_NETWORK)
/* kernel callbacks; registration is checked on its own */
BPF_LOCKDOWN_MAP(STRUCT_OPS, "struct_ops", DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_MAP(RINGBUF, "ringbuf", ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_MAP(INODE_STORAGE, "inode_storage", ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_MAP(TASK_STORAGE, "task_storage", ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_MAP(BLOOM_FILTER, "bloom_filter", ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_MAP(USER_RINGBUF, "user_ringbuf", ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_MAP(CGRP_STORAGE, "cgrp_storage", ALLOW, ALLOW, BPF_INTERNAL)
/* memory shared by the program and its loader, mapped in both */
BPF_LOCKDOWN_MAP(ARENA, "arena", ALLOW, ALLOW, BPF_INTERNAL)
#endif
