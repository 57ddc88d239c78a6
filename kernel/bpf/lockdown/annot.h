/* SPDX-License-Identifier: GPL-2.0 */
/* BPF lockdown - annotation parser, shared by the kernel and bpf-annotate */

#ifndef _BPF_LOCKDOWN_ANNOT_H
#define _BPF_LOCKDOWN_ANNOT_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <uapi/linux/bpf.h>
#include <uapi/linux/bpf_lockdown.h>
#else
#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/bpf_lockdown.h>
#ifndef __printf
/* the kernel build checks the formats */
#define __printf(...)
#endif
#endif

/**
 * struct bpf_lockdown_annot - a parsed, validated annotation
 * @blob: the annotation as passed to bpf_lockdown_annot_parse(); the parsed
 *	annotation points into it, so it must outlive this structure
 * @size: size of @blob in bytes
 * @level: the levels, copied from @blob in CPU byte order
 * @strtab: the string table inside @blob
 * @strtab_size: size of @strtab in bytes
 * @sealed: the sealed map indices inside @blob (little-endian __u32s, not
 *	necessarily aligned): use bpf_lockdown_annot_sealed()
 * @sealed_cnt: number of sealed maps
 * @version: %BPF_LOCKDOWN_ANNOT_VERSION of the blob: 1 or 2
 * @attach: version 2: the attach kind bitmap of each level, in CPU byte
 *	order; all zero in version 1
 * @point_off: offset of the first attach point in @strtab
 * @point_cnt: number of attach points (version 2)
 * @kconfig: the kconfig entries inside @blob (little-endian, not
 *	necessarily aligned): use bpf_lockdown_annot_kconfig()
 * @kconfig_cnt: number of kconfig entries (version 3)
 */
struct bpf_lockdown_annot {
	const __u8 *blob;
	__u32 size;
	struct bpf_lockdown_annot_level level[BPF_LOCKDOWN_LEVEL_NR];
	const char *strtab;
	__u32 strtab_size;
	const __u8 *sealed;
	__u32 sealed_cnt;
	__u32 version;
	__u64 attach[BPF_LOCKDOWN_LEVEL_NR][BPF_LOCKDOWN_ANNOT_ATTACH_WORDS];
	__u32 point_off;
	__u32 point_cnt;
	const __u8 *kconfig;
	__u32 kconfig_cnt;
};

/**
 * struct bpf_lockdown_kconfig_extern - one kconfig entry, decoded
 * @name: the extern's name ("LINUX_KERNEL_VERSION", "CONFIG_HZ", ...)
 * @map_idx: fd_array index of the map that holds it
 * @value_off: offset of the value in the map's value
 * @size: size of the value in bytes
 * @type: &enum bpf_lockdown_kconfig_type
 * @flags: %BPF_LOCKDOWN_KCONFIG_SIGNED, %BPF_LOCKDOWN_KCONFIG_REQUIRED
 */
struct bpf_lockdown_kconfig_extern {
	const char *name;
	__u32 map_idx;
	__u32 value_off;
	__u16 size;
	__u8 type;
	__u8 flags;
};

/**
 * struct bpf_lockdown_kconfig_env - where kconfig values come from
 * @kernel_version: LINUX_KERNEL_VERSION, as KERNEL_VERSION(a, b, c)
 * @has_bpf_cookie: LINUX_HAS_BPF_COOKIE
 * @has_syscall_wrapper: LINUX_HAS_SYSCALL_WRAPPER
 * @config: the kernel's configuration, "CONFIG_X=value" lines as in
 *	.config or include/config/auto.conf; other lines are skipped
 * @config_size: size of @config in bytes
 */
struct bpf_lockdown_kconfig_env {
	__u32 kernel_version;
	bool has_bpf_cookie;
	bool has_syscall_wrapper;
	const char *config;
	size_t config_size;
};

/**
 * struct bpf_lockdown_annot_spec_level - what to grant at one level
 * @may_load: the program may load at this level
 * @caps: %BPF_LOCKDOWN_CAP_* bits
 * @helpers: helper bitmap, as in &struct bpf_lockdown_annot_level
 * @kfuncs: @kfunc_cnt kfunc names
 * @kfunc_cnt: number of kfunc names
 * @attach: attach kind bitmap (version 2), as in &struct
 *	bpf_lockdown_annot_attach
 */
struct bpf_lockdown_annot_spec_level {
	bool may_load;
	__u32 caps;
	__u64 helpers[BPF_LOCKDOWN_ANNOT_HELPER_WORDS];
	const char *const *kfuncs;
	__u32 kfunc_cnt;
	__u64 attach[BPF_LOCKDOWN_ANNOT_ATTACH_WORDS];
};

/**
 * struct bpf_lockdown_annot_spec - description of an annotation to build
 * @level: per &enum bpf_lockdown_level
 * @sealed: @sealed_cnt fd_array indices of sealed maps
 * @sealed_cnt: number of sealed maps
 * @bind_attach: write version 2, with the attach kinds of each level and
 *	@points; otherwise version 1, which binds no attachment
 * @points: @point_cnt attach points ("kprobe:do_nanosleep", ...)
 * @point_cnt: number of attach points
 * @kconfig: @kconfig_cnt kconfig externs, sorted by map index then offset;
 *	any makes the annotation version 3 (with an attach section, empty
 *	unless @bind_attach)
 * @kconfig_cnt: number of kconfig externs
 */
struct bpf_lockdown_annot_spec {
	struct bpf_lockdown_annot_spec_level level[BPF_LOCKDOWN_LEVEL_NR];
	const __u32 *sealed;
	__u32 sealed_cnt;
	bool bind_attach;
	const char *const *points;
	__u32 point_cnt;
	const struct bpf_lockdown_kconfig_extern *kconfig;
	__u32 kconfig_cnt;
};

/**
 * bpf_lockdown_level_name() - name of a lockdown level
 * @level: &enum bpf_lockdown_level
 *
 * The one list of the names, for the parser's and the builder's messages,
 * the kernel log, securityfs and bpf-annotate alike (annot_layout.h pins
 * the three levels of ABI 1).
 *
 * Return: "none", "integrity", "confidentiality", or "?".
 */
static inline const char *bpf_lockdown_level_name(unsigned int level)
{
	static const char *const names[BPF_LOCKDOWN_LEVEL_NR] = {
		[BPF_LOCKDOWN_LEVEL_NONE] = "none",
		[BPF_LOCKDOWN_LEVEL_INTEGRITY] = "integrity",
		[BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY] = "confidentiality",
	};

	return level < BPF_LOCKDOWN_LEVEL_NR ? names[level] : "?";
}

/**
 * bpf_lockdown_annot_set_helper() - grant a helper in a helper bitmap
 * @helpers: the bitmap
 * @func_id: &enum bpf_func_id; ignored when outside the bitmap
 */
static inline void bpf_lockdown_annot_set_helper(__u64 *helpers, int func_id)
{
	if (func_id >= 0 && func_id < BPF_LOCKDOWN_ANNOT_HELPER_WORDS * 64)
		helpers[func_id / 64] |= 1ULL << (func_id % 64);
}

/**
 * bpf_lockdown_annot_set_attach() - allow an attach kind in an attach bitmap
 * @kinds: the bitmap
 * @kind: &enum bpf_attach_type or &enum bpf_lockdown_attach_kind; ignored
 *	when outside the bitmap
 */
static inline void bpf_lockdown_annot_set_attach(__u64 *kinds, __u32 kind)
{
	if (kind < BPF_LOCKDOWN_ANNOT_ATTACH_WORDS * 64)
		kinds[kind / 64] |= 1ULL << (kind % 64);
}

int bpf_lockdown_annot_parse(const void *blob, __u32 size,
			     struct bpf_lockdown_annot *out,
			     char *err, size_t err_size);
bool bpf_lockdown_annot_may_load(const struct bpf_lockdown_annot *a,
				 unsigned int level);
bool bpf_lockdown_annot_has_helper(const struct bpf_lockdown_annot *a,
				   unsigned int level, int func_id);
bool bpf_lockdown_annot_has_kfunc(const struct bpf_lockdown_annot *a,
				  unsigned int level, const char *name);
bool bpf_lockdown_annot_has_cap(const struct bpf_lockdown_annot *a,
				unsigned int level, __u32 cap);
bool bpf_lockdown_annot_is_sealed(const struct bpf_lockdown_annot *a,
				  __u32 map_idx);
const char *bpf_lockdown_annot_kfunc(const struct bpf_lockdown_annot *a,
				     unsigned int level, __u32 i);
__u32 bpf_lockdown_annot_sealed(const struct bpf_lockdown_annot *a, __u32 i);
bool bpf_lockdown_annot_may_attach(const struct bpf_lockdown_annot *a,
				   unsigned int level, __u32 kind);
const char *bpf_lockdown_annot_point(const struct bpf_lockdown_annot *a, __u32 i);
bool bpf_lockdown_attach_kind_known(__u32 kind);
int bpf_lockdown_annot_kconfig(const struct bpf_lockdown_annot *a, __u32 i,
			       struct bpf_lockdown_kconfig_extern *out);
bool bpf_lockdown_annot_is_kconfig_map(const struct bpf_lockdown_annot *a,
				       __u32 map_idx);
bool bpf_lockdown_kconfig_name_valid(const char *name);
bool bpf_lockdown_kconfig_shape_valid(const char *name, __u8 type, __u8 flags,
				      __u16 size);
const char *bpf_lockdown_kconfig_lookup(const struct bpf_lockdown_kconfig_env *env,
					const char *name, size_t *len);
int bpf_lockdown_kconfig_value(const struct bpf_lockdown_kconfig_env *env,
			       const struct bpf_lockdown_kconfig_extern *e, void *out,
			       char *err, size_t err_size);
int bpf_lockdown_annot_build(const struct bpf_lockdown_annot_spec *spec,
			     void *buf, __u32 buf_size, __u32 *size,
			     char *err, size_t err_size);

__printf(4, 5)
int bpf_lockdown_fail(char *err, size_t err_size, int ret, const char *fmt, ...);

#endif /* _BPF_LOCKDOWN_ANNOT_H */
