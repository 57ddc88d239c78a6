// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown test object: an LSM program that allows every file open */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

struct file;

SEC("lsm/file_open")
int BPF_PROG(allow_open, struct file *file)
{
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
