// SPDX-License-Identifier: GPL-2.0
/*
 * BPF lockdown test object: a __naked function with a parameter, which
 * clang leaves unnamed in BTF, and the kernel refuses
 */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("socket")
__attribute__((naked)) int naked_param(void *ctx)
{
	asm volatile ("r0 = 0; exit;" ::: "memory");
}

char LICENSE[] SEC("license") = "GPL";
