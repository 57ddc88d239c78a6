// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown test object: an extension (freplace) of handler() */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("freplace/handler")
int new_handler(int x)
{
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
