/* SPDX-License-Identifier: GPL-2.0 */
/* bpf-annotate - .kconfig externs: found in BTF, filled in at load time */

#ifndef _BPF_ANNOTATE_KCONFIG_H
#define _BPF_ANNOTATE_KCONFIG_H

#include "annot.h"
#include "bpf_annotate.h"

struct btf;

int ba_kconfig_env_read(struct bpf_lockdown_kconfig_env *env, const char **source,
			char *err, size_t err_size);
void ba_kconfig_env_free(struct bpf_lockdown_kconfig_env *env);
int ba_kconfig_fill(const struct bpf_annotate_map *m, const struct bpf_lockdown_kconfig_env *env,
		    void *data, char *err, size_t err_size);
void ba_kconfig_type(const struct btf *btf, __u32 type_id, __u8 *type, __u8 *flags);

#endif /* _BPF_ANNOTATE_KCONFIG_H */
