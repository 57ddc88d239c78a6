// SPDX-License-Identifier: GPL-2.0
/*
 * bpf-annotate test object for load.sh: an uprobe_multi program, which
 * seal binds to the file its section names (uprobe:/usr/bin/true), and a
 * policy to others; it counts its runs in slot 0 of a per-CPU array
 */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} hits SEC(".maps");

SEC("uprobe.multi//usr/bin/true:main")
int count_umulti(void *ctx)
{
	__u32 key = 0;
	__u64 *v = bpf_map_lookup_elem(&hits, &key);

	if (v)
		*v += 1;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
