/* SPDX-License-Identifier: GPL-2.0 */
/* BPF lockdown - unsigned tier: kfunc and capability classification */

/*
 * X-macro tables shared by the kernel and bpf-annotate.
 *
 * BPF_LOCKDOWN_KFUNC(name, INTEGRITY, CONFIDENTIALITY, CLASS): a kfunc that
 * unsigned programs may call, by BTF name. A kfunc not listed is denied.
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
#endif

#ifdef BPF_LOCKDOWN_CAP
/* loads through pointers the verifier typed PTR_TO_BTF_ID, trusted or not */
BPF_LOCKDOWN_CAP(btf_pointer_read, ALLOW, DENY, READS_KERNEL_MEMORY)
/* ld_imm64 of a kernel variable by BTF ID (__ksym): a kernel address */
BPF_LOCKDOWN_CAP(ksym_address, ALLOW, DENY, LEAKS_KERNEL_ADDRESS)
#endif
