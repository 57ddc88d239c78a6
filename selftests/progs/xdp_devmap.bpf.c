// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown test object: an XDP program that redirects through a devmap */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_DEVMAP);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} tx_port SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_DEVMAP_HASH);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} tx_ifindex SEC(".maps");

SEC("xdp")
int xdp_redirect_dev(struct xdp_md *ctx)
{
	__u32 key = ctx->ingress_ifindex;

	if (bpf_map_lookup_elem(&tx_ifindex, &key))
		return bpf_redirect_map(&tx_ifindex, key, XDP_PASS);
	return bpf_redirect_map(&tx_port, 0, XDP_PASS);
}

char LICENSE[] SEC("license") = "GPL";
