// SPDX-License-Identifier: GPL-2.0
/*
 * BPF lockdown - annotation builder, for the KUnit test and bpf-annotate:
 * the kernel only parses annotations, it never writes one
 */
#include <linux/build_bug.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include "annot_layout.h"

/**
 * bpf_lockdown_annot_build() - write an annotation from a description
 * @spec: what to grant
 * @buf: output buffer, or NULL to only compute the size
 * @buf_size: size of @buf
 * @size: set to the size of the annotation
 * @err: buffer for a one-line reason on failure, or NULL
 * @err_size: size of @err
 *
 * The output is deterministic: the header, the three levels, from version 2
 * the three attach sections, the sealed indices in @spec order, in version
 * 3 the kconfig entries in @spec order, and the string table: the kfunc
 * names level by level, the attach points in @spec order, then the kconfig
 * names; without gaps, unused bytes zero. Version 3 is written when @spec
 * has kconfig externs, else version 2 when it asks to bind attachments
 * (bind_attach), version 1 otherwise. The result is checked with
 * bpf_lockdown_annot_parse(), so the builder never writes an annotation the
 * parser refuses.
 *
 * Return: 0 on success; -EINVAL for a NULL name or list, or attach kinds or
 * points without bind_attach; -ENOSPC when
 * @buf_size is too small (@size says how much is needed); -E2BIG or
 * -EBADMSG as bpf_lockdown_annot_parse() returns them for the result.
 */
int bpf_lockdown_annot_build(const struct bpf_lockdown_annot_spec *spec,
			     void *buf, __u32 buf_size, __u32 *size,
			     char *err, size_t err_size)
{
	const struct bpf_lockdown_annot_spec_level *sl;
	__u32 strtab_off, strtab_size = 0, total, pos, i, l, attach_off = 0, point_off = 0;
	__u32 sealed_off, kconfig_off, kname_off, version;
	struct bpf_lockdown_annot parsed;
	bool attach_sec;
	__u8 *b = buf, *p;
	const char *lname;
	size_t len;

	if (err && err_size)
		err[0] = '\0';
	if (spec->sealed_cnt > BPF_LOCKDOWN_ANNOT_MAX_SEALED)
		return bpf_lockdown_fail(err, err_size, -E2BIG,
					 "annotation: %u sealed maps exceed the maximum of %u",
					 spec->sealed_cnt, BPF_LOCKDOWN_ANNOT_MAX_SEALED);
	if (spec->sealed_cnt && !spec->sealed)
		return bpf_lockdown_fail(err, err_size, -EINVAL,
					 "annotation: sealed map list is NULL");
	for (l = 0; l < BPF_LOCKDOWN_LEVEL_NR; l++) {
		sl = &spec->level[l];
		lname = bpf_lockdown_level_name(l);
		if (sl->kfunc_cnt > BPF_LOCKDOWN_ANNOT_MAX_KFUNCS)
			return bpf_lockdown_fail(err, err_size, -E2BIG,
						 "annotation: level %s: %u kfuncs exceed the maximum of %u",
						 lname, sl->kfunc_cnt,
						 BPF_LOCKDOWN_ANNOT_MAX_KFUNCS);
		for (i = 0; i < sl->kfunc_cnt; i++) {
			if (!sl->kfuncs || !sl->kfuncs[i])
				return bpf_lockdown_fail(err, err_size, -EINVAL,
							 "annotation: level %s: kfunc name %u is NULL",
							 lname, i);
			len = strnlen(sl->kfuncs[i], NAME_MAX_LEN + 1);
			if (len > NAME_MAX_LEN)
				return bpf_lockdown_fail(err, err_size, -E2BIG,
							 "annotation: level %s: kfunc name %u is longer than %u bytes",
							 lname, i, NAME_MAX_LEN);
			strtab_size += len + 1;
		}
	}
	if (spec->point_cnt > BPF_LOCKDOWN_ANNOT_MAX_POINTS)
		return bpf_lockdown_fail(err, err_size, -E2BIG,
					 "annotation: %u attach points exceed the maximum of %u",
					 spec->point_cnt, BPF_LOCKDOWN_ANNOT_MAX_POINTS);
	point_off = strtab_size;
	for (i = 0; i < spec->point_cnt; i++) {
		if (!spec->points || !spec->points[i])
			return bpf_lockdown_fail(err, err_size, -EINVAL,
						 "annotation: attach point %u is NULL", i);
		len = strnlen(spec->points[i], POINT_MAX_LEN + 1);
		if (len > POINT_MAX_LEN)
			return bpf_lockdown_fail(err, err_size, -E2BIG,
						 "annotation: attach point %u is longer than %u bytes",
						 i, POINT_MAX_LEN);
		strtab_size += len + 1;
	}
	if (spec->kconfig_cnt > BPF_LOCKDOWN_ANNOT_MAX_KCONFIG)
		return bpf_lockdown_fail(err, err_size, -E2BIG,
					 "annotation: %u kconfig externs exceed the maximum of %u",
					 spec->kconfig_cnt, BPF_LOCKDOWN_ANNOT_MAX_KCONFIG);
	kname_off = strtab_size;
	for (i = 0; i < spec->kconfig_cnt; i++) {
		if (!spec->kconfig || !spec->kconfig[i].name)
			return bpf_lockdown_fail(err, err_size, -EINVAL,
						 "annotation: kconfig extern %u is NULL", i);
		len = strnlen(spec->kconfig[i].name, KCONFIG_NAME_MAX + 1);
		if (len > KCONFIG_NAME_MAX)
			return bpf_lockdown_fail(err, err_size, -E2BIG,
						 "annotation: kconfig extern %u: name is longer than %u bytes",
						 i, KCONFIG_NAME_MAX);
		strtab_size += len + 1;
	}
	if (!spec->bind_attach) {
		for (l = 0; l < BPF_LOCKDOWN_LEVEL_NR; l++)
			for (i = 0; i < BPF_LOCKDOWN_ANNOT_ATTACH_WORDS; i++)
				if (spec->level[l].attach[i])
					return bpf_lockdown_fail(err, err_size, -EINVAL,
								 "annotation: attach kinds need version 2 (bind_attach)");
		if (spec->point_cnt)
			return bpf_lockdown_fail(err, err_size, -EINVAL,
						 "annotation: attach points need version 2 (bind_attach)");
	}
	version = spec->kconfig_cnt ? 3 : spec->bind_attach ? 2 : 1;
	attach_sec = version >= 2;
	strtab_off = HDR_SIZE + BPF_LOCKDOWN_LEVEL_NR * LEVEL_SIZE;
	if (attach_sec) {
		attach_off = strtab_off;
		strtab_off += BPF_LOCKDOWN_LEVEL_NR * ATTACH_SIZE;
	}
	sealed_off = strtab_off;
	strtab_off += 4 * spec->sealed_cnt;
	kconfig_off = strtab_off;
	strtab_off += KCONFIG_SIZE * spec->kconfig_cnt;
	total = strtab_off + strtab_size;
	*size = total;
	if (!b)
		return 0;
	if (buf_size < total)
		return bpf_lockdown_fail(err, err_size, -ENOSPC,
					 "annotation: needs %u bytes, the buffer has %u",
					 total, buf_size);

	memset(b, 0, total);
	put_unaligned_le32(BPF_LOCKDOWN_ANNOT_MAGIC, b + HDR(magic));
	put_unaligned_le32(version, b + HDR(version));
	put_unaligned_le32(HDR_SIZE, b + HDR(hdr_size));
	put_unaligned_le32(total, b + HDR(total_size));
	put_unaligned_le32(HDR_SIZE, b + HDR(level_off));
	put_unaligned_le32(BPF_LOCKDOWN_LEVEL_NR, b + HDR(level_cnt));
	if (spec->sealed_cnt) {
		put_unaligned_le32(sealed_off, b + HDR(sealed_off));
		put_unaligned_le32(spec->sealed_cnt, b + HDR(sealed_cnt));
	}
	if (attach_sec) {
		put_unaligned_le32(attach_off, b + HDR(attach_off));
		for (l = 0; l < BPF_LOCKDOWN_LEVEL_NR; l++)
			for (i = 0; i < BPF_LOCKDOWN_ANNOT_ATTACH_WORDS; i++)
				put_unaligned_le64(spec->level[l].attach[i],
						   b + attach_off + l * ATTACH_SIZE + 8 * i);
	}
	if (spec->point_cnt) {
		put_unaligned_le32(point_off, b + HDR(point_off));
		put_unaligned_le32(spec->point_cnt, b + HDR(point_cnt));
		for (i = 0, pos = point_off; i < spec->point_cnt; i++) {
			len = strlen(spec->points[i]);
			memcpy(b + strtab_off + pos, spec->points[i], len);
			pos += len + 1;
		}
	}
	if (strtab_size) {
		put_unaligned_le32(strtab_off, b + HDR(strtab_off));
		put_unaligned_le32(strtab_size, b + HDR(strtab_size));
	}
	for (i = 0; i < spec->sealed_cnt; i++)
		put_unaligned_le32(spec->sealed[i], b + sealed_off + 4 * i);
	if (spec->kconfig_cnt) {
		put_unaligned_le32(kconfig_off, b + HDR(kconfig_off));
		put_unaligned_le32(spec->kconfig_cnt, b + HDR(kconfig_cnt));
	}
	for (i = 0, pos = kname_off; i < spec->kconfig_cnt; i++) {
		p = b + kconfig_off + KCONFIG_SIZE * i;
		put_unaligned_le32(pos, p);
		put_unaligned_le32(spec->kconfig[i].map_idx, p + 4);
		put_unaligned_le32(spec->kconfig[i].value_off, p + 8);
		put_unaligned_le16(spec->kconfig[i].size, p + 12);
		p[14] = spec->kconfig[i].type;
		p[15] = spec->kconfig[i].flags;
		len = strlen(spec->kconfig[i].name);
		memcpy(b + strtab_off + pos, spec->kconfig[i].name, len);
		pos += len + 1;
	}
	for (l = 0, pos = 0; l < BPF_LOCKDOWN_LEVEL_NR; l++) {
		sl = &spec->level[l];
		p = b + HDR_SIZE + l * LEVEL_SIZE;
		put_unaligned_le32(sl->may_load ? BPF_LOCKDOWN_ANNOT_MAY_LOAD : 0, p + LVL(flags));
		put_unaligned_le32(sl->caps, p + LVL(caps));
		for (i = 0; i < BPF_LOCKDOWN_ANNOT_HELPER_WORDS; i++)
			put_unaligned_le64(sl->helpers[i], p + LVL(helpers) + 8 * i);
		if (!sl->kfunc_cnt)
			continue;
		put_unaligned_le32(pos, p + LVL(kfunc_off));
		put_unaligned_le32(sl->kfunc_cnt, p + LVL(kfunc_cnt));
		for (i = 0; i < sl->kfunc_cnt; i++) {
			len = strlen(sl->kfuncs[i]);
			memcpy(b + strtab_off + pos, sl->kfuncs[i], len);
			pos += len + 1;
		}
	}
	return bpf_lockdown_annot_parse(b, total, &parsed, err, err_size);
}
