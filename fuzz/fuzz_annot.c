// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown - libFuzzer harness for the annotation parser */

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "annot.h"

#define check(cond) do { if (!(cond)) abort(); } while (0)

/* Query a parsed annotation everywhere and rebuild it from what it says. */
static void exercise(const struct bpf_lockdown_annot *a)
{
	static __u8 rebuilt[BPF_LOCKDOWN_ANNOT_MAX_SIZE];
	const char *names[BPF_LOCKDOWN_LEVEL_NR][BPF_LOCKDOWN_ANNOT_MAX_KFUNCS];
	__u32 sealed[BPF_LOCKDOWN_ANNOT_MAX_SEALED];
	struct bpf_lockdown_annot_spec spec;
	struct bpf_lockdown_annot b;
	unsigned int l, i;
	char err[256];
	__u32 size;
	int id, ret;

	memset(&spec, 0, sizeof(spec));
	for (l = 0; l <= BPF_LOCKDOWN_LEVEL_NR; l++) {
		bool may_load = bpf_lockdown_annot_may_load(a, l);

		for (id = -2; id < BPF_LOCKDOWN_ANNOT_HELPER_WORDS * 64 + 2; id++) {
			bool has = bpf_lockdown_annot_has_helper(a, l, id);

			check(!has || (may_load && id > 0 && id < __BPF_FUNC_MAX_ID));
			if (has && l < BPF_LOCKDOWN_LEVEL_NR)
				bpf_lockdown_annot_set_helper(spec.level[l].helpers, id);
		}
		for (i = 0; i < 8; i++) {
			bool has = bpf_lockdown_annot_has_cap(a, l, 1U << i);

			check(!has || (may_load && (1U << i) & BPF_LOCKDOWN_CAP_ALL));
			if (has && l < BPF_LOCKDOWN_LEVEL_NR)
				spec.level[l].caps |= 1U << i;
		}
		check(!bpf_lockdown_annot_has_cap(a, l, 0));
		check(!bpf_lockdown_annot_has_kfunc(a, l, ""));
		for (i = 0; i <= BPF_LOCKDOWN_ANNOT_MAX_KFUNCS; i++) {
			const char *name = bpf_lockdown_annot_kfunc(a, l, i);

			if (!name)
				break;
			check(may_load && i < BPF_LOCKDOWN_ANNOT_MAX_KFUNCS);
			check(strlen(name) >= 1 &&
			      strlen(name) <= BPF_LOCKDOWN_ANNOT_KFUNC_NAME_MAX);
			check(bpf_lockdown_annot_has_kfunc(a, l, name));
			names[l][i] = name;
		}
		if (l < BPF_LOCKDOWN_LEVEL_NR) {
			spec.level[l].may_load = may_load;
			spec.level[l].kfuncs = names[l];
			spec.level[l].kfunc_cnt = i;
		}
	}
	check(a->sealed_cnt <= BPF_LOCKDOWN_ANNOT_MAX_SEALED);
	for (i = 0; i < a->sealed_cnt; i++) {
		sealed[i] = bpf_lockdown_annot_sealed(a, i);
		check(bpf_lockdown_annot_is_sealed(a, sealed[i]));
	}
	spec.sealed = sealed;
	spec.sealed_cnt = a->sealed_cnt;

	/* what the parser accepted, the builder writes again, with the same meaning */
	ret = bpf_lockdown_annot_build(&spec, rebuilt, sizeof(rebuilt), &size, err, sizeof(err));
	check(!ret);
	ret = bpf_lockdown_annot_parse(rebuilt, size, &b, err, sizeof(err));
	check(!ret);
	for (l = 0; l < BPF_LOCKDOWN_LEVEL_NR; l++) {
		check(!memcmp(a->level[l].helpers, b.level[l].helpers,
			      sizeof(b.level[l].helpers)));
		check(a->level[l].flags == b.level[l].flags && a->level[l].caps == b.level[l].caps);
		check(a->level[l].kfunc_cnt == b.level[l].kfunc_cnt);
		for (i = 0; i < a->level[l].kfunc_cnt; i++)
			check(!strcmp(bpf_lockdown_annot_kfunc(a, l, i),
				      bpf_lockdown_annot_kfunc(&b, l, i)));
	}
	check(a->sealed_cnt == b.sealed_cnt && !memcmp(a->sealed, b.sealed, 4 * b.sealed_cnt));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bpf_lockdown_annot a;
	char err[256];
	__u8 *copy;
	int ret;

	if (size > BPF_LOCKDOWN_ANNOT_MAX_SIZE + 16)
		return 0;
	/* an exact-size heap copy, so that ASan sees every overread */
	copy = malloc(size ? size : 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	err[0] = 'X';
	ret = bpf_lockdown_annot_parse(size ? copy : NULL, size, &a, err, sizeof(err));
	check(ret == 0 || ret == -EINVAL || ret == -EBADMSG || ret == -E2BIG);
	check(ret ? !strncmp(err, "annotation: ", 12) && strlen(err) < sizeof(err) : !err[0]);
	if (!ret) {
		check(a.size == size && a.blob == copy);
		exercise(&a);
	}
	free(copy);
	return 0;
}
