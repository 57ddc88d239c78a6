// SPDX-License-Identifier: GPL-2.0
/*
 * BPF lockdown adversary: helpers that write through a trusted BTF pointer,
 * into the comm of a task the program was handed. The verifier never lets a
 * store instruction do that; these pass the pointer as the destination of
 * a helper, a kfunc or a global function instead. adversary_test expects
 * every one to be refused.
 */

#include <stdbool.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

struct seq_file;

struct task_struct {
	int pid;
	char comm[16];
} __attribute__((preserve_access_index));

struct bpf_iter_meta {
	struct seq_file *seq;
	__u64 session_id;
	__u64 seq_num;
} __attribute__((preserve_access_index));

struct bpf_iter__task {
	struct bpf_iter_meta *meta;
	struct task_struct *task;
} __attribute__((preserve_access_index));

/* bpf_probe_read_kernel(&task->comm, 8, stack) in a task iterator */
SEC("iter/task")
int adv_iter_probe_read_kernel(struct bpf_iter__task *ctx)
{
	struct task_struct *task = ctx->task;
	__u64 forged = 0x64726f776e6564;

	if (!task)
		return 0;
	bpf_probe_read_kernel(task->comm, 8, &forged);
	return 0;
}

/* bpf_get_current_comm(task->comm, 16) in a task iterator */
SEC("iter/task")
int adv_iter_get_current_comm(struct bpf_iter__task *ctx)
{
	struct task_struct *task = ctx->task;

	if (!task)
		return 0;
	bpf_get_current_comm(task->comm, 16);
	return 0;
}

/* bpf_get_current_comm(prev->comm, 16) on sched_switch */
SEC("tp_btf/sched_switch")
int BPF_PROG(adv_tp_get_current_comm, bool preempt, struct task_struct *prev,
	     struct task_struct *next)
{
	bpf_get_current_comm(prev->comm, 16);
	return 0;
}

/* bpf_get_current_comm(next->comm, 16) on sched_switch */
SEC("tp_btf/sched_switch")
int BPF_PROG(adv_tp_get_current_comm_next, bool preempt, struct task_struct *prev,
	     struct task_struct *next)
{
	bpf_get_current_comm(next->comm, 16);
	return 0;
}

extern void *bpf_dynptr_slice(const struct bpf_dynptr *p, __u32 offset, void *buffer__opt,
			      __u32 buffer__szk) __ksym;
extern int bpf_copy_from_user_str(void *dst, __u32 dst__sz, const void *unsafe_ptr__ign,
				  __u64 flags) __ksym;

char adv_buf[16];

/*
 * bpf_dynptr_slice(&d, 0, prev->comm, 16): the buffer a slice may be
 * copied into, for dynptrs whose data is not contiguous, is a kfunc memory
 * argument
 */
SEC("tp_btf/sched_switch")
int BPF_PROG(adv_tp_dynptr_slice, bool preempt, struct task_struct *prev,
	     struct task_struct *next)
{
	struct bpf_dynptr d;

	bpf_dynptr_from_mem(adv_buf, sizeof(adv_buf), 0, &d);
	bpf_dynptr_slice(&d, 0, prev->comm, 16);
	return 0;
}

/* bpf_copy_from_user_str(task->comm, 16, NULL, 0) in a sleepable task iterator */
SEC("iter.s/task")
int adv_iter_copy_from_user_str(struct bpf_iter__task *ctx)
{
	struct task_struct *task = ctx->task;

	if (!task)
		return 0;
	bpf_copy_from_user_str(task->comm, 16, (void *)0, 0);
	return 0;
}

/*
 * A global function is verified on its own: its pointer argument is memory
 * of 8 bytes that it may write. The caller passes a task's comm.
 */
__noinline int adv_scribble(__u64 *p)
{
	if (!p)
		return 0;
	*p = 0x64726f776e6564;
	return 0;
}

SEC("tp_btf/sched_switch")
int BPF_PROG(adv_tp_global_func, bool preempt, struct task_struct *prev,
	     struct task_struct *next)
{
	return adv_scribble((__u64 *)prev->comm);
}

SEC("iter/task")
int adv_iter_global_func(struct bpf_iter__task *ctx)
{
	struct task_struct *task = ctx->task;

	if (!task)
		return 0;
	return adv_scribble((__u64 *)task->comm);
}

char LICENSE[] SEC("license") = "GPL";
