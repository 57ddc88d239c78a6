/* SPDX-License-Identifier: GPL-2.0 */
/* BPF lockdown selftests - maps whose BTF the tests build with libbpf */

#ifndef _LOCKDOWN_BTF_UTIL_H
#define _LOCKDOWN_BTF_UTIL_H

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/bpf.h>
#include <bpf/btf.h>

/*
 * An array map of one element whose value is { int; struct bpf_timer; }
 * (a special field: its words hold kernel pointers once a program starts
 * the timer), exclusive to the program whose digest is @excl_hash if set.
 * Returns fd or -errno.
 */
static inline int ld_timer_map(const void *excl_hash)
{
	int int_id, timer_id, val_id, fd = -EINVAL;
	union bpf_attr attr;
	struct btf *btf;

	btf = btf__new_empty();
	if (!btf)
		return -ENOMEM;
	int_id = btf__add_int(btf, "int", 4, BTF_INT_SIGNED);
	timer_id = btf__add_struct(btf, "bpf_timer", 16);
	btf__add_field(btf, "a", int_id, 0, 0);
	val_id = btf__add_struct(btf, "val", 24);
	btf__add_field(btf, "n", int_id, 0, 0);
	btf__add_field(btf, "t", timer_id, 64, 0);
	if (!btf__load_into_kernel(btf)) {
		memset(&attr, 0, sizeof(attr));
		attr.map_type = BPF_MAP_TYPE_ARRAY;
		attr.key_size = 4;
		attr.value_size = 24;
		attr.max_entries = 1;
		attr.btf_fd = btf__fd(btf);
		attr.btf_key_type_id = int_id;
		attr.btf_value_type_id = val_id;
		attr.excl_prog_hash = (__u64)(unsigned long)excl_hash;
		attr.excl_prog_hash_size = excl_hash ? 32 : 0;
		fd = syscall(__NR_bpf, BPF_MAP_CREATE, &attr, sizeof(attr));
		if (fd < 0)
			fd = -errno;
	}
	btf__free(btf);
	return fd;
}

#endif /* _LOCKDOWN_BTF_UTIL_H */
