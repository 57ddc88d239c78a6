// SPDX-License-Identifier: GPL-2.0
/*
 * BPF lockdown adversary: the words of a new bpf_obj_new() object. The BPF
 * memory allocator hands out what an earlier user left (a dropped object
 * once an RCU grace period has passed, iterator state at once), and
 * bpf_obj_init() stores an object's own address into each rb node: a
 * program that reads the words of a new object it never wrote may find
 * kernel addresses.
 */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

extern void *bpf_obj_new_impl(__u64 local_type_id, void *meta) __ksym;
extern void bpf_obj_drop_impl(void *kptr, void *meta) __ksym;

/* 40 bytes each: one size class of the allocator */
struct adv_node {
	struct bpf_rb_node node;
	__u64 pad;
};

struct adv_plain {
	__u64 word[5];
};

/* the OR of the words read, and the runs that read them */
__u64 adv_word;
__u64 adv_runs;

SEC("fentry/bpf_fentry_test1")
int adv_obj_new_reuse(void *ctx)
{
	struct adv_node *n;
	struct adv_plain *p;

	n = bpf_obj_new_impl(bpf_core_type_id_local(struct adv_node), NULL);
	if (!n)
		return 0;
	bpf_obj_drop_impl(n, NULL);
	p = bpf_obj_new_impl(bpf_core_type_id_local(struct adv_plain), NULL);
	if (!p)
		return 0;
	adv_word |= p->word[0] | p->word[1] | p->word[2] | p->word[3] | p->word[4];
	adv_runs++;
	bpf_obj_drop_impl(p, NULL);
	return 0;
}

char _license[] SEC("license") = "GPL";
