// SPDX-License-Identifier: GPL-2.0
/*
 * BPF lockdown adversary: kernel memory read without a load instruction,
 * by passing a BTF pointer (a task's comm) as the memory a helper reads.
 * That is the btf_pointer_read capability, refused to unsigned programs at
 * confidentiality.
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

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} adv_rb SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} adv_perf SEC(".maps");

__u64 adv_hits;

/* bpf_seq_write(seq, task->comm, 16) in a task iterator */
SEC("iter/task")
int adv_iter_seq_write(struct bpf_iter__task *ctx)
{
	struct seq_file *seq = ctx->meta->seq;
	struct task_struct *task = ctx->task;

	if (!task)
		return 0;
	bpf_seq_write(seq, task->comm, 16);
	return 0;
}

/* bpf_ringbuf_output(&rb, task->comm, 16, 0) in a task iterator */
SEC("iter/task")
int adv_iter_ringbuf_output(struct bpf_iter__task *ctx)
{
	struct task_struct *task = ctx->task;

	if (!task)
		return 0;
	bpf_ringbuf_output(&adv_rb, task->comm, 16, 0);
	return 0;
}

/* bpf_strncmp(prev->comm, 16, "abc") on sched_switch: a comparison oracle */
SEC("tp_btf/sched_switch")
int BPF_PROG(adv_tp_strncmp, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	if (!bpf_strncmp(prev->comm, 16, "abc"))
		adv_hits++;
	return 0;
}

/* bpf_ringbuf_output(&rb, prev->comm, 16, 0) on sched_switch */
SEC("tp_btf/sched_switch")
int BPF_PROG(adv_tp_ringbuf_output, bool preempt, struct task_struct *prev,
	     struct task_struct *next)
{
	bpf_ringbuf_output(&adv_rb, prev->comm, 16, 0);
	return 0;
}

/* bpf_perf_event_output(ctx, &perf, cpu, next->comm, 16) on sched_switch */
SEC("tp_btf/sched_switch")
int BPF_PROG(adv_tp_perf_event_output, bool preempt, struct task_struct *prev,
	     struct task_struct *next)
{
	bpf_perf_event_output(ctx, &adv_perf, BPF_F_CURRENT_CPU, next->comm, 16);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
