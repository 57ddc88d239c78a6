// SPDX-License-Identifier: GPL-2.0
/*
 * BPF lockdown test object: exec snooper. A ring buffer of events, CO-RE
 * reads of task_struct, a bpf-to-bpf subprogram, a hash map and a
 * read-only configuration in .rodata.
 */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

/* only the fields read, relocated by CO-RE against the running kernel */
struct task_struct {
	int tgid;
	struct task_struct *real_parent;
} __attribute__((preserve_access_index));

struct event {
	__u32 pid;
	__u32 ppid;
	__u32 uid;
	char comm[16];
};

#ifndef MIN_UID
#define MIN_UID 0
#endif
const volatile __u32 min_uid = MIN_UID;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, __u64);
} execs SEC(".maps");

static __noinline __u32 parent_tgid(struct task_struct *task)
{
	return BPF_CORE_READ(task, real_parent, tgid);
}

SEC("tp/sched/sched_process_exec")
int snoop_exec(void *ctx)
{
	struct task_struct *task = (void *)bpf_get_current_task();
	__u32 uid = bpf_get_current_uid_gid();
	__u64 one = 1, *n;
	struct event *e;

	if (uid < min_uid)
		return 0;
	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e)
		return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	e->ppid = parent_tgid(task);
	e->uid = uid;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	n = bpf_map_lookup_elem(&execs, &e->uid);
	if (n)
		__sync_fetch_and_add(n, 1);
	else
		bpf_map_update_elem(&execs, &e->uid, &one, BPF_ANY);
	bpf_ringbuf_submit(e, 0);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
