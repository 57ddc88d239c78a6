// SPDX-License-Identifier: GPL-2.0
/*
 * BPF lockdown adversary: map element iterators that write the values they
 * are handed (a store, an atomic add, a helper writing into the value) and
 * one that only reads them. adversary_test attaches them to maps programs
 * may not write.
 */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define ADV_MARK 0xadd0000000000000ULL

struct seq_file;
struct bpf_map;
struct sock;

struct bpf_iter_meta {
	struct seq_file *seq;
	__u64 session_id;
	__u64 seq_num;
} __attribute__((preserve_access_index));

struct bpf_iter__bpf_map_elem {
	struct bpf_iter_meta *meta;
	struct bpf_map *map;
	void *key;
	void *value;
} __attribute__((preserve_access_index));

struct bpf_iter__bpf_sk_storage_map {
	struct bpf_iter_meta *meta;
	struct bpf_map *map;
	struct sock *sk;
	void *value;
} __attribute__((preserve_access_index));

/* a value with a special field: its lock word is the kernel's */
struct locked_val {
	struct bpf_spin_lock lock;
	__u32 pad;
	__u64 n;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, struct locked_val);
} adv_locked SEC(".maps");

/* socket local storage, for the bpf_sk_storage_map iterator */
struct {
	__uint(type, BPF_MAP_TYPE_SK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, __u64[2]);
} adv_sk_store SEC(".maps");

/* what the reader saw: [0] the sum of the first words, [1] the elements */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} adv_seen SEC(".maps");

SEC("iter/bpf_map_elem")
int adv_iter_store(struct bpf_iter__bpf_map_elem *ctx)
{
	__u32 *key = ctx->key;
	__u64 *val = ctx->value;

	if (!key || !val)
		return 0;
	val[0] = ADV_MARK | *key;
	return 0;
}

SEC("iter/bpf_map_elem")
int adv_iter_atomic(struct bpf_iter__bpf_map_elem *ctx)
{
	__u64 *val = ctx->value;

	if (!val)
		return 0;
	__sync_fetch_and_add(&val[0], 1);
	return 0;
}

SEC("iter/bpf_map_elem")
int adv_iter_helper(struct bpf_iter__bpf_map_elem *ctx)
{
	void *val = ctx->value;

	if (!val)
		return 0;
	bpf_get_current_comm(val, 16);
	return 0;
}

SEC("iter/bpf_map_elem")
int adv_iter_read(struct bpf_iter__bpf_map_elem *ctx)
{
	__u64 *val = ctx->value, *sum, *cnt;
	__u32 zero = 0, one = 1;

	if (!val)
		return 0;
	sum = bpf_map_lookup_elem(&adv_seen, &zero);
	cnt = bpf_map_lookup_elem(&adv_seen, &one);
	if (!sum || !cnt)
		return 0;
	*sum += val[0];
	*cnt += 1;
	return 0;
}

SEC("iter/bpf_sk_storage_map")
int adv_iter_sk_store(struct bpf_iter__bpf_sk_storage_map *ctx)
{
	__u64 *val = ctx->value;

	if (!val)
		return 0;
	val[0] = ADV_MARK;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
