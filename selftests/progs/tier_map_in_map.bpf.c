// SPDX-License-Identifier: GPL-2.0
/*
 * BPF lockdown test object: two maps of maps, one whose inner maps are
 * sockmaps and one whose inner maps are arrays; the tier judges a map of
 * maps by its inner maps' type too
 */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, struct {
		__uint(type, BPF_MAP_TYPE_SOCKMAP);
		__uint(max_entries, 1);
		__type(key, __u32);
		__type(value, __u64);
	});
} sock_maps SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH_OF_MAPS);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, struct {
		__uint(type, BPF_MAP_TYPE_ARRAY);
		__uint(max_entries, 1);
		__type(key, __u32);
		__type(value, __u64);
	});
} counters SEC(".maps");

SEC("tp/syscalls/sys_enter_getpid")
int find_sock_map(void *ctx)
{
	__u32 key = 0;

	return !!bpf_map_lookup_elem(&sock_maps, &key);
}

SEC("tp/syscalls/sys_enter_getppid")
int count_inner(void *ctx)
{
	__u32 key = 0;
	__u64 *v;
	void *inner = bpf_map_lookup_elem(&counters, &key);

	if (!inner)
		return 0;
	v = bpf_map_lookup_elem(inner, &key);
	if (v)
		__sync_fetch_and_add(v, 1);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
