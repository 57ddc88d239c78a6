// SPDX-License-Identifier: GPL-2.0
/*
 * bpf-annotate test object: a uprobe program that reads a user pointer
 * with the compat bpf_probe_read() and the string it points to with the
 * compat bpf_probe_read_str(), as libbpf leaves a program whose
 * bpf_probe_read_user*() calls it rewrote where lockdown refuses its probe
 * of bpf_probe_read_kernel(). The unsigned tier allows both at
 * confidentiality as their user-memory forms; the ceiling refuses them.
 */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, char[64]);
} names SEC(".maps");

SEC("uprobe//bin/true:main")
int read_argv0(__u64 *regs)
{
	__u32 zero = 0;
	__u64 argv0 = 0;
	char *buf;

	buf = bpf_map_lookup_elem(&names, &zero);
	if (!buf)
		return 0;
	/* main(argc, argv): argv is in si, the 14th word of x86-64 pt_regs */
	bpf_probe_read(&argv0, sizeof(argv0), (void *)regs[13]);
	bpf_probe_read_str(buf, 64, (void *)argv0);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
