// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown - libFuzzer harness for the annotation parser */

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "annot.h"

#define check(cond) do { if (!(cond)) abort(); } while (0)

/* the values the kconfig externs of a parsed annotation are encoded from */
static const char kconfig_text[] =
	"CONFIG_A=y\nCONFIG_B=m\nCONFIG_C=n\nCONFIG_N=123\nCONFIG_NEG=-1\nCONFIG_HEX=0x10\n"
	"CONFIG_OCT=010\nCONFIG_BIG=300\nCONFIG_HUGE=18446744073709551616\nCONFIG_S=\"hello\"\n"
	"CONFIG_OPEN=\"x\nCONFIG_EMPTY=\nCONFIG_JUNK=1x\nCONFIG_SP= 7";
static const struct bpf_lockdown_kconfig_env kconfig_env = {
	.kernel_version = 0x060c00,
	.has_bpf_cookie = true,
	.has_syscall_wrapper = true,
	.config = kconfig_text,
	.config_size = sizeof(kconfig_text) - 1,
};

/* Encode each kconfig extern; return their number, entries in @k */
static __u32 exercise_kconfig(const struct bpf_lockdown_annot *a,
			      struct bpf_lockdown_kconfig_extern *k)
{
	__u8 value[256 + 1];
	char err[256];
	__u32 i;
	int ret;

	check(a->version >= 3 ? a->kconfig_cnt >= 1 : !a->kconfig_cnt);
	check(a->kconfig_cnt <= BPF_LOCKDOWN_ANNOT_MAX_KCONFIG);
	for (i = 0; i < a->kconfig_cnt; i++) {
		check(!bpf_lockdown_annot_kconfig(a, i, &k[i]));
		check(strlen(k[i].name) <= BPF_LOCKDOWN_ANNOT_KCONFIG_NAME_MAX);
		check(bpf_lockdown_kconfig_name_valid(k[i].name));
		check(bpf_lockdown_kconfig_shape_valid(k[i].name, k[i].type, k[i].flags,
						       k[i].size));
		check(k[i].map_idx < BPF_LOCKDOWN_SIG_MAX_MAPS);
		check(bpf_lockdown_annot_is_kconfig_map(a, k[i].map_idx));
		check(!bpf_lockdown_annot_is_sealed(a, k[i].map_idx));
		check(!i || k[i].map_idx > k[i - 1].map_idx ||
		      (__u64)k[i - 1].value_off + k[i - 1].size <= k[i].value_off);
		value[k[i].size] = 0xa5;
		err[0] = 'X';
		ret = bpf_lockdown_kconfig_value(&kconfig_env, &k[i], value, err, sizeof(err));
		check(ret == 0 || ret == -EINVAL || ret == -ERANGE ||
		      (ret == -ENOENT && (k[i].flags & BPF_LOCKDOWN_KCONFIG_REQUIRED)));
		check(ret ? !strncmp(err, "kconfig extern ", 15) && strlen(err) < sizeof(err) :
		      !err[0]);
		check(value[k[i].size] == 0xa5);
		/* a char array always keeps a NUL */
		check(ret || k[i].type != BPF_LOCKDOWN_KCONFIG_CHAR_ARR || !value[k[i].size - 1]);
	}
	check(bpf_lockdown_annot_kconfig(a, i, &k[0]) == -ERANGE);
	return i;
}

/* Query a parsed annotation everywhere and rebuild it from what it says. */
static void exercise(const struct bpf_lockdown_annot *a)
{
	static __u8 rebuilt[BPF_LOCKDOWN_ANNOT_MAX_SIZE];
	const char *names[BPF_LOCKDOWN_LEVEL_NR][BPF_LOCKDOWN_ANNOT_MAX_KFUNCS];
	struct bpf_lockdown_kconfig_extern kconfig[BPF_LOCKDOWN_ANNOT_MAX_KCONFIG], kb;
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
	spec.kconfig = kconfig;
	spec.kconfig_cnt = exercise_kconfig(a, kconfig);

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
	check(b.version == (a->kconfig_cnt ? 3 : 1) && a->kconfig_cnt == b.kconfig_cnt);
	for (i = 0; i < a->kconfig_cnt; i++) {
		check(!bpf_lockdown_annot_kconfig(&b, i, &kb));
		check(!strcmp(kconfig[i].name, kb.name) && kconfig[i].map_idx == kb.map_idx &&
		      kconfig[i].value_off == kb.value_off && kconfig[i].size == kb.size &&
		      kconfig[i].type == kb.type && kconfig[i].flags == kb.flags);
	}
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
