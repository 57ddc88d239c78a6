// SPDX-License-Identifier: GPL-2.0
/*
 * BPF lockdown test object: a socket filter that puts the sockets it sees
 * into a sockmap (which steers them for sk_msg and sk_skb programs), and a
 * tracepoint counter next to it that uses only an array
 */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_SOCKMAP);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} sock_map SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} hits SEC(".maps");

SEC("socket")
int capture_sock(struct __sk_buff *skb)
{
	struct bpf_sock *sk = skb->sk;
	__u32 key = 0;

	if (sk)
		bpf_map_update_elem(&sock_map, &key, sk, BPF_ANY);
	return skb->len;
}

SEC("tp/syscalls/sys_enter_getpid")
int count_hits(void *ctx)
{
	__u32 key = 0;
	__u64 *v = bpf_map_lookup_elem(&hits, &key);

	if (v)
		__sync_fetch_and_add(v, 1);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
