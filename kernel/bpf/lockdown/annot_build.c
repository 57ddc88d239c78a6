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

#include "annot_layout.h"

static void put_le32(__u8 *p, __u32 v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

static void put_le64(__u8 *p, __u64 v)
{
	put_le32(p, v);
	put_le32(p + 4, v >> 32);
}

/**
 * bpf_lockdown_annot_build() - write an annotation from a description
 * @spec: what to grant
 * @buf: output buffer, or NULL to only compute the size
 * @buf_size: size of @buf
 * @size: set to the size of the annotation
 * @err: buffer for a one-line reason on failure, or NULL
 * @err_size: size of @err
 *
 * The output is deterministic: the header, the three levels, the sealed
 * indices in @spec order and the kfunc names level by level, without gaps;
 * unused bytes are zero. The result is checked with
 * bpf_lockdown_annot_parse(), so the builder never writes an annotation the
 * parser refuses.
 *
 * Return: 0 on success; -EINVAL for a NULL name or list; -ENOSPC when
 * @buf_size is too small (@size says how much is needed); -E2BIG or
 * -EBADMSG as bpf_lockdown_annot_parse() returns them for the result.
 */
int bpf_lockdown_annot_build(const struct bpf_lockdown_annot_spec *spec,
			     void *buf, __u32 buf_size, __u32 *size,
			     char *err, size_t err_size)
{
	const struct bpf_lockdown_annot_spec_level *sl;
	__u32 strtab_off, strtab_size = 0, total, pos, i, l;
	struct bpf_lockdown_annot parsed;
	__u8 *b = buf, *p;
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
		if (sl->kfunc_cnt > BPF_LOCKDOWN_ANNOT_MAX_KFUNCS)
			return bpf_lockdown_fail(err, err_size, -E2BIG,
						 "annotation: level %s: %u kfuncs exceed the maximum of %u",
						 annot_level_names[l], sl->kfunc_cnt,
						 BPF_LOCKDOWN_ANNOT_MAX_KFUNCS);
		for (i = 0; i < sl->kfunc_cnt; i++) {
			if (!sl->kfuncs || !sl->kfuncs[i])
				return bpf_lockdown_fail(err, err_size, -EINVAL,
							 "annotation: level %s: kfunc name %u is NULL",
							 annot_level_names[l], i);
			len = strnlen(sl->kfuncs[i], NAME_MAX_LEN + 1);
			if (len > NAME_MAX_LEN)
				return bpf_lockdown_fail(err, err_size, -E2BIG,
							 "annotation: level %s: kfunc name %u is longer than %u bytes",
							 annot_level_names[l], i, NAME_MAX_LEN);
			strtab_size += len + 1;
		}
	}
	strtab_off = HDR_SIZE + BPF_LOCKDOWN_LEVEL_NR * LEVEL_SIZE + 4 * spec->sealed_cnt;
	total = strtab_off + strtab_size;
	*size = total;
	if (!b)
		return 0;
	if (buf_size < total)
		return bpf_lockdown_fail(err, err_size, -ENOSPC,
					 "annotation: needs %u bytes, the buffer has %u",
					 total, buf_size);

	memset(b, 0, total);
	put_le32(b + HDR(magic), BPF_LOCKDOWN_ANNOT_MAGIC);
	put_le32(b + HDR(version), BPF_LOCKDOWN_ANNOT_VERSION);
	put_le32(b + HDR(hdr_size), HDR_SIZE);
	put_le32(b + HDR(total_size), total);
	put_le32(b + HDR(level_off), HDR_SIZE);
	put_le32(b + HDR(level_cnt), BPF_LOCKDOWN_LEVEL_NR);
	if (spec->sealed_cnt) {
		put_le32(b + HDR(sealed_off), HDR_SIZE + BPF_LOCKDOWN_LEVEL_NR * LEVEL_SIZE);
		put_le32(b + HDR(sealed_cnt), spec->sealed_cnt);
	}
	if (strtab_size) {
		put_le32(b + HDR(strtab_off), strtab_off);
		put_le32(b + HDR(strtab_size), strtab_size);
	}
	for (i = 0; i < spec->sealed_cnt; i++)
		put_le32(b + HDR_SIZE + BPF_LOCKDOWN_LEVEL_NR * LEVEL_SIZE + 4 * i,
			 spec->sealed[i]);
	for (l = 0, pos = 0; l < BPF_LOCKDOWN_LEVEL_NR; l++) {
		sl = &spec->level[l];
		p = b + HDR_SIZE + l * LEVEL_SIZE;
		put_le32(p + LVL(flags), sl->may_load ? BPF_LOCKDOWN_ANNOT_MAY_LOAD : 0);
		put_le32(p + LVL(caps), sl->caps);
		for (i = 0; i < BPF_LOCKDOWN_ANNOT_HELPER_WORDS; i++)
			put_le64(p + LVL(helpers) + 8 * i, sl->helpers[i]);
		if (!sl->kfunc_cnt)
			continue;
		put_le32(p + LVL(kfunc_off), pos);
		put_le32(p + LVL(kfunc_cnt), sl->kfunc_cnt);
		for (i = 0; i < sl->kfunc_cnt; i++) {
			len = strlen(sl->kfuncs[i]);
			memcpy(b + strtab_off + pos, sl->kfuncs[i], len);
			pos += len + 1;
		}
	}
	return bpf_lockdown_annot_parse(b, total, &parsed, err, err_size);
}
