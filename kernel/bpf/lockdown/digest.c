// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown - signed digest of a program, shared by the kernel and bpf-annotate */

#include <linux/build_bug.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "digest.h"
#include "sha256.h"

static_assert(BPF_LOCKDOWN_DIGEST_SIZE == SHA256_DIGEST_SIZE, "the digest is a SHA-256");

/* Small writes (record headers, instructions) are batched. */
struct digest_ctx {
	struct bpf_lockdown_sha256 sha;
	__u32 len;
	__u8 buf[256];
};

static void flush(struct digest_ctx *d)
{
	if (d->len)
		bpf_lockdown_sha256_update(&d->sha, d->buf, d->len);
	d->len = 0;
}

static void emit(struct digest_ctx *d, const void *p, __u32 len)
{
	if (!len)
		return;
	if (len > sizeof(d->buf) - d->len) {
		flush(d);
		if (len >= sizeof(d->buf)) {
			bpf_lockdown_sha256_update(&d->sha, p, len);
			return;
		}
	}
	memcpy(d->buf + d->len, p, len);
	d->len += len;
}

static void emit_u32(struct digest_ctx *d, __u32 v)
{
	__u8 b[4] = { v, v >> 8, v >> 16, v >> 24 };

	emit(d, b, sizeof(b));
}

static void emit_record(struct digest_ctx *d, __u32 tag, const void *p, __u32 len)
{
	emit_u32(d, tag);
	emit_u32(d, len);
	emit(d, p, len);
}

static void emit_string(struct digest_ctx *d, __u32 tag, const char *s)
{
	emit_record(d, tag, s, s ? strlen(s) : 0);
}

static void emit_u32_record(struct digest_ctx *d, __u32 tag, __u32 v)
{
	emit_u32(d, tag);
	emit_u32(d, sizeof(v));
	emit_u32(d, v);
}

static void emit_insn(struct digest_ctx *d, const struct bpf_insn *insn, bool no_off,
		      bool no_imm)
{
	__u16 off = no_off ? 0 : (__u16)insn->off;
	__u32 imm = no_imm ? 0 : (__u32)insn->imm;
	__u8 b[8] = {
		insn->code, (insn->dst_reg & 0xf) | (insn->src_reg & 0xf) << 4,
		off, off >> 8, imm, imm >> 8, imm >> 16, imm >> 24,
	};

	emit(d, b, sizeof(b));
}

static bool is_kfunc_call(const struct bpf_insn *insn)
{
	return insn->code == BPF_LOCKDOWN_CALL && insn->src_reg == BPF_PSEUDO_KFUNC_CALL;
}

static bool is_ksym(const struct bpf_insn *insn)
{
	return insn->code == BPF_LOCKDOWN_LD_IMM64 && insn->src_reg == BPF_PSEUDO_BTF_ID;
}

/* Refuse what cannot be signed before hashing anything. */
static int check_insns(const struct bpf_lockdown_digest_input *in,
		       const struct bpf_lockdown_digest_ops *ops,
		       char *err, size_t err_size)
{
	const struct bpf_insn *insn;
	__u32 i, idx;

	for (i = 0; i < in->insn_cnt; i++) {
		insn = &in->insns[i];
		if (is_kfunc_call(insn) && (!ops || !ops->btf_name))
			return bpf_lockdown_fail(err, err_size, -EINVAL,
						 "instruction %u calls a kfunc but no BTF name resolver was given",
						 i);
		if (insn->code != BPF_LOCKDOWN_LD_IMM64)
			continue;
		if (i + 1 >= in->insn_cnt)
			return bpf_lockdown_fail(err, err_size, -EINVAL,
						 "instruction %u is a truncated ld_imm64", i);
		switch (insn->src_reg) {
		case BPF_PSEUDO_MAP_FD:
		case BPF_PSEUDO_MAP_VALUE:
			return bpf_lockdown_fail(err, err_size, -EINVAL,
						 "instruction %u uses a raw map fd, which the signature cannot cover; use fd_array indices (BPF_PSEUDO_MAP_IDX)",
						 i);
		case BPF_PSEUDO_MAP_IDX:
		case BPF_PSEUDO_MAP_IDX_VALUE:
			idx = insn->imm;
			if (idx >= in->map_cnt)
				return bpf_lockdown_fail(err, err_size, -EINVAL,
							 "instruction %u references fd_array index %u but only %u maps are described",
							 i, idx, in->map_cnt);
			if (!in->maps[idx].type)
				return bpf_lockdown_fail(err, err_size, -EINVAL,
							 "instruction %u references fd_array index %u, which holds no map",
							 i, idx);
			break;
		case BPF_PSEUDO_BTF_ID:
			if (!ops || !ops->btf_name)
				return bpf_lockdown_fail(err, err_size, -EINVAL,
							 "instruction %u loads a ksym but no BTF name resolver was given",
							 i);
			break;
		}
		i++;
	}
	return 0;
}

static int check_records(const char *what, const void *p, __u32 cnt, __u32 rec_size,
			 char *err, size_t err_size)
{
	if (!cnt)
		return 0;
	if (!p)
		return bpf_lockdown_fail(err, err_size, -EINVAL,
					 "%s: %u records but no data", what, cnt);
	if (!rec_size)
		return bpf_lockdown_fail(err, err_size, -EINVAL, "%s: record size is 0", what);
	if ((__u64)cnt * rec_size > 0xffffffffULL - 4)
		return bpf_lockdown_fail(err, err_size, -E2BIG,
					 "%s: %u records of %u bytes are too large",
					 what, cnt, rec_size);
	return 0;
}

static int check_input(const struct bpf_lockdown_digest_input *in,
		       const struct bpf_lockdown_digest_ops *ops,
		       char *err, size_t err_size)
{
	const struct bpf_lockdown_annot *a = in->annot;
	__u32 i, idx;
	int ret;

	if (in->insn_cnt && !in->insns)
		return bpf_lockdown_fail(err, err_size, -EINVAL,
					 "instructions: %u but no data", in->insn_cnt);
	if (in->insn_cnt > 0xffffffffU / 8)
		return bpf_lockdown_fail(err, err_size, -E2BIG,
					 "instructions: %u are too many", in->insn_cnt);
	if (in->map_cnt && !in->maps)
		return bpf_lockdown_fail(err, err_size, -EINVAL,
					 "maps: %u but no descriptors", in->map_cnt);
	if (in->btf_size && !in->btf)
		return bpf_lockdown_fail(err, err_size, -EINVAL,
					 "btf: %u bytes but no data", in->btf_size);
	ret = check_records("func_info", in->func_info, in->func_info_cnt,
			    in->func_info_rec_size, err, err_size);
	if (!ret)
		ret = check_records("line_info", in->line_info, in->line_info_cnt,
				    in->line_info_rec_size, err, err_size);
	if (!ret)
		ret = check_records("core_relos", in->core_relos, in->core_relo_cnt,
				    in->core_relo_rec_size, err, err_size);
	if (ret)
		return ret;
	if (in->prog_type == BPF_PROG_TYPE_EXT && !in->target_digest)
		return bpf_lockdown_fail(err, err_size, -EINVAL,
					 "target digest: an extension needs the digest of its signed target program");
	if (in->prog_type != BPF_PROG_TYPE_EXT && in->target_digest)
		return bpf_lockdown_fail(err, err_size, -EINVAL,
					 "target digest: only an extension has a target program");
	for (i = 0; a && i < a->sealed_cnt; i++) {
		idx = bpf_lockdown_annot_sealed(a, i);
		if (idx >= in->map_cnt)
			return bpf_lockdown_fail(err, err_size, -EINVAL,
						 "annotation seals fd_array index %u but only %u maps are described",
						 idx, in->map_cnt);
		if (!in->maps[idx].type)
			return bpf_lockdown_fail(err, err_size, -EINVAL,
						 "annotation seals fd_array index %u, which holds no map",
						 idx);
		if (!in->maps[idx].sealed_sha256)
			return bpf_lockdown_fail(err, err_size, -EINVAL,
						 "sealed map at fd_array index %u has no content digest",
						 idx);
	}
	return check_insns(in, ops, err, err_size);
}

/*
 * On a little-endian machine, struct bpf_insn is laid out as its canonical
 * form: code, dst_reg in the low nibble and src_reg in the high one, then
 * off and imm in little-endian. Runs of instructions hashed as they are then
 * go to SHA-256 in one piece, straight from the caller's copy; only kfunc
 * calls and ksym loads, whose BTF IDs are not hashed, are written out.
 */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define DIGEST_RAW_INSNS 1
#else
#define DIGEST_RAW_INSNS 0
#endif
static_assert(sizeof(struct bpf_insn) == 8, "struct bpf_insn is 8 bytes");

static void emit_insns(struct digest_ctx *d, const struct bpf_lockdown_digest_input *in)
{
	const struct bpf_insn *insn;
	__u32 i, run = 0;

	emit_u32(d, BPF_LOCKDOWN_DIGEST_TAG_INSNS);
	emit_u32(d, in->insn_cnt * 8);
	for (i = 0; i < in->insn_cnt; i++) {
		insn = &in->insns[i];
		if (DIGEST_RAW_INSNS && !is_kfunc_call(insn) && !is_ksym(insn)) {
			/* the second half of ld_imm64 is data, not an instruction */
			if (insn->code == BPF_LOCKDOWN_LD_IMM64)
				i++;
			continue;
		}
		emit(d, &in->insns[run], (i - run) * sizeof(*insn));
		if (is_kfunc_call(insn)) {
			emit_insn(d, insn, true, true);
		} else if (is_ksym(insn)) {
			emit_insn(d, insn, false, true);
			emit_insn(d, insn + 1, false, true);
			i++;
		} else {
			emit_insn(d, insn, false, false);
			if (insn->code == BPF_LOCKDOWN_LD_IMM64)
				emit_insn(d, &in->insns[++i], false, false);
		}
		run = i + 1;
	}
	emit(d, &in->insns[run], (in->insn_cnt - run) * sizeof(*insn));
}

static int emit_names(struct digest_ctx *d, const struct bpf_lockdown_digest_input *in,
		      const struct bpf_lockdown_digest_ops *ops, void *ctx,
		      char *err, size_t err_size)
{
	enum bpf_lockdown_digest_kind kind;
	const struct bpf_insn *insn;
	const char *name, *what;
	__s32 btf_obj;
	size_t len;
	__u32 i;
	int ret;

	for (i = 0; i < in->insn_cnt; i++) {
		insn = &in->insns[i];
		if (is_kfunc_call(insn)) {
			kind = BPF_LOCKDOWN_DIGEST_KFUNC;
			btf_obj = insn->off;
		} else if (is_ksym(insn)) {
			kind = BPF_LOCKDOWN_DIGEST_KSYM;
			btf_obj = insn[1].imm;
		} else {
			if (insn->code == BPF_LOCKDOWN_LD_IMM64)
				i++;
			continue;
		}
		name = NULL;
		ret = ops->btf_name(ctx, kind, i, insn->imm, btf_obj, &name);
		what = kind == BPF_LOCKDOWN_DIGEST_KFUNC ? "kfunc" : "ksym";
		if (ret)
			return bpf_lockdown_fail(err, err_size, ret,
						 "instruction %u: cannot resolve the name of %s BTF ID %u (error %d)",
						 i, what, (__u32)insn->imm, ret);
		len = name ? strnlen(name, BPF_LOCKDOWN_DIGEST_NAME_MAX + 1) : 0;
		if (!len || len > BPF_LOCKDOWN_DIGEST_NAME_MAX)
			return bpf_lockdown_fail(err, err_size, -EINVAL,
						 "instruction %u: BTF ID %u has an empty or overlong name",
						 i, (__u32)insn->imm);
		emit_u32(d, kind == BPF_LOCKDOWN_DIGEST_KFUNC ? BPF_LOCKDOWN_DIGEST_TAG_KFUNC :
			 BPF_LOCKDOWN_DIGEST_TAG_KSYM);
		emit_u32(d, 4 + len);
		emit_u32(d, i);
		emit(d, name, len);
		if (kind == BPF_LOCKDOWN_DIGEST_KSYM)
			i++;
	}
	return 0;
}

/*
 * A map's flags as the kernel keeps them, whether @m describes the map
 * from its creation attributes (userspace) or from struct bpf_map (kernel):
 * access flags belong to an fd, not to the map (the kernel drops them), and
 * the kernel makes every device map read-only to programs itself, while it
 * refuses BPF_F_RDONLY_PROG in their creation attributes.
 */
static __u32 digest_map_flags(const struct bpf_lockdown_digest_map *m)
{
	__u32 flags = m->flags & ~(BPF_F_RDONLY | BPF_F_WRONLY);

	if (m->type == BPF_MAP_TYPE_DEVMAP || m->type == BPF_MAP_TYPE_DEVMAP_HASH)
		flags |= BPF_F_RDONLY_PROG;
	return flags;
}

static void emit_maps(struct digest_ctx *d, const struct bpf_lockdown_digest_input *in)
{
	const struct bpf_lockdown_digest_map *m;
	bool sealed;
	__u32 i;

	for (i = 0; i < in->map_cnt; i++) {
		m = &in->maps[i];
		sealed = in->annot && bpf_lockdown_annot_is_sealed(in->annot, i);
		emit_u32(d, BPF_LOCKDOWN_DIGEST_TAG_MAP);
		emit_u32(d, 5 * 4 + (sealed ? BPF_LOCKDOWN_DIGEST_SIZE : 0));
		emit_u32(d, m->type);
		emit_u32(d, m->key_size);
		emit_u32(d, m->value_size);
		/* one slot per possible CPU: varies per machine */
		emit_u32(d, m->type == BPF_MAP_TYPE_PERF_EVENT_ARRAY ? 0 : m->max_entries);
		emit_u32(d, digest_map_flags(m));
		if (sealed)
			emit(d, m->sealed_sha256, BPF_LOCKDOWN_DIGEST_SIZE);
	}
}

static void emit_records(struct digest_ctx *d, __u32 tag, const void *p, __u32 cnt,
			 __u32 rec_size)
{
	__u32 len = cnt ? cnt * rec_size : 0;

	/* without records the record size means nothing: it is hashed as 0 */
	emit_u32(d, tag);
	emit_u32(d, 4 + len);
	emit_u32(d, cnt ? rec_size : 0);
	emit(d, p, len);
}

/**
 * bpf_lockdown_digest() - the digest a program's signature covers
 * @in: the program, its maps, BTF, records and annotation
 * @ops: resolves kfunc and ksym BTF IDs to names; may be NULL when the
 *	program has neither
 * @ctx: passed to @ops
 * @out: the SHA-256 digest
 * @err: buffer for a one-line reason on failure, or NULL
 * @err_size: size of @err
 *
 * Hashes the records of &enum bpf_lockdown_digest_tag, in that order. The
 * input is validated before anything is hashed: every instruction that
 * references a map must use an fd_array index of a map within @in->maps,
 * every sealed index must be such a map and have a content digest, and
 * record arrays need a record size.
 *
 * Context: may sleep only if @ops->btf_name does; does not allocate.
 * Return: 0 on success; -EINVAL for a raw map fd, an fd_array index out of
 * range, a truncated ld_imm64, a missing name resolver or name, a sealed
 * map without a content digest, inconsistent counts, or a target digest
 * missing for an extension or given for another program; -E2BIG when a
 * component does not fit in a record; the error of @ops->btf_name.
 */
int bpf_lockdown_digest(const struct bpf_lockdown_digest_input *in,
			const struct bpf_lockdown_digest_ops *ops, void *ctx,
			__u8 out[BPF_LOCKDOWN_DIGEST_SIZE], char *err, size_t err_size)
{
	struct digest_ctx d;
	int ret;

	if (err && err_size)
		err[0] = '\0';
	if (!in || !out)
		return bpf_lockdown_fail(err, err_size, -EINVAL, "digest: no input or output");
	ret = check_input(in, ops, err, err_size);
	if (ret)
		return ret;
	d.len = 0;
	bpf_lockdown_sha256_init(&d.sha);

	emit_u32_record(&d, BPF_LOCKDOWN_DIGEST_TAG_VERSION,
			in->annot ? in->annot->version : BPF_LOCKDOWN_ANNOT_VERSION_MIN);
	emit_u32_record(&d, BPF_LOCKDOWN_DIGEST_TAG_PROG_TYPE, in->prog_type);
	emit_u32_record(&d, BPF_LOCKDOWN_DIGEST_TAG_ATTACH_TYPE, in->expected_attach_type);
	emit_string(&d, BPF_LOCKDOWN_DIGEST_TAG_ATTACH_NAME, in->attach_name);
	emit_string(&d, BPF_LOCKDOWN_DIGEST_TAG_PROG_NAME, in->prog_name);
	emit_string(&d, BPF_LOCKDOWN_DIGEST_TAG_LICENSE, in->license);
	emit_insns(&d, in);
	ret = emit_names(&d, in, ops, ctx, err, err_size);
	if (ret) {
		memzero_explicit(&d.sha, sizeof(d.sha));
		return ret;
	}
	emit_maps(&d, in);
	emit_record(&d, BPF_LOCKDOWN_DIGEST_TAG_BTF, in->btf, in->btf_size);
	emit_records(&d, BPF_LOCKDOWN_DIGEST_TAG_FUNC_INFO, in->func_info,
		     in->func_info_cnt, in->func_info_rec_size);
	emit_records(&d, BPF_LOCKDOWN_DIGEST_TAG_LINE_INFO, in->line_info,
		     in->line_info_cnt, in->line_info_rec_size);
	emit_records(&d, BPF_LOCKDOWN_DIGEST_TAG_CORE_RELO, in->core_relos,
		     in->core_relo_cnt, in->core_relo_rec_size);
	if (in->annot)
		emit_record(&d, BPF_LOCKDOWN_DIGEST_TAG_ANNOT, in->annot->blob, in->annot->size);
	else
		emit_record(&d, BPF_LOCKDOWN_DIGEST_TAG_ANNOT, NULL, 0);
	if (in->target_digest)
		emit_record(&d, BPF_LOCKDOWN_DIGEST_TAG_TARGET, in->target_digest,
			    BPF_LOCKDOWN_DIGEST_SIZE);
	flush(&d);
	bpf_lockdown_sha256_final(&d.sha, out);
	return 0;
}
