// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown test object: an XDP program that counts and passes packets */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} packets SEC(".maps");

SEC("xdp")
int xdp_count(struct xdp_md *ctx)
{
	__u32 key = 0;
	__u64 *v = bpf_map_lookup_elem(&packets, &key);

	if (v)
		(*v)++;
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
