/* SPDX-License-Identifier: GPL-2.0 */
/* BPF lockdown - unsigned tier: kfunc and capability classification */

/*
 * X-macro tables shared by the kernel and bpf-annotate.
 *
 * BPF_LOCKDOWN_KFUNC(name, INTEGRITY, CONFIDENTIALITY, CLASS): a kfunc by
 * BTF name, with its verdicts for unsigned programs and its class. Every
 * kfunc that Linux 6.12 registers with BTF_ID_FLAGS(func, ...) is listed
 * (but the test-only kfuncs of net/bpf/test_run.c), whether or not this
 * kernel's configuration compiles it, classified by what its code does;
 * scripts/check-kfuncs fails the kernel build when a compiled kfunc is
 * missing. A kfunc not listed is denied as unclassified, to unsigned
 * programs and, through the ceiling, to signed ones. The verdicts follow
 * the class as in tier_helpers.h; a kfunc that returns or stores a pointer
 * to a kernel object the program did not create, or lets it read kernel
 * memory, is READS_KERNEL_MEMORY. Entries are grouped by source file.
 *
 * BPF_LOCKDOWN_CAP(name, INTEGRITY, CONFIDENTIALITY, CLASS): what a program
 * can do without a helper or kfunc call.
 */
#ifdef BPF_LOCKDOWN_KFUNC
/* open-coded loops over a range of integers */
BPF_LOCKDOWN_KFUNC(bpf_iter_num_new, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_KFUNC(bpf_iter_num_next, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_KFUNC(bpf_iter_num_destroy, ALLOW, ALLOW, BPF_INTERNAL)
/* RCU read-side sections change no state visible outside the program */
BPF_LOCKDOWN_KFUNC(bpf_rcu_read_lock, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_KFUNC(bpf_rcu_read_unlock, ALLOW, ALLOW, BPF_INTERNAL)
/* make kernel memory readable through BTF pointers */
BPF_LOCKDOWN_KFUNC(bpf_rdonly_cast, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_cast_to_kern_ctx, ALLOW, DENY, READS_KERNEL_MEMORY)
/* task references: only a refcount, but they expose task_struct */
BPF_LOCKDOWN_KFUNC(bpf_task_from_pid, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_task_acquire, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_task_release, ALLOW, DENY, READS_KERNEL_MEMORY)

/* --- kernel/bpf/helpers.c ------------------------------------------------ */
/* like RCU sections: the verifier makes the program re-enable before it exits */
BPF_LOCKDOWN_KFUNC(bpf_preempt_disable, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_KFUNC(bpf_preempt_enable, ALLOW, ALLOW, BPF_INTERNAL)
/* objects the program allocates itself (MEM_ALLOC), their lists and rbtrees */
BPF_LOCKDOWN_KFUNC(bpf_obj_new_impl, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_KFUNC(bpf_percpu_obj_new_impl, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_KFUNC(bpf_obj_drop_impl, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_KFUNC(bpf_percpu_obj_drop_impl, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_KFUNC(bpf_refcount_acquire_impl, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_KFUNC(bpf_list_push_front_impl, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_KFUNC(bpf_list_push_back_impl, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_KFUNC(bpf_list_pop_front, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_KFUNC(bpf_list_pop_back, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_KFUNC(bpf_rbtree_remove, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_KFUNC(bpf_rbtree_add_impl, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_KFUNC(bpf_rbtree_first, ALLOW, ALLOW, BPF_INTERNAL)
/* unwinds the program's own frames to its exception callback */
BPF_LOCKDOWN_KFUNC(bpf_throw, ALLOW, ALLOW, BPF_INTERNAL)
/* dynptr bookkeeping; packet-backed dynptrs are made by the kfuncs below */
BPF_LOCKDOWN_KFUNC(bpf_dynptr_slice, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_KFUNC(bpf_dynptr_slice_rdwr, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_KFUNC(bpf_dynptr_adjust, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_KFUNC(bpf_dynptr_is_null, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_KFUNC(bpf_dynptr_is_rdonly, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_KFUNC(bpf_dynptr_size, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_KFUNC(bpf_dynptr_clone, ALLOW, ALLOW, BPF_INTERNAL)
/*
 * Workqueues: unlike a bpf_timer's, the callback runs in a worker and is
 * verified as sleepable whatever the program, but bpf_wq_work() holds
 * only an RCU tasks trace read lock over it, and cancelling the
 * workqueue (a delete of its element, a new callback, the map's end)
 * drops the program and the value without waiting for a running
 * callback: a callback that sleeps, or is preempted in its worker, may
 * outlive a program or map freed after a plain RCU grace period. Not
 * shown safe, so not unsigned.
 */
BPF_LOCKDOWN_KFUNC(bpf_wq_init, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_KFUNC(bpf_wq_set_callback_impl, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_KFUNC(bpf_wq_start, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
/* _new copies nr_words from an unchecked address with probe_read_kernel */
BPF_LOCKDOWN_KFUNC(bpf_iter_bits_new, ALLOW, DENY, READS_KERNEL_MEMORY)
/* _next and _destroy only walk and free that copy */
BPF_LOCKDOWN_KFUNC(bpf_iter_bits_next, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_KFUNC(bpf_iter_bits_destroy, ALLOW, ALLOW, BPF_INTERNAL)
/* strncpy_from_user: user memory of the current task only */
BPF_LOCKDOWN_KFUNC(bpf_copy_from_user_str, ALLOW, ALLOW, OBSERVE)
/* cgroup references and lookups hand out struct cgroup pointers */
BPF_LOCKDOWN_KFUNC(bpf_cgroup_acquire, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_cgroup_release, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_cgroup_ancestor, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_cgroup_from_id, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_task_get_cgroup1, ALLOW, DENY, READS_KERNEL_MEMORY)
/* walks the cgroup hierarchy of any task the program holds */
BPF_LOCKDOWN_KFUNC(bpf_task_under_cgroup, ALLOW, DENY, READS_KERNEL_MEMORY)
/* iterators over kernel objects: each step yields a task, css or vma pointer */
BPF_LOCKDOWN_KFUNC(bpf_iter_task_vma_new, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_iter_task_vma_next, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_iter_task_vma_destroy, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_iter_css_task_new, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_iter_css_task_next, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_iter_css_task_destroy, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_iter_css_new, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_iter_css_next, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_iter_css_destroy, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_iter_task_new, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_iter_task_next, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_iter_task_destroy, ALLOW, DENY, READS_KERNEL_MEMORY)
/* crash_kexec() boots the crash kernel (KF_DESTRUCTIVE) */
BPF_LOCKDOWN_KFUNC(crash_kexec, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
/* test hook open to every program type: fires the bpf_trigger_tp tracepoint */
BPF_LOCKDOWN_KFUNC(bpf_modify_return_test_tp, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)

/* --- kernel/bpf/cpumask.c, arena.c, map_iter.c, crypto.c ----------------- */
/* struct bpf_cpumask: a cpumask the program allocated and owns */
BPF_LOCKDOWN_KFUNC(bpf_cpumask_create, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_KFUNC(bpf_cpumask_release, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_KFUNC(bpf_cpumask_acquire, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_KFUNC(bpf_cpumask_set_cpu, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_KFUNC(bpf_cpumask_clear_cpu, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_KFUNC(bpf_cpumask_test_and_set_cpu, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_KFUNC(bpf_cpumask_test_and_clear_cpu, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_KFUNC(bpf_cpumask_setall, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_KFUNC(bpf_cpumask_clear, ALLOW, ALLOW, BPF_INTERNAL)
/* these read any const struct cpumask *, e.g. task->cpus_ptr: kernel memory */
BPF_LOCKDOWN_KFUNC(bpf_cpumask_first, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_cpumask_first_zero, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_cpumask_first_and, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_cpumask_test_cpu, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_cpumask_and, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_cpumask_or, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_cpumask_xor, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_cpumask_equal, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_cpumask_intersects, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_cpumask_subset, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_cpumask_empty, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_cpumask_full, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_cpumask_copy, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_cpumask_any_distribute, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_cpumask_any_and_distribute, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_cpumask_weight, ALLOW, DENY, READS_KERNEL_MEMORY)
/* pages of the program's own arena map */
BPF_LOCKDOWN_KFUNC(bpf_arena_alloc_pages, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_KFUNC(bpf_arena_free_pages, ALLOW, ALLOW, BPF_INTERNAL)
/* element count of any map an iterator hands the program */
BPF_LOCKDOWN_KFUNC(bpf_map_sum_elem_count, ALLOW, DENY, READS_KERNEL_MEMORY)
/* a crypto context built from a key the program supplies */
BPF_LOCKDOWN_KFUNC(bpf_crypto_ctx_create, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_KFUNC(bpf_crypto_ctx_acquire, ALLOW, ALLOW, BPF_INTERNAL)
BPF_LOCKDOWN_KFUNC(bpf_crypto_ctx_release, ALLOW, ALLOW, BPF_INTERNAL)
/* tc/XDP only: the destination dynptr may be the packet itself */
BPF_LOCKDOWN_KFUNC(bpf_crypto_encrypt, DENY, DENY, WRITES_PACKETS)
BPF_LOCKDOWN_KFUNC(bpf_crypto_decrypt, DENY, DENY, WRITES_PACKETS)

/* --- kernel/trace/bpf_trace.c -------------------------------------------- */
/* kprobe session: entry or return, and the session's own cookie */
BPF_LOCKDOWN_KFUNC(bpf_session_is_return, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_KFUNC(bpf_session_cookie, ALLOW, ALLOW, OBSERVE)
/* lookup_user_key() installs a session (or with CREATE, thread/process) keyring */
BPF_LOCKDOWN_KFUNC(bpf_lookup_user_key, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
/* key handles: struct bpf_key points at a struct key */
BPF_LOCKDOWN_KFUNC(bpf_lookup_system_key, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_key_put, ALLOW, DENY, READS_KERNEL_MEMORY)
/* checks program-supplied data and signature against a keyring; changes nothing */
BPF_LOCKDOWN_KFUNC(bpf_verify_pkcs7_signature, ALLOW, ALLOW, OBSERVE)

/* --- kernel/cgroup/rstat.c ----------------------------------------------- */
/* mark and flush cgroup statistics: change kernel rstat state */
BPF_LOCKDOWN_KFUNC(cgroup_rstat_updated, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_KFUNC(cgroup_rstat_flush, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)

/* --- fs/ ------------------------------------------------------------------ */
/* LSM-only: files, paths, dentries and xattrs of kernel objects */
BPF_LOCKDOWN_KFUNC(bpf_get_task_exe_file, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_put_file, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_path_d_path, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_get_dentry_xattr, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_get_file_xattr, ALLOW, DENY, READS_KERNEL_MEMORY)
/* copies the fs-verity digest of any file the program holds */
BPF_LOCKDOWN_KFUNC(bpf_get_fsverity_digest, ALLOW, DENY, READS_KERNEL_MEMORY)

/* --- net/core: packets, dynptrs, sockets ----------------------------------- */
/* tracing programs pass any sk_buff (kernel memory); tc ones may write it */
BPF_LOCKDOWN_KFUNC(bpf_dynptr_from_skb, ALLOW, DENY, READS_KERNEL_MEMORY)
/* XDP only: a writable dynptr over the packet */
BPF_LOCKDOWN_KFUNC(bpf_dynptr_from_xdp, DENY, DENY, WRITES_PACKETS)
/* XDP hardware metadata (timestamp, hash, VLAN tag) of the program's packet */
BPF_LOCKDOWN_KFUNC(bpf_xdp_metadata_rx_timestamp, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_KFUNC(bpf_xdp_metadata_rx_hash, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_KFUNC(bpf_xdp_metadata_rx_vlan_tag, ALLOW, ALLOW, OBSERVE)
/* rewrites the unix socket path of a connect/bind/sendmsg */
BPF_LOCKDOWN_KFUNC(bpf_sock_addr_set_sun_path, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_KFUNC(bpf_sk_assign_tcp_reqsk, DENY, DENY, CONTROLS_NETWORK)
/* socket iterators may abort any TCP/UDP socket */
BPF_LOCKDOWN_KFUNC(bpf_sock_destroy, DENY, DENY, CONTROLS_NETWORK)

/* --- net/netfilter: conntrack, NAT, flowtable ------------------------------- */
/* lookups hand out referenced nf_conn and flowtable entries */
BPF_LOCKDOWN_KFUNC(bpf_xdp_ct_lookup, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_skb_ct_lookup, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_ct_release, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_xdp_flow_lookup, ALLOW, DENY, READS_KERNEL_MEMORY)
/* create, insert and change connection tracking entries */
BPF_LOCKDOWN_KFUNC(bpf_xdp_ct_alloc, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_KFUNC(bpf_skb_ct_alloc, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_KFUNC(bpf_ct_insert_entry, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_KFUNC(bpf_ct_set_timeout, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_KFUNC(bpf_ct_change_timeout, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_KFUNC(bpf_ct_set_status, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_KFUNC(bpf_ct_change_status, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_KFUNC(bpf_ct_set_nat_info, DENY, DENY, CONTROLS_NETWORK)

/* --- net/xfrm, net/ipv4/fou_bpf.c: tunnel metadata ------------------------ */
/* like skb_get_tunnel_key: copies the skb's metadata out */
BPF_LOCKDOWN_KFUNC(bpf_skb_get_xfrm_info, ALLOW, ALLOW, OBSERVE)
BPF_LOCKDOWN_KFUNC(bpf_skb_get_fou_encap, ALLOW, ALLOW, OBSERVE)
/* like skb_set_tunnel_key: set the skb's tunnel metadata */
BPF_LOCKDOWN_KFUNC(bpf_skb_set_xfrm_info, DENY, DENY, WRITES_PACKETS)
BPF_LOCKDOWN_KFUNC(bpf_skb_set_fou_encap, DENY, DENY, WRITES_PACKETS)
/* a referenced xfrm_state: security association, keys included */
BPF_LOCKDOWN_KFUNC(bpf_xdp_get_xfrm_state, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_xdp_xfrm_state_release, ALLOW, DENY, READS_KERNEL_MEMORY)

/* --- TCP congestion control (struct_ops tcp_congestion_ops) --------------- */
/* the kernel's algorithms as kfuncs: they set cwnd, ssthresh and CA state */
BPF_LOCKDOWN_KFUNC(tcp_reno_ssthresh, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_KFUNC(tcp_reno_cong_avoid, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_KFUNC(tcp_reno_undo_cwnd, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_KFUNC(tcp_slow_start, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_KFUNC(tcp_cong_avoid_ai, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_KFUNC(cubictcp_init, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_KFUNC(cubictcp_recalc_ssthresh, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_KFUNC(cubictcp_cong_avoid, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_KFUNC(cubictcp_state, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_KFUNC(cubictcp_cwnd_event, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_KFUNC(cubictcp_acked, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_KFUNC(dctcp_init, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_KFUNC(dctcp_update_alpha, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_KFUNC(dctcp_cwnd_event, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_KFUNC(dctcp_ssthresh, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_KFUNC(dctcp_cwnd_undo, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_KFUNC(dctcp_state, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_KFUNC(bbr_init, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_KFUNC(bbr_main, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_KFUNC(bbr_sndbuf_expand, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_KFUNC(bbr_undo_cwnd, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_KFUNC(bbr_cwnd_event, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_KFUNC(bbr_ssthresh, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_KFUNC(bbr_min_tso_segs, DENY, DENY, CONTROLS_NETWORK)
BPF_LOCKDOWN_KFUNC(bbr_set_state, DENY, DENY, CONTROLS_NETWORK)
/* an fmod_ret target (MPTCP), not callable: it picks the protocol of socket() */
BPF_LOCKDOWN_KFUNC(update_socket_protocol, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)

/* --- kernel/sched/ext.c: sched_ext ------------------------------------------ */
/* scheduling decisions: dispatch, consume, kick, idle claims, DSQs, cpufreq */
BPF_LOCKDOWN_KFUNC(scx_bpf_select_cpu_dfl, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_KFUNC(scx_bpf_dispatch, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_KFUNC(scx_bpf_dispatch_vtime, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_KFUNC(scx_bpf_dispatch_cancel, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_KFUNC(scx_bpf_consume, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_KFUNC(scx_bpf_dispatch_from_dsq_set_slice, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_KFUNC(scx_bpf_dispatch_from_dsq_set_vtime, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_KFUNC(scx_bpf_dispatch_from_dsq, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_KFUNC(scx_bpf_dispatch_vtime_from_dsq, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_KFUNC(scx_bpf_reenqueue_local, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_KFUNC(scx_bpf_create_dsq, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_KFUNC(scx_bpf_destroy_dsq, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_KFUNC(scx_bpf_kick_cpu, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_KFUNC(scx_bpf_cpuperf_set, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_KFUNC(scx_bpf_test_and_clear_cpu_idle, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_KFUNC(scx_bpf_pick_idle_cpu, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_KFUNC(scx_bpf_pick_any_cpu, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
/*
 * abort the BPF scheduler (also callable from tracing and syscall
 * programs), with a message formatted like bpf_snprintf (%s dereferences
 * kernel pointers) that goes to the kernel log: reads kernel memory, so
 * that the ceiling keeps it from signed programs at confidentiality
 */
BPF_LOCKDOWN_KFUNC(scx_bpf_exit_bstr, DENY, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(scx_bpf_error_bstr, DENY, DENY, READS_KERNEL_MEMORY)
/*
 * Scheduler state: queue lengths, CPU capacity, idle masks, runqueues,
 * tasks. Those below that call scx_ops_error() on a bad CPU or DSQ, when
 * built-in idle tracking is off, or outside the scheduler's own callbacks
 * (as a tracing program is unless it runs inside one) abort the running
 * BPF scheduler like
 * scx_bpf_error_bstr(): denied to unsigned programs at both levels.
 */
BPF_LOCKDOWN_KFUNC(scx_bpf_dump_bstr, DENY, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(scx_bpf_dsq_nr_queued, DENY, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(scx_bpf_cpuperf_cap, DENY, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(scx_bpf_cpuperf_cur, DENY, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(scx_bpf_get_idle_cpumask, DENY, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(scx_bpf_get_idle_smtmask, DENY, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(scx_bpf_cpu_rq, DENY, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(scx_bpf_task_cgroup, DENY, DENY, READS_KERNEL_MEMORY)
/* a dispatch kfunc (struct_ops only): its error path is not reachable unsigned */
BPF_LOCKDOWN_KFUNC(scx_bpf_dispatch_nr_slots, ALLOW, DENY, READS_KERNEL_MEMORY)
/* these have no error path */
BPF_LOCKDOWN_KFUNC(scx_bpf_get_possible_cpumask, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(scx_bpf_get_online_cpumask, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(scx_bpf_put_cpumask, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(scx_bpf_put_idle_cpumask, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(scx_bpf_task_running, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(scx_bpf_task_cpu, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_iter_scx_dsq_new, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_iter_scx_dsq_next, ALLOW, DENY, READS_KERNEL_MEMORY)
BPF_LOCKDOWN_KFUNC(bpf_iter_scx_dsq_destroy, ALLOW, DENY, READS_KERNEL_MEMORY)
/* nr_cpu_ids, a boot-time constant */
BPF_LOCKDOWN_KFUNC(scx_bpf_nr_cpu_ids, ALLOW, ALLOW, OBSERVE)

/* --- drivers/hid/bpf: HID-BPF ----------------------------------------------- */
/* rewrite HID reports, send requests to devices, inject input events */
BPF_LOCKDOWN_KFUNC(hid_bpf_get_data, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_KFUNC(hid_bpf_allocate_context, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_KFUNC(hid_bpf_release_context, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_KFUNC(hid_bpf_hw_request, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_KFUNC(hid_bpf_hw_output_report, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_KFUNC(hid_bpf_input_report, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
BPF_LOCKDOWN_KFUNC(hid_bpf_try_input_report, DENY, DENY, MODIFIES_KERNEL_BEHAVIOUR)
#endif

#ifdef BPF_LOCKDOWN_CAP
/* loads through pointers the verifier typed PTR_TO_BTF_ID, trusted or not */
BPF_LOCKDOWN_CAP(btf_pointer_read, ALLOW, DENY, READS_KERNEL_MEMORY)
/* ld_imm64 of a kernel variable by BTF ID (__ksym): a kernel address */
BPF_LOCKDOWN_CAP(ksym_address, ALLOW, DENY, LEAKS_KERNEL_ADDRESS)
#endif
