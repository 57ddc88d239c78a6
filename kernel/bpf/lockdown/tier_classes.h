/* SPDX-License-Identifier: GPL-2.0 */
/* BPF lockdown - unsigned tier: rationale classes */

/*
 * X-macro table shared by the kernel and bpf-annotate. Each entry is
 * BPF_LOCKDOWN_CLASS(ID, "name", "rationale"), in the order of
 * enum bpf_lockdown_class (checked at build time). The names are ABI: they
 * appear in the verifier log, the kernel log and
 * /sys/kernel/security/bpf_lockdown/tier. Append only.
 */
BPF_LOCKDOWN_CLASS(INVALID, "invalid",
		   "not a callable helper")
BPF_LOCKDOWN_CLASS(OBSERVE, "observe",
		   "reads its context, own task, time, ids or user memory; emits events")
BPF_LOCKDOWN_CLASS(BPF_INTERNAL, "bpf-internal",
		   "manages its own BPF objects: maps, ring buffers, timers, locks, dynptrs")
BPF_LOCKDOWN_CLASS(READS_KERNEL_MEMORY, "reads-kernel-memory",
		   "copies or formats arbitrary kernel memory")
BPF_LOCKDOWN_CLASS(LEAKS_KERNEL_ADDRESS, "leaks-kernel-address",
		   "returns kernel pointers, kernel text addresses or kernel stacks")
BPF_LOCKDOWN_CLASS(WRITES_USER_MEMORY, "writes-user-memory",
		   "writes into the memory of a user process")
BPF_LOCKDOWN_CLASS(MODIFIES_KERNEL_BEHAVIOUR, "modifies-kernel-behaviour",
		   "changes a kernel decision, return value, setting or object")
BPF_LOCKDOWN_CLASS(SIGNALS, "signals",
		   "sends a signal to a task")
BPF_LOCKDOWN_CLASS(LOADS_PROGRAMS, "loads-programs",
		   "issues bpf() commands or closes descriptors from inside a program")
BPF_LOCKDOWN_CLASS(WRITES_PACKETS, "writes-packets",
		   "rewrites packet data or metadata")
BPF_LOCKDOWN_CLASS(CONTROLS_NETWORK, "controls-network",
		   "redirects packets, assigns sockets or changes socket or route state")
BPF_LOCKDOWN_CLASS(UNCLASSIFIED, "unclassified",
		   "not classified for the unsigned tier, so denied by default")
