/* SPDX-License-Identifier: GPL-2.0 */
/* BPF lockdown - unsigned tier: helper classification */

/*
 * X-macro table, one entry per helper of ___BPF_FUNC_MAPPER, in ID order:
 *
 *	BPF_LOCKDOWN_HELPER(name, id, INTEGRITY, CONFIDENTIALITY, CLASS)
 *
 * name and id are exactly those of the mapper (name without "bpf_").
 * INTEGRITY and CONFIDENTIALITY are the verdicts for a program without a
 * valid signature at lockdown=integrity and lockdown=confidentiality:
 * ALLOW, DENY, USER_STACK (get_stackid, get_stack and get_task_stack at
 * confidentiality only: allowed only when the verifier sees a constant
 * flags argument with BPF_F_USER_STACK) or USER_MEMORY (the compat
 * probe_read and probe_read_str at confidentiality only: allowed, and the
 * kernel gives the program probe_read_user and probe_read_user_str in
 * their place, see bpf_lockdown_probe_read_proto()).  CLASS is a
 * BPF_LOCKDOWN_CLASS ID from tier_classes.h and is the rationale reported
 * on denial.
 *
 * Rules: the tier is default-deny; ALLOW at confidentiality implies ALLOW
 * at integrity; OBSERVE and BPF_INTERNAL are ALLOW/ALLOW;
 * READS_KERNEL_MEMORY and LEAKS_KERNEL_ADDRESS are ALLOW/DENY (or
 * ALLOW/USER_MEMORY for the two compat reads, ALLOW/USER_STACK for the
 * three stack helpers); every other class is DENY/DENY.  Helpers
 * reachable only from program types the tier denies (tc, XDP, cgroup, LSM,
 * struct_ops, syscall, ...) are still classified by what they do.  Pure
 * computations on program-supplied buffers count as OBSERVE.  kfuncs and
 * BTF pointer loads are classified in tier_kfuncs.h; map types and
 * iterator targets are classified in tier_progs.h.
 *
 * No include guard: this file is included several times.
 */
BPF_LOCKDOWN_HELPER(unspec, 0, DENY, DENY, INVALID)
BPF_LOCKDOWN_HELPER(map_lookup_elem, 1, ALLOW, ALLOW, BPF_INTERNAL)
/* maps that steer packets or sockets (sockmap, devmap, xskmap) are refused by type */
BPF_LOCKDOWN_HELPER(map_update_elem, 2, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_HELPER(map_delete_elem, 3, ALLOW, ALLOW, BPF_INTERNAL)
/*
 * legacy probe_read reads kernel memory at a kernel address (archs with a
 * shared address space). Where kernel reads are locked down, a program
 * without a grant to read the kernel gets probe_read_user in its place,
 * which fails there: libbpf, whose probe of probe_read_kernel then fails,
 * rewrites every probe_read_user into this helper
 */
BPF_LOCKDOWN_HELPER(probe_read, 4, ALLOW, USER_MEMORY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_HELPER(ktime_get_ns, 5, ALLOW, ALLOW, OBSERVE)
/* %s/%pks dereference kernel pointers, %px prints them raw */
BPF_LOCKDOWN_HELPER(trace_printk, 6, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_HELPER(get_prandom_u32, 7, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_HELPER(get_smp_processor_id, 8, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_HELPER(skb_store_bytes, 9, DENY, DENY, WRITES_PACKETS)
BPF_LOCKDOWN_HELPER(l3_csum_replace, 10, DENY, DENY, WRITES_PACKETS)
BPF_LOCKDOWN_HELPER(l4_csum_replace, 11, DENY, DENY, WRITES_PACKETS)
/* targets sit in a prog array and were themselves checked at load time */
BPF_LOCKDOWN_HELPER(tail_call, 12, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_HELPER(clone_redirect, 13, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_HELPER(get_current_pid_tgid, 14, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_HELPER(get_current_uid_gid, 15, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_HELPER(get_current_comm, 16, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_HELPER(get_cgroup_classid, 17, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_HELPER(skb_vlan_push, 18, DENY, DENY, WRITES_PACKETS)
BPF_LOCKDOWN_HELPER(skb_vlan_pop, 19, DENY, DENY, WRITES_PACKETS)
/* copies the skb's tunnel metadata (ids, addresses) out: read-only */
BPF_LOCKDOWN_HELPER(skb_get_tunnel_key, 20, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_HELPER(skb_set_tunnel_key, 21, DENY, DENY, WRITES_PACKETS)
/* reads a counter of a perf event the loader opened and put in the map */
BPF_LOCKDOWN_HELPER(perf_event_read, 22, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_HELPER(redirect, 23, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_HELPER(get_route_realm, 24, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_HELPER(perf_event_output, 25, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_HELPER(skb_load_bytes, 26, ALLOW, ALLOW, OBSERVE)
/* kernel stack ids map to kernel text addresses; user stacks stay allowed */
BPF_LOCKDOWN_HELPER(get_stackid, 27, ALLOW, USER_STACK, LEAKS_KERNEL_ADDRESS)
BPF_LOCKDOWN_HELPER(csum_diff, 28, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_HELPER(skb_get_tunnel_opt, 29, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_HELPER(skb_set_tunnel_opt, 30, DENY, DENY, WRITES_PACKETS)
BPF_LOCKDOWN_HELPER(skb_change_proto, 31, DENY, DENY, WRITES_PACKETS)
BPF_LOCKDOWN_HELPER(skb_change_type, 32, DENY, DENY, WRITES_PACKETS)
/* only tests the skb's cgroup against a cgroup array entry */
BPF_LOCKDOWN_HELPER(skb_under_cgroup, 33, ALLOW, ALLOW, OBSERVE)
/* recomputes and stores skb->hash when it is not set: writes skb metadata */
BPF_LOCKDOWN_HELPER(get_hash_recalc, 34, DENY, DENY, WRITES_PACKETS)
BPF_LOCKDOWN_HELPER(get_current_task, 35, ALLOW, DENY, LEAKS_KERNEL_ADDRESS)
BPF_LOCKDOWN_HELPER(probe_write_user, 36, DENY, DENY, WRITES_USER_MEMORY)
BPF_LOCKDOWN_HELPER(current_task_under_cgroup, 37, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_HELPER(skb_change_tail, 38, DENY, DENY, WRITES_PACKETS)
/* linearises (and may reallocate) the skb: changes its layout */
BPF_LOCKDOWN_HELPER(skb_pull_data, 39, DENY, DENY, WRITES_PACKETS)
BPF_LOCKDOWN_HELPER(csum_update, 40, DENY, DENY, WRITES_PACKETS)
BPF_LOCKDOWN_HELPER(set_hash_invalid, 41, DENY, DENY, WRITES_PACKETS)
BPF_LOCKDOWN_HELPER(get_numa_node_id, 42, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_HELPER(skb_change_head, 43, DENY, DENY, WRITES_PACKETS)
BPF_LOCKDOWN_HELPER(xdp_adjust_head, 44, DENY, DENY, WRITES_PACKETS)
/* as probe_read: probe_read_user_str in its place where kernel reads are locked down */
BPF_LOCKDOWN_HELPER(probe_read_str, 45, ALLOW, USER_MEMORY, READS_KERNEL_MEMORY)
/* cookie is an opaque counter (generated lazily), not an address */
BPF_LOCKDOWN_HELPER(get_socket_cookie, 46, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_HELPER(get_socket_uid, 47, ALLOW, ALLOW, OBSERVE)
/* sets skb->hash: packet metadata */
BPF_LOCKDOWN_HELPER(set_hash, 48, DENY, DENY, WRITES_PACKETS)
BPF_LOCKDOWN_HELPER(setsockopt, 49, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_HELPER(skb_adjust_room, 50, DENY, DENY, WRITES_PACKETS)
BPF_LOCKDOWN_HELPER(redirect_map, 51, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_HELPER(sk_redirect_map, 52, DENY, DENY, CONTROLS_NETWORK)
/* inserts a live socket into a sockmap, which then steers its traffic */
BPF_LOCKDOWN_HELPER(sock_map_update, 53, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_HELPER(xdp_adjust_meta, 54, DENY, DENY, WRITES_PACKETS)
BPF_LOCKDOWN_HELPER(perf_event_read_value, 55, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_HELPER(perf_prog_read_value, 56, ALLOW, ALLOW, OBSERVE)
/* read-only subset of getsockopt() on the context socket; no kernel addresses */
BPF_LOCKDOWN_HELPER(getsockopt, 57, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_HELPER(override_return, 58, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
/* changes which sock_ops callbacks the TCP stack invokes for the socket */
BPF_LOCKDOWN_HELPER(sock_ops_cb_flags_set, 59, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_HELPER(msg_redirect_map, 60, DENY, DENY, CONTROLS_NETWORK)
/* changes how many bytes the sk_msg verdict applies to */
BPF_LOCKDOWN_HELPER(msg_apply_bytes, 61, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
/* makes the kernel hold back sk_msg data until enough bytes are queued */
BPF_LOCKDOWN_HELPER(msg_cork_bytes, 62, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
/* like skb_pull_data: may copy and rearrange the message scatterlist */
BPF_LOCKDOWN_HELPER(msg_pull_data, 63, DENY, DENY, WRITES_PACKETS)
/* binds the socket being connected to a local address */
BPF_LOCKDOWN_HELPER(bind, 64, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_HELPER(xdp_adjust_tail, 65, DENY, DENY, WRITES_PACKETS)
/* copies the skb's xfrm state (reqid, spi, addresses) out: read-only */
BPF_LOCKDOWN_HELPER(skb_get_xfrm_state, 66, ALLOW, ALLOW, OBSERVE)
/* kernel stacks are kernel text addresses; user stacks stay allowed */
BPF_LOCKDOWN_HELPER(get_stack, 67, ALLOW, USER_STACK, LEAKS_KERNEL_ADDRESS)
BPF_LOCKDOWN_HELPER(skb_load_bytes_relative, 68, ALLOW, ALLOW, OBSERVE)
/* a lookup, but only useful to take forwarding decisions (tc/XDP): default-deny */
BPF_LOCKDOWN_HELPER(fib_lookup, 69, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_HELPER(sock_hash_update, 70, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_HELPER(msg_redirect_hash, 71, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_HELPER(sk_redirect_hash, 72, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_HELPER(lwt_push_encap, 73, DENY, DENY, WRITES_PACKETS)
BPF_LOCKDOWN_HELPER(lwt_seg6_store_bytes, 74, DENY, DENY, WRITES_PACKETS)
BPF_LOCKDOWN_HELPER(lwt_seg6_adjust_srh, 75, DENY, DENY, WRITES_PACKETS)
/* End.X/End.T/End.B6 actions set the packet's route, not only its bytes */
BPF_LOCKDOWN_HELPER(lwt_seg6_action, 76, DENY, DENY, CONTROLS_NETWORK)
/* injects input events (key repeat) into the rc/input subsystem */
BPF_LOCKDOWN_HELPER(rc_repeat, 77, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
/* injects input events (key down) into the rc/input subsystem */
BPF_LOCKDOWN_HELPER(rc_keydown, 78, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_HELPER(skb_cgroup_id, 79, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_HELPER(get_current_cgroup_id, 80, ALLOW, ALLOW, OBSERVE)
/* cgroup local storage: memory owned by the program's own map */
BPF_LOCKDOWN_HELPER(get_local_storage, 81, ALLOW, ALLOW, BPF_INTERNAL)
/* picks the SO_REUSEPORT socket that receives the connection */
BPF_LOCKDOWN_HELPER(sk_select_reuseport, 82, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_HELPER(skb_ancestor_cgroup_id, 83, ALLOW, ALLOW, OBSERVE)
/* takes a socket reference for sk_assign and friends: default-deny */
BPF_LOCKDOWN_HELPER(sk_lookup_tcp, 84, DENY, DENY, CONTROLS_NETWORK)
/* takes a socket reference for sk_assign and friends: default-deny */
BPF_LOCKDOWN_HELPER(sk_lookup_udp, 85, DENY, DENY, CONTROLS_NETWORK)
/* only pairs with the denied socket lookups */
BPF_LOCKDOWN_HELPER(sk_release, 86, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_HELPER(map_push_elem, 87, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_HELPER(map_pop_elem, 88, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_HELPER(map_peek_elem, 89, ALLOW, ALLOW, BPF_INTERNAL)
/* inserts bytes into the sk_msg payload */
BPF_LOCKDOWN_HELPER(msg_push_data, 90, DENY, DENY, WRITES_PACKETS)
/* removes bytes from the sk_msg payload */
BPF_LOCKDOWN_HELPER(msg_pop_data, 91, DENY, DENY, WRITES_PACKETS)
/* injects relative pointer movement into the rc/input subsystem */
BPF_LOCKDOWN_HELPER(rc_pointer_rel, 92, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_HELPER(spin_lock, 93, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_HELPER(spin_unlock, 94, ALLOW, ALLOW, BPF_INTERNAL)
/* returns a kernel struct sock pointer the program can store */
BPF_LOCKDOWN_HELPER(sk_fullsock, 95, ALLOW, DENY, LEAKS_KERNEL_ADDRESS)
/* returns a kernel struct tcp_sock pointer the program can store */
BPF_LOCKDOWN_HELPER(tcp_sock, 96, ALLOW, DENY, LEAKS_KERNEL_ADDRESS)
BPF_LOCKDOWN_HELPER(skb_ecn_set_ce, 97, DENY, DENY, WRITES_PACKETS)
/* returns a kernel listener struct sock pointer the program can store */
BPF_LOCKDOWN_HELPER(get_listener_sock, 98, ALLOW, DENY, LEAKS_KERNEL_ADDRESS)
/* takes a socket reference for sk_assign and friends: default-deny */
BPF_LOCKDOWN_HELPER(skc_lookup_tcp, 99, DENY, DENY, CONTROLS_NETWORK)
/* syncookie oracle used to accept or drop connections (tc/XDP): default-deny */
BPF_LOCKDOWN_HELPER(tcp_check_syncookie, 100, DENY, DENY, CONTROLS_NETWORK)
/* name of the sysctl being accessed: the program's context */
BPF_LOCKDOWN_HELPER(sysctl_get_name, 101, ALLOW, ALLOW, OBSERVE)
/* current value of the sysctl being accessed, as a proc read would show it */
BPF_LOCKDOWN_HELPER(sysctl_get_current_value, 102, ALLOW, ALLOW, OBSERVE)
/* value user space is writing: the program's context */
BPF_LOCKDOWN_HELPER(sysctl_get_new_value, 103, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_HELPER(sysctl_set_new_value, 104, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_HELPER(strtol, 105, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_HELPER(strtoul, 106, ALLOW, ALLOW, OBSERVE)
/* socket local storage is owned by the program's own map */
BPF_LOCKDOWN_HELPER(sk_storage_get, 107, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_HELPER(sk_storage_delete, 108, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_HELPER(send_signal, 109, DENY, DENY, SIGNALS)
BPF_LOCKDOWN_HELPER(tcp_gen_syncookie, 110, DENY, DENY, CONTROLS_NETWORK)
/*
 * copies the bytes of any sk_buff a tracing program holds a BTF pointer to
 * (other processes' traffic, kernel buffers) to a perf buffer
 */
BPF_LOCKDOWN_HELPER(skb_output, 111, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_HELPER(probe_read_user, 112, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_HELPER(probe_read_kernel, 113, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_HELPER(probe_read_user_str, 114, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_HELPER(probe_read_kernel_str, 115, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_HELPER(tcp_send_ack, 116, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_HELPER(send_signal_thread, 117, DENY, DENY, SIGNALS)
BPF_LOCKDOWN_HELPER(jiffies64, 118, ALLOW, ALLOW, OBSERVE)
/* LBR entries carry kernel from/to addresses when kernel branches are sampled */
BPF_LOCKDOWN_HELPER(read_branch_records, 119, ALLOW, DENY, LEAKS_KERNEL_ADDRESS)
BPF_LOCKDOWN_HELPER(get_ns_current_pid_tgid, 120, ALLOW, ALLOW, OBSERVE)
/* copies the bytes of any XDP frame a tracing program holds a BTF pointer to */
BPF_LOCKDOWN_HELPER(xdp_output, 121, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_HELPER(get_netns_cookie, 122, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_HELPER(get_current_ancestor_cgroup_id, 123, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_HELPER(sk_assign, 124, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_HELPER(ktime_get_boot_ns, 125, ALLOW, ALLOW, OBSERVE)
/* %s/%pks dereference kernel pointers, %px prints them raw */
BPF_LOCKDOWN_HELPER(seq_printf, 126, ALLOW, DENY, READS_KERNEL_MEMORY)
/* writes only program-supplied bytes, like ringbuf_output */
BPF_LOCKDOWN_HELPER(seq_write, 127, ALLOW, ALLOW, OBSERVE)
/* cgroup id of a socket: an id, not an address */
BPF_LOCKDOWN_HELPER(sk_cgroup_id, 128, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_HELPER(sk_ancestor_cgroup_id, 129, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_HELPER(ringbuf_output, 130, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_HELPER(ringbuf_reserve, 131, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_HELPER(ringbuf_submit, 132, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_HELPER(ringbuf_discard, 133, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_HELPER(ringbuf_query, 134, ALLOW, ALLOW, BPF_INTERNAL)
/* one helper for query and change; the level argument is not gated: default-deny */
BPF_LOCKDOWN_HELPER(csum_level, 135, DENY, DENY, WRITES_PACKETS)
/* returns a BTF socket pointer that can be dereferenced directly */
BPF_LOCKDOWN_HELPER(skc_to_tcp6_sock, 136, ALLOW, DENY, READS_KERNEL_MEMORY)
/* returns a BTF socket pointer that can be dereferenced directly */
BPF_LOCKDOWN_HELPER(skc_to_tcp_sock, 137, ALLOW, DENY, READS_KERNEL_MEMORY)
/* returns a BTF socket pointer that can be dereferenced directly */
BPF_LOCKDOWN_HELPER(skc_to_tcp_timewait_sock, 138, ALLOW, DENY, READS_KERNEL_MEMORY)
/* returns a BTF socket pointer that can be dereferenced directly */
BPF_LOCKDOWN_HELPER(skc_to_tcp_request_sock, 139, ALLOW, DENY, READS_KERNEL_MEMORY)
/* returns a BTF socket pointer that can be dereferenced directly */
BPF_LOCKDOWN_HELPER(skc_to_udp6_sock, 140, ALLOW, DENY, READS_KERNEL_MEMORY)
/* kernel stacks are kernel text addresses; user stacks stay allowed */
BPF_LOCKDOWN_HELPER(get_task_stack, 141, ALLOW, USER_STACK, LEAKS_KERNEL_ADDRESS)
/* copies TCP header options of the context packet out: read-only */
BPF_LOCKDOWN_HELPER(load_hdr_opt, 142, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_HELPER(store_hdr_opt, 143, DENY, DENY, WRITES_PACKETS)
/* reserves TCP option space in the outgoing header */
BPF_LOCKDOWN_HELPER(reserve_hdr_opt, 144, DENY, DENY, WRITES_PACKETS)
BPF_LOCKDOWN_HELPER(inode_storage_get, 145, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_HELPER(inode_storage_delete, 146, ALLOW, ALLOW, BPF_INTERNAL)
/* formats a path by walking kernel dentries/mounts: default-deny at confidentiality */
BPF_LOCKDOWN_HELPER(d_path, 147, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_HELPER(copy_from_user, 148, ALLOW, ALLOW, OBSERVE)
/* dumps an arbitrary BTF-typed kernel object, pointers included */
BPF_LOCKDOWN_HELPER(snprintf_btf, 149, ALLOW, DENY, READS_KERNEL_MEMORY)
/* dumps an arbitrary BTF-typed kernel object, pointers included */
BPF_LOCKDOWN_HELPER(seq_printf_btf, 150, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_HELPER(skb_cgroup_classid, 151, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_HELPER(redirect_neigh, 152, DENY, DENY, CONTROLS_NETWORK)
/* yields a kernel per-cpu variable pointer (address and contents) */
BPF_LOCKDOWN_HELPER(per_cpu_ptr, 153, ALLOW, DENY, READS_KERNEL_MEMORY)
/* yields a kernel per-cpu variable pointer (address and contents) */
BPF_LOCKDOWN_HELPER(this_cpu_ptr, 154, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_HELPER(redirect_peer, 155, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_HELPER(task_storage_get, 156, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_HELPER(task_storage_delete, 157, ALLOW, ALLOW, BPF_INTERNAL)
/* trusted task_struct pointer: direct loads of task and linked kernel memory */
BPF_LOCKDOWN_HELPER(get_current_task_btf, 158, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_HELPER(bprm_opts_set, 159, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_HELPER(ktime_get_coarse_ns, 160, ALLOW, ALLOW, OBSERVE)
/* returns the cached IMA digest of an inode; read-only (LSM-only) */
BPF_LOCKDOWN_HELPER(ima_inode_hash, 161, ALLOW, ALLOW, OBSERVE)
/* returns a BTF struct socket pointer that can be dereferenced directly */
BPF_LOCKDOWN_HELPER(sock_from_file, 162, ALLOW, DENY, READS_KERNEL_MEMORY)
/* a lookup, but only useful to take forwarding decisions (tc/XDP): default-deny */
BPF_LOCKDOWN_HELPER(check_mtu, 163, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_HELPER(for_each_map_elem, 164, ALLOW, ALLOW, BPF_INTERNAL)
/* %s/%pks dereference kernel pointers, %px prints them raw */
BPF_LOCKDOWN_HELPER(snprintf, 165, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_HELPER(sys_bpf, 166, DENY, DENY, LOADS_PROGRAMS)
BPF_LOCKDOWN_HELPER(btf_find_by_name_kind, 167, DENY, DENY, LOADS_PROGRAMS)
BPF_LOCKDOWN_HELPER(sys_close, 168, DENY, DENY, LOADS_PROGRAMS)
BPF_LOCKDOWN_HELPER(timer_init, 169, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_HELPER(timer_set_callback, 170, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_HELPER(timer_start, 171, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_HELPER(timer_cancel, 172, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_HELPER(get_func_ip, 173, ALLOW, DENY, LEAKS_KERNEL_ADDRESS)
BPF_LOCKDOWN_HELPER(get_attach_cookie, 174, ALLOW, ALLOW, OBSERVE)
/* the user registers are user data, but the returned pointer is a kernel stack address */
BPF_LOCKDOWN_HELPER(task_pt_regs, 175, ALLOW, DENY, LEAKS_KERNEL_ADDRESS)
BPF_LOCKDOWN_HELPER(get_branch_snapshot, 176, ALLOW, DENY, LEAKS_KERNEL_ADDRESS)
/* %s/%pks dereference kernel pointers, %px prints them raw */
BPF_LOCKDOWN_HELPER(trace_vprintk, 177, ALLOW, DENY, READS_KERNEL_MEMORY)
/* returns a BTF socket pointer that can be dereferenced directly */
BPF_LOCKDOWN_HELPER(skc_to_unix_sock, 178, ALLOW, DENY, READS_KERNEL_MEMORY)
/* syscall-program helper feeding bpf() commands; also a KASLR oracle */
BPF_LOCKDOWN_HELPER(kallsyms_lookup_name, 179, DENY, DENY, LOADS_PROGRAMS)
/* callback gets a trusted vm_area_struct pointer (vm_file, vm_mm, ...) */
BPF_LOCKDOWN_HELPER(find_vma, 180, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_HELPER(loop, 181, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_HELPER(strncmp, 182, ALLOW, ALLOW, OBSERVE)
/*
 * the traced function's arguments and return value as numbers: pointers
 * among them are kernel addresses that a direct load would give as BTF
 * pointers, which a program verified without pointer leaks cannot store
 */
BPF_LOCKDOWN_HELPER(get_func_arg, 183, ALLOW, DENY, LEAKS_KERNEL_ADDRESS)
BPF_LOCKDOWN_HELPER(get_func_ret, 184, ALLOW, DENY, LEAKS_KERNEL_ADDRESS)
BPF_LOCKDOWN_HELPER(get_func_arg_cnt, 185, ALLOW, ALLOW, OBSERVE)
/* only reads the return value the cgroup hook will report */
BPF_LOCKDOWN_HELPER(get_retval, 186, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_HELPER(set_retval, 187, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_HELPER(xdp_get_buff_len, 188, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_HELPER(xdp_load_bytes, 189, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_HELPER(xdp_store_bytes, 190, DENY, DENY, WRITES_PACKETS)
/* reads user memory of another task (access_process_vm), never kernel memory */
BPF_LOCKDOWN_HELPER(copy_from_user_task, 191, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_HELPER(skb_set_tstamp, 192, DENY, DENY, WRITES_PACKETS)
/* computes a file digest into a temporary, changes no IMA state (LSM-only) */
BPF_LOCKDOWN_HELPER(ima_file_hash, 193, ALLOW, ALLOW, OBSERVE)
/* moves referenced kptrs between the program and its own map values */
BPF_LOCKDOWN_HELPER(kptr_xchg, 194, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_HELPER(map_lookup_percpu_elem, 195, ALLOW, ALLOW, BPF_INTERNAL)
/* returns a BTF socket pointer that can be dereferenced directly */
BPF_LOCKDOWN_HELPER(skc_to_mptcp_sock, 196, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_HELPER(dynptr_from_mem, 197, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_HELPER(ringbuf_reserve_dynptr, 198, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_HELPER(ringbuf_submit_dynptr, 199, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_HELPER(ringbuf_discard_dynptr, 200, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_HELPER(dynptr_read, 201, ALLOW, ALLOW, BPF_INTERNAL)
/* packet-backed dynptrs are writable only in (denied) tc/XDP programs */
BPF_LOCKDOWN_HELPER(dynptr_write, 202, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_HELPER(dynptr_data, 203, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_HELPER(tcp_raw_gen_syncookie_ipv4, 204, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_HELPER(tcp_raw_gen_syncookie_ipv6, 205, DENY, DENY, CONTROLS_NETWORK)
/* syncookie oracle used to accept or drop connections (tc/XDP): default-deny */
BPF_LOCKDOWN_HELPER(tcp_raw_check_syncookie_ipv4, 206, DENY, DENY, CONTROLS_NETWORK)
/* syncookie oracle used to accept or drop connections (tc/XDP): default-deny */
BPF_LOCKDOWN_HELPER(tcp_raw_check_syncookie_ipv6, 207, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_HELPER(ktime_get_tai_ns, 208, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_HELPER(user_ringbuf_drain, 209, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_HELPER(cgrp_storage_get, 210, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_HELPER(cgrp_storage_delete, 211, ALLOW, ALLOW, BPF_INTERNAL)
