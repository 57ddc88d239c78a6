// SPDX-License-Identifier: GPL-2.0
/* bpf-annotate - BTF type helpers */

#include <linux/btf.h>
#include <bpf/btf.h>

#include "btf_util.h"

/**
 * ba_btf_skip_mods() - a BTF type without its modifiers and typedefs
 * @btf: the BTF
 * @id: a type ID
 *
 * Return: the ID of the first type that is neither, 0 for void.
 */
__u32 ba_btf_skip_mods(const struct btf *btf, __u32 id)
{
	const struct btf_type *t;

	while (id) {
		t = btf__type_by_id(btf, id);
		if (!t || (!btf_is_mod(t) && !btf_is_typedef(t)))
			break;
		id = t->type;
	}
	return id;
}
