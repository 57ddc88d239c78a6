// SPDX-License-Identifier: GPL-2.0
/*
 * BPF lockdown test object: iterators over three targets the unsigned tier
 * lists (task, bpf_map_elem, ksym); the tier judges each by its target
 */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

struct seq_file;

struct bpf_iter_meta {
	struct seq_file *seq;
	__u64 session_id;
	__u64 seq_num;
} __attribute__((preserve_access_index));

struct task_struct {
	int pid;
} __attribute__((preserve_access_index));

struct bpf_iter__task {
	struct bpf_iter_meta *meta;
	struct task_struct *task;
} __attribute__((preserve_access_index));

struct bpf_iter__bpf_map_elem {
	struct bpf_iter_meta *meta;
	struct bpf_map *map;
	void *key;
	void *value;
} __attribute__((preserve_access_index));

struct kallsym_iter {
	unsigned long value;
} __attribute__((preserve_access_index));

struct bpf_iter__ksym {
	struct bpf_iter_meta *meta;
	struct kallsym_iter *ksym;
} __attribute__((preserve_access_index));

__u64 elems_total;

SEC("iter/task")
int count_tasks(struct bpf_iter__task *ctx)
{
	struct task_struct *task = ctx->task;

	if (task)
		BPF_SEQ_PRINTF(ctx->meta->seq, "%d\n", task->pid);
	return 0;
}

/* sums the __u64 values of the map it is attached to */
SEC("iter/bpf_map_elem")
int sum_elems(struct bpf_iter__bpf_map_elem *ctx)
{
	__u64 *value = ctx->value;

	if (value)
		elems_total += *value;
	return 0;
}

SEC("iter/ksym")
int dump_ksyms(struct bpf_iter__ksym *ctx)
{
	struct kallsym_iter *sym = ctx->ksym;

	if (sym)
		BPF_SEQ_PRINTF(ctx->meta->seq, "%lx\n", sym->value);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
