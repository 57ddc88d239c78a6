// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown test object: a perf_event program that counts CPU samples */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct bpf_perf_event_data;

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} samples SEC(".maps");

SEC("perf_event")
int count_samples(struct bpf_perf_event_data *ctx)
{
	__u32 key = 0;
	__u64 *v = bpf_map_lookup_elem(&samples, &key);

	if (v)
		(*v)++;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
