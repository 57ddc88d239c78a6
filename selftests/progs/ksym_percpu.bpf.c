// SPDX-License-Identifier: GPL-2.0
/*
 * BPF lockdown test object: reads through per-CPU __ksyms from raw
 * tracepoint programs, one of struct type (the verifier types the pointer
 * bpf_this_cpu_ptr() returns as a BTF pointer) and one of int type
 * (read-only memory).
 */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct rq {
	int cpu;
} __attribute__((preserve_access_index));

extern const struct rq runqueues __ksym;
extern const int bpf_prog_active __ksym;

__u64 seen;

SEC("raw_tp/sched_process_exec")
int this_rq_cpu(void *ctx)
{
	const struct rq *rq = bpf_this_cpu_ptr(&runqueues);

	seen += rq->cpu;
	return 0;
}

SEC("raw_tp/sched_process_exec")
int this_cpu_active(void *ctx)
{
	const int *active = bpf_this_cpu_ptr(&bpf_prog_active);

	seen += *active;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
