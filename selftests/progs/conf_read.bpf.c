// SPDX-License-Identifier: GPL-2.0
/*
 * BPF lockdown selftests - a raw tracepoint program that reads a user
 * string with bpf_probe_read_user_str(), loaded by libbpf, which rewrites
 * the call into the compat bpf_probe_read_str() where its probe of
 * bpf_probe_read_kernel() fails (lockdown=confidentiality). conf_test
 * runs it with BPF_PROG_TEST_RUN and the string's address as args[0].
 */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct out {
	__s64 ret;
	char buf[64];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct out);
} out SEC(".maps");

SEC("raw_tp/sys_enter")
int read_user_str(struct bpf_raw_tracepoint_args *ctx)
{
	__u32 zero = 0;
	struct out *o;

	o = bpf_map_lookup_elem(&out, &zero);
	if (!o)
		return 0;
	o->ret = bpf_probe_read_user_str(o->buf, sizeof(o->buf), (void *)ctx->args[0]);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
