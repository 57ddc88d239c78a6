/* SPDX-License-Identifier: GPL-2.0 */
/* BPF lockdown - attach kinds: names, and the unsigned tier at attach time */

/*
 * X-macro tables shared by the kernel and bpf-annotate.
 *
 * BPF_LOCKDOWN_ATTACH_TYPE(TYPE, name) names every BPF_TYPE of enum
 * bpf_attach_type, in enum order; the build fails when the kernel has an
 * attach type that is not listed. When an unsigned program is attached
 * with an attach type, the tier's verdict is that of its program type
 * refined by that attach type (tier_progs.h) at the current level.
 *
 * BPF_LOCKDOWN_ATTACH_KIND(KIND, name, INTEGRITY, CONFIDENTIALITY, CLASS)
 * gives the verdict for every BPF_LOCKDOWN_ATTACH_KIND, the ways to attach
 * a program that have no attach type, in enum order. A program type the
 * tier allows may still be attached only where its kind is allowed: a
 * socket filter filters its own socket (SO_ATTACH_BPF), but the same
 * program would decide the fate of packets as an iptables match.
 */
#ifdef BPF_LOCKDOWN_ATTACH_TYPE
BPF_LOCKDOWN_ATTACH_TYPE(CGROUP_INET_INGRESS, "cgroup_inet_ingress")
BPF_LOCKDOWN_ATTACH_TYPE(CGROUP_INET_EGRESS, "cgroup_inet_egress")
BPF_LOCKDOWN_ATTACH_TYPE(CGROUP_INET_SOCK_CREATE, "cgroup_inet_sock_create")
BPF_LOCKDOWN_ATTACH_TYPE(CGROUP_SOCK_OPS, "cgroup_sock_ops")
BPF_LOCKDOWN_ATTACH_TYPE(SK_SKB_STREAM_PARSER, "sk_skb_stream_parser")
BPF_LOCKDOWN_ATTACH_TYPE(SK_SKB_STREAM_VERDICT, "sk_skb_stream_verdict")
BPF_LOCKDOWN_ATTACH_TYPE(CGROUP_DEVICE, "cgroup_device")
BPF_LOCKDOWN_ATTACH_TYPE(SK_MSG_VERDICT, "sk_msg_verdict")
BPF_LOCKDOWN_ATTACH_TYPE(CGROUP_INET4_BIND, "cgroup_inet4_bind")
BPF_LOCKDOWN_ATTACH_TYPE(CGROUP_INET6_BIND, "cgroup_inet6_bind")
BPF_LOCKDOWN_ATTACH_TYPE(CGROUP_INET4_CONNECT, "cgroup_inet4_connect")
BPF_LOCKDOWN_ATTACH_TYPE(CGROUP_INET6_CONNECT, "cgroup_inet6_connect")
BPF_LOCKDOWN_ATTACH_TYPE(CGROUP_INET4_POST_BIND, "cgroup_inet4_post_bind")
BPF_LOCKDOWN_ATTACH_TYPE(CGROUP_INET6_POST_BIND, "cgroup_inet6_post_bind")
BPF_LOCKDOWN_ATTACH_TYPE(CGROUP_UDP4_SENDMSG, "cgroup_udp4_sendmsg")
BPF_LOCKDOWN_ATTACH_TYPE(CGROUP_UDP6_SENDMSG, "cgroup_udp6_sendmsg")
BPF_LOCKDOWN_ATTACH_TYPE(LIRC_MODE2, "lirc_mode2")
BPF_LOCKDOWN_ATTACH_TYPE(FLOW_DISSECTOR, "flow_dissector")
BPF_LOCKDOWN_ATTACH_TYPE(CGROUP_SYSCTL, "cgroup_sysctl")
BPF_LOCKDOWN_ATTACH_TYPE(CGROUP_UDP4_RECVMSG, "cgroup_udp4_recvmsg")
BPF_LOCKDOWN_ATTACH_TYPE(CGROUP_UDP6_RECVMSG, "cgroup_udp6_recvmsg")
BPF_LOCKDOWN_ATTACH_TYPE(CGROUP_GETSOCKOPT, "cgroup_getsockopt")
BPF_LOCKDOWN_ATTACH_TYPE(CGROUP_SETSOCKOPT, "cgroup_setsockopt")
BPF_LOCKDOWN_ATTACH_TYPE(TRACE_RAW_TP, "trace_raw_tp")
BPF_LOCKDOWN_ATTACH_TYPE(TRACE_FENTRY, "trace_fentry")
BPF_LOCKDOWN_ATTACH_TYPE(TRACE_FEXIT, "trace_fexit")
BPF_LOCKDOWN_ATTACH_TYPE(MODIFY_RETURN, "modify_return")
BPF_LOCKDOWN_ATTACH_TYPE(LSM_MAC, "lsm_mac")
BPF_LOCKDOWN_ATTACH_TYPE(TRACE_ITER, "trace_iter")
BPF_LOCKDOWN_ATTACH_TYPE(CGROUP_INET4_GETPEERNAME, "cgroup_inet4_getpeername")
BPF_LOCKDOWN_ATTACH_TYPE(CGROUP_INET6_GETPEERNAME, "cgroup_inet6_getpeername")
BPF_LOCKDOWN_ATTACH_TYPE(CGROUP_INET4_GETSOCKNAME, "cgroup_inet4_getsockname")
BPF_LOCKDOWN_ATTACH_TYPE(CGROUP_INET6_GETSOCKNAME, "cgroup_inet6_getsockname")
BPF_LOCKDOWN_ATTACH_TYPE(XDP_DEVMAP, "xdp_devmap")
BPF_LOCKDOWN_ATTACH_TYPE(CGROUP_INET_SOCK_RELEASE, "cgroup_inet_sock_release")
BPF_LOCKDOWN_ATTACH_TYPE(XDP_CPUMAP, "xdp_cpumap")
BPF_LOCKDOWN_ATTACH_TYPE(SK_LOOKUP, "sk_lookup")
BPF_LOCKDOWN_ATTACH_TYPE(XDP, "xdp")
BPF_LOCKDOWN_ATTACH_TYPE(SK_SKB_VERDICT, "sk_skb_verdict")
BPF_LOCKDOWN_ATTACH_TYPE(SK_REUSEPORT_SELECT, "sk_reuseport_select")
BPF_LOCKDOWN_ATTACH_TYPE(SK_REUSEPORT_SELECT_OR_MIGRATE, "sk_reuseport_select_or_migrate")
BPF_LOCKDOWN_ATTACH_TYPE(PERF_EVENT, "perf_event")
BPF_LOCKDOWN_ATTACH_TYPE(TRACE_KPROBE_MULTI, "trace_kprobe_multi")
BPF_LOCKDOWN_ATTACH_TYPE(LSM_CGROUP, "lsm_cgroup")
BPF_LOCKDOWN_ATTACH_TYPE(STRUCT_OPS, "struct_ops")
BPF_LOCKDOWN_ATTACH_TYPE(NETFILTER, "netfilter")
BPF_LOCKDOWN_ATTACH_TYPE(TCX_INGRESS, "tcx_ingress")
BPF_LOCKDOWN_ATTACH_TYPE(TCX_EGRESS, "tcx_egress")
BPF_LOCKDOWN_ATTACH_TYPE(TRACE_UPROBE_MULTI, "trace_uprobe_multi")
BPF_LOCKDOWN_ATTACH_TYPE(CGROUP_UNIX_CONNECT, "cgroup_unix_connect")
BPF_LOCKDOWN_ATTACH_TYPE(CGROUP_UNIX_SENDMSG, "cgroup_unix_sendmsg")
BPF_LOCKDOWN_ATTACH_TYPE(CGROUP_UNIX_RECVMSG, "cgroup_unix_recvmsg")
BPF_LOCKDOWN_ATTACH_TYPE(CGROUP_UNIX_GETPEERNAME, "cgroup_unix_getpeername")
BPF_LOCKDOWN_ATTACH_TYPE(CGROUP_UNIX_GETSOCKNAME, "cgroup_unix_getsockname")
BPF_LOCKDOWN_ATTACH_TYPE(NETKIT_PRIMARY, "netkit_primary")
BPF_LOCKDOWN_ATTACH_TYPE(NETKIT_PEER, "netkit_peer")
BPF_LOCKDOWN_ATTACH_TYPE(TRACE_KPROBE_SESSION, "trace_kprobe_session")
#endif

#ifdef BPF_LOCKDOWN_ATTACH_KIND
/*
 * perf kprobes: stock lockdown refuses to create kprobe events at
 * confidentiality (LOCKDOWN_KPROBES, kprobe_event= at boot included), but
 * one created before the level was raised still exists; attaching to it
 * exposes what a kprobe_multi link exposes (tier_progs.h "kprobe/multi")
 */
BPF_LOCKDOWN_ATTACH_KIND(KPROBE, "kprobe", ALLOW, DENY, LEAKS_KERNEL_ADDRESS)
BPF_LOCKDOWN_ATTACH_KIND(KRETPROBE, "kretprobe", ALLOW, DENY, LEAKS_KERNEL_ADDRESS)
BPF_LOCKDOWN_ATTACH_KIND(UPROBE, "uprobe", ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_ATTACH_KIND(URETPROBE, "uretprobe", ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_ATTACH_KIND(TRACEPOINT, "tracepoint", ALLOW, ALLOW, OBSERVE)
/* at confidentiality, by the arguments it reads (bpf_lockdown_check_raw_tp()) */
BPF_LOCKDOWN_ATTACH_KIND(RAW_TRACEPOINT, "raw_tracepoint", ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_ATTACH_KIND(PERF_EVENT, "perf_counter", ALLOW, ALLOW, OBSERVE)
/* filters only the socket it is attached to, which the loader owns */
BPF_LOCKDOWN_ATTACH_KIND(SOCKET, "socket", ALLOW, ALLOW, OBSERVE)
/* selects which socket of a reuseport group gets a connection */
BPF_LOCKDOWN_ATTACH_KIND(REUSEPORT, "reuseport", DENY, DENY, CONTROLS_NETWORK)
/* classifies, redirects and drops packets of a device */
BPF_LOCKDOWN_ATTACH_KIND(TC, "tc", DENY, DENY, WRITES_PACKETS)
/* decides whether an iptables rule matches, so the fate of packets */
BPF_LOCKDOWN_ATTACH_KIND(XT, "xt", DENY, DENY, CONTROLS_NETWORK)
/* rewrites and redirects routed packets */
BPF_LOCKDOWN_ATTACH_KIND(LWT, "lwt", DENY, DENY, WRITES_PACKETS)
/* drops packets of a tun device or selects their queue */
BPF_LOCKDOWN_ATTACH_KIND(TUN, "tun", DENY, DENY, CONTROLS_NETWORK)
/* cuts a TCP stream into the messages of a KCM socket */
BPF_LOCKDOWN_ATTACH_KIND(KCM, "kcm", DENY, DENY, CONTROLS_NETWORK)
/* selects which socket of a fanout group gets a packet */
BPF_LOCKDOWN_ATTACH_KIND(FANOUT, "fanout", DENY, DENY, CONTROLS_NETWORK)
#endif
