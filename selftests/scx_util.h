/* SPDX-License-Identifier: GPL-2.0 */
/* BPF lockdown selftests - vmlinux BTF lookups and a sched_ext struct_ops map */
#ifndef _SCX_UTIL_H
#define _SCX_UTIL_H

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#define SCX_VALUE "bpf_struct_ops_sched_ext_ops"

static inline struct btf *vmlinux_btf(void)
{
	static struct btf *btf;

	if (!btf)
		btf = btf__load_vmlinux_btf();
	return libbpf_get_error(btf) ? NULL : btf;
}

static inline int btf_id(const char *name, int kind)
{
	struct btf *btf = vmlinux_btf();

	return btf ? btf__find_by_name_kind(btf, name, kind) : -ENOENT;
}

/* Byte offset of @member in the struct of BTF ID @id, or -1; its type and index */
static inline int btf_member_off(int id, const char *member, __u32 *type_id, int *index)
{
	struct btf *btf = vmlinux_btf();
	const struct btf_type *t = btf ? btf__type_by_id(btf, id) : NULL;
	const struct btf_member *m;

	if (!t || !btf_is_struct(t))
		return -1;
	m = btf_members(t);
	for (int i = 0; i < btf_vlen(t); i++, m++) {
		if (strcmp(btf__name_by_offset(btf, m->name_off), member))
			continue;
		if (type_id)
			*type_id = m->type;
		if (index)
			*index = i;
		return btf_member_bit_offset(t, i) / 8;
	}
	return -1;
}

/*
 * A sched_ext struct_ops map whose every operation is the default: no
 * program, so nothing is ever verified, but registering it switches the
 * scheduler over. BPF_F_LINK keeps the update from registering anything:
 * it only prepares the map for a link.
 */
static inline int ld_scx_map(const char *map_name, __u32 flags, void **value,
			     __u32 *value_size)
{
	LIBBPF_OPTS(bpf_map_create_opts, opts, .map_flags = flags);
	int vtype = btf_id(SCX_VALUE, BTF_KIND_STRUCT);
	struct btf *btf;
	__u32 data_type = 0;
	int data, name, fd;
	__s64 size;
	char *v;

	if (vtype <= 0)
		return -ENOENT;
	size = btf__resolve_size(vmlinux_btf(), vtype);
	data = btf_member_off(vtype, "data", &data_type, NULL);
	name = btf_member_off(data_type, "name", NULL, NULL);
	if (size <= 0 || data < 0 || name < 0)
		return -ENOENT;
	/* BPF_MAP_CREATE wants a BTF object of the loader's too, any will do */
	btf = btf__new_empty();
	if (libbpf_get_error(btf) || btf__add_int(btf, "int", 4, BTF_INT_SIGNED) <= 0 ||
	    btf__load_into_kernel(btf)) {
		btf__free(btf);
		return -EINVAL;
	}
	opts.btf_fd = btf__fd(btf);
	opts.btf_vmlinux_value_type_id = vtype;
	fd = bpf_map_create(BPF_MAP_TYPE_STRUCT_OPS, map_name, 4, size, 1, &opts);
	fd = fd < 0 ? -errno : fd;
	btf__free(btf);
	if (fd < 0)
		return fd;
	v = calloc(1, size);
	if (!v) {
		close(fd);
		return -ENOMEM;
	}
	memcpy(v + data + name, "adv", sizeof("adv"));
	*value = v;
	*value_size = size;
	return fd;
}

#endif /* _SCX_UTIL_H */
