// SPDX-License-Identifier: GPL-2.0
/* bpf-annotate - the sealed object's sections: encoder and defensive parser */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/btf.h>
#include <linux/kernel.h>
#include <linux/unaligned.h>

#include <bpf/lockdown.h>

#include "annot.h"
#include "bpf_annotate.h"
#include "buf.h"
#include "container.h"
#include "digest.h"
#include "obj.h"
#include "util.h"

/*
 * Both sections are a 16-byte header (__u32 magic, version, header size,
 * total size) followed by records: __u32 tag, __u32 length, then that many
 * bytes, all little-endian, no padding. MAP, PROG and SIG records contain
 * records of their own. Records appear in the order of their tag, except
 * that MAP, PROG, EXTERN and SIG records repeat. Documentation/bpf-annotate.rst
 * ("SEALED FORMAT") is the reference; the constants are those of libbpf,
 * which loads sealed objects (tools/lib/bpf/lockdown.h).
 */
/* upper bounds that keep a hostile section from asking for huge arrays */
#define MAX_MAPS	4096
#define MAX_PROGS	4096

static void str_record(struct ba_buf *b, __u32 tag, const char *s)
{
	if (s)
		ba_buf_record(b, tag, s, strlen(s));
}

static void info_record(struct ba_buf *b, __u32 tag, const void *p, __u32 cnt, __u32 rec)
{
	size_t at;

	if (!cnt)
		return;
	at = ba_buf_begin(b, tag);
	ba_buf_u32(b, rec);
	ba_buf_put(b, p, (size_t)cnt * rec);
	ba_buf_end(b, at);
}

static void encode_map(struct ba_buf *b, const struct bpf_annotate_map *m, __u32 idx)
{
	size_t at = ba_buf_begin(b, BPF_LOCKDOWN_REC_MAP), k;
	__u32 i;

	str_record(b, BPF_LOCKDOWN_MAP_NAME, m->name ? m->name : "");
	ba_buf_u32(b, BPF_LOCKDOWN_MAP_DESC);
	ba_buf_u32(b, BPF_LOCKDOWN_MAP_DESC_SIZE);
	ba_buf_u32(b, idx);
	ba_buf_u32(b, m->type);
	ba_buf_u32(b, m->key_size);
	ba_buf_u32(b, m->value_size);
	ba_buf_u32(b, m->max_entries);
	ba_buf_u32(b, m->map_flags);
	ba_buf_u32(b, m->btf_key_type_id);
	ba_buf_u32(b, m->btf_value_type_id);
	ba_buf_u32(b, m->frozen ? BPF_LOCKDOWN_MAP_FROZEN : 0);
	ba_buf_u32(b, 0);
	ba_buf_u64(b, m->map_extra);
	if (m->data)
		ba_buf_record(b, BPF_LOCKDOWN_MAP_DATA, m->data, m->data_size);
	for (i = 0; i < m->kconfig_cnt; i++) {
		k = ba_buf_begin(b, BPF_LOCKDOWN_MAP_KCONFIG);
		ba_buf_u32(b, m->kconfig[i].value_off);
		ba_buf_u32(b, m->kconfig[i].size | (__u32)m->kconfig[i].type << 16 |
			      (__u32)m->kconfig[i].flags << 24);
		ba_buf_put(b, m->kconfig[i].name, strlen(m->kconfig[i].name));
		ba_buf_end(b, k);
	}
	ba_buf_end(b, at);
}

static void encode_prog(struct ba_buf *b, const struct bpf_annotate_prog *p)
{
	size_t at = ba_buf_begin(b, BPF_LOCKDOWN_REC_PROG), e;
	__u32 i;

	str_record(b, BPF_LOCKDOWN_PROG_NAME, p->name);
	str_record(b, BPF_LOCKDOWN_PROG_SECTION, p->sec_name);
	ba_buf_u32(b, BPF_LOCKDOWN_PROG_DESC);
	ba_buf_u32(b, BPF_LOCKDOWN_PROG_DESC_SIZE);
	ba_buf_u32(b, p->type);
	ba_buf_u32(b, p->expected_attach_type);
	ba_buf_u32(b, p->prog_flags);
	ba_buf_u32(b, p->attach_btf_kind);
	ba_buf_u64(b, 0);
	str_record(b, BPF_LOCKDOWN_PROG_LICENSE, p->license);
	str_record(b, BPF_LOCKDOWN_PROG_ATTACH_NAME, p->attach_name);
	ba_buf_record(b, BPF_LOCKDOWN_PROG_INSNS, p->insns, (size_t)p->insn_cnt * sizeof(*p->insns));
	info_record(b, BPF_LOCKDOWN_PROG_FUNC_INFO, p->func_info, p->func_info_cnt, p->func_info_rec_size);
	info_record(b, BPF_LOCKDOWN_PROG_LINE_INFO, p->line_info, p->line_info_cnt, p->line_info_rec_size);
	info_record(b, BPF_LOCKDOWN_PROG_CORE_RELOS, p->core_relos, p->core_relo_cnt, p->core_relo_rec_size);
	for (i = 0; i < p->extern_cnt; i++) {
		e = ba_buf_begin(b, BPF_LOCKDOWN_PROG_EXTERN);
		ba_buf_u32(b, p->externs[i].insn_idx);
		ba_buf_u32(b, p->externs[i].kind);
		ba_buf_u32(b, p->externs[i].is_ld64 ? BPF_LOCKDOWN_EXTERN_LD64 : 0);
		ba_buf_put(b, p->externs[i].name, strlen(p->externs[i].name));
		ba_buf_end(b, e);
	}
	if (p->annot)
		ba_buf_record(b, BPF_LOCKDOWN_PROG_ANNOT, p->annot, p->annot_size);
	if (p->target_digest)
		ba_buf_record(b, BPF_LOCKDOWN_PROG_TARGET, p->target_digest, BPF_ANNOTATE_DIGEST_SIZE);
	ba_buf_end(b, at);
}

static void header(struct ba_buf *b, __u32 magic)
{
	ba_buf_u32(b, magic);
	ba_buf_u32(b, BPF_ANNOTATE_FORMAT_VERSION);
	ba_buf_u32(b, BPF_LOCKDOWN_SEC_HDR_SIZE);
	ba_buf_u32(b, 0);
}

static int finish(struct ba_buf *b)
{
	if (b->failed)
		return -ENOMEM;
	put_unaligned_le32(b->len, b->data + 12);
	return 0;
}

/**
 * ba_container_encode() - write the %BPF_ANNOTATE_SECTION section
 * @obj: the object
 * @out: the section contents are appended here
 *
 * Return: 0 or -ENOMEM.
 */
int ba_container_encode(const struct bpf_annotate_obj *obj, struct ba_buf *out)
{
	__u32 i;

	header(out, BPF_ANNOTATE_MAGIC);
	ba_buf_record(out, BPF_LOCKDOWN_REC_BTF, obj->btf, obj->btf_size);
	for (i = 0; i < obj->map_cnt; i++)
		encode_map(out, &obj->maps[i], i);
	for (i = 0; i < obj->prog_cnt; i++)
		encode_prog(out, &obj->progs[i]);
	return finish(out);
}

/**
 * ba_sigs_encode() - write the %BPF_ANNOTATE_SIG_SECTION section
 * @obj: the object
 * @out: the section contents are appended here; nothing when no program
 *	is signed
 *
 * Return: 0 or -ENOMEM.
 */
int ba_sigs_encode(const struct bpf_annotate_obj *obj, struct ba_buf *out)
{
	size_t at;
	__u32 i;

	for (i = 0; i < obj->prog_cnt; i++)
		if (obj->progs[i].sig)
			break;
	if (i == obj->prog_cnt)
		return 0;
	header(out, BPF_ANNOTATE_SIG_MAGIC);
	for (i = 0; i < obj->prog_cnt; i++) {
		if (!obj->progs[i].sig)
			continue;
		at = ba_buf_begin(out, 1);
		str_record(out, BPF_LOCKDOWN_SIG_PROG, obj->progs[i].name);
		ba_buf_record(out, BPF_LOCKDOWN_SIG_PKCS7, obj->progs[i].sig, obj->progs[i].sig_size);
		if (obj->progs[i].manifest)
			ba_buf_record(out, BPF_LOCKDOWN_SIG_MANIFEST, obj->progs[i].manifest,
				      obj->progs[i].manifest_size);
		ba_buf_end(out, at);
	}
	return finish(out);
}

/* --- parser ---------------------------------------------------------------- */

struct reader {
	const __u8 *p;
	__u32 len;
	__u32 pos;
	__u32 base;	/* offset of p in the section, for messages */
};

struct ctx {
	const char *obj;
	const char *sec;
	const char *prog;
	char *err;
	size_t err_size;
};

__attribute__((format(printf, 3, 4)))
static int bad(const struct ctx *c, __u32 off, const char *fmt, ...)
{
	char what[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (c->prog)
		return ba_fail(c->err, c->err_size, -EBADMSG, "%s: program %s: %s: %s at offset %u",
			       c->obj, c->prog, c->sec, what, off);
	return ba_fail(c->err, c->err_size, -EBADMSG, "%s: %s: %s at offset %u", c->obj,
		       c->sec, what, off);
}

/* 1: a record; 0: end; <0: malformed */
static int next(const struct ctx *c, struct reader *r, __u32 *tag, struct reader *val)
{
	__u32 len;

	if (r->pos == r->len)
		return 0;
	if (r->len - r->pos < 8)
		return bad(c, r->base + r->pos, "truncated record header");
	*tag = get_unaligned_le32(r->p + r->pos);
	len = get_unaligned_le32(r->p + r->pos + 4);
	if (len > r->len - r->pos - 8)
		return bad(c, r->base + r->pos, "record %u of %u bytes is truncated", *tag, len);
	val->p = r->p + r->pos + 8;
	val->len = len;
	val->pos = 0;
	val->base = r->base + r->pos + 8;
	r->pos += 8 + len;
	return 1;
}

static int order(const struct ctx *c, const struct reader *v, __u32 tag, __u32 *last,
		 __u32 max, bool repeat)
{
	if (!tag || tag > max)
		return bad(c, v->base - 8, "unknown record tag %u", tag);
	if (tag < *last || (tag == *last && !repeat))
		return bad(c, v->base - 8, "record %u out of order or repeated", tag);
	*last = tag;
	return 0;
}

static char *dup_str(const struct ctx *c, const struct reader *v, int *ret)
{
	char *s;

	if (memchr(v->p, 0, v->len)) {
		*ret = bad(c, v->base, "string contains a NUL byte");
		return NULL;
	}
	s = malloc(v->len + 1);
	if (!s) {
		*ret = -ENOMEM;
		return NULL;
	}
	memcpy(s, v->p, v->len);
	s[v->len] = '\0';
	*ret = 0;
	return s;
}

static int fixed(const struct ctx *c, const struct reader *v, __u32 size, const char *what)
{
	if (v->len != size)
		return bad(c, v->base, "%s record has %u bytes, expected %u", what, v->len, size);
	return 0;
}

static int parse_info(const struct ctx *c, const struct reader *v, const char *what,
		      __u32 min_rec, void **data, __u32 *cnt, __u32 *rec_size)
{
	__u32 rec;

	if (v->len < 4)
		return bad(c, v->base, "%s record is truncated", what);
	rec = get_unaligned_le32(v->p);
	if (rec < min_rec || rec > 256 || (v->len - 4) % rec || v->len == 4)
		return bad(c, v->base, "%s: record size %u does not fit %u bytes", what, rec,
			   v->len - 4);
	*data = ba_memdup(v->p + 4, v->len - 4);
	if (!*data)
		return -ENOMEM;
	*cnt = (v->len - 4) / rec;
	*rec_size = rec;
	return 0;
}

/* a .kconfig extern: __u32 offset, __u16 size, __u8 type, __u8 flags, name */
static int add_kconfig(const struct ctx *c, struct bpf_annotate_map *m, const struct reader *v)
{
	struct bpf_annotate_kconfig *k, *prev;
	struct reader s = *v;
	__u32 w;
	int ret = 0;

	if (v->len < 9 || v->len > 8 + BPF_LOCKDOWN_ANNOT_KCONFIG_NAME_MAX)
		return bad(c, v->base, "kconfig record of %u bytes", v->len);
	if (m->kconfig_cnt == BPF_LOCKDOWN_ANNOT_MAX_KCONFIG)
		return bad(c, v->base, "more than %u kconfig externs", BPF_LOCKDOWN_ANNOT_MAX_KCONFIG);
	k = realloc(m->kconfig, (m->kconfig_cnt + 1) * sizeof(*k));
	if (!k)
		return -ENOMEM;
	m->kconfig = k;
	k += m->kconfig_cnt;
	memset(k, 0, sizeof(*k));
	k->value_off = get_unaligned_le32(v->p);
	w = get_unaligned_le32(v->p + 4);
	k->size = w & 0xffff;
	k->type = w >> 16;
	k->flags = w >> 24;
	s.p += 8;
	s.len -= 8;
	k->name = dup_str(c, &s, &ret);
	if (!k->name)
		return ret;
	m->kconfig_cnt++;
	if (!bpf_lockdown_kconfig_name_valid(k->name) ||
	    !bpf_lockdown_kconfig_shape_valid(k->name, k->type, k->flags, k->size))
		return bad(c, v->base, "kconfig extern %s: invalid name, type or size", k->name);
	prev = m->kconfig_cnt > 1 ? k - 1 : NULL;
	if ((__u64)k->value_off + k->size > m->value_size ||
	    (prev && (__u64)prev->value_off + prev->size > k->value_off))
		return bad(c, v->base, "kconfig extern %s: outside the value or overlapping", k->name);
	return 0;
}

static int parse_map(struct ctx *c, struct bpf_annotate_obj *obj, struct reader *r)
{
	struct bpf_annotate_map m = { 0 };
	__u32 tag, last = 0, idx = 0;
	bool desc = false;
	struct reader v;
	int ret;

	while ((ret = next(c, r, &tag, &v)) > 0) {
		ret = order(c, &v, tag, &last, BPF_LOCKDOWN_MAP_KCONFIG, tag == BPF_LOCKDOWN_MAP_KCONFIG);
		if (ret)
			goto fail;
		switch (tag) {
		case BPF_LOCKDOWN_MAP_NAME:
			m.name = dup_str(c, &v, &ret);
			break;
		case BPF_LOCKDOWN_MAP_DESC:
			ret = fixed(c, &v, BPF_LOCKDOWN_MAP_DESC_SIZE, "map descriptor");
			if (ret)
				break;
			idx = get_unaligned_le32(v.p);
			m.type = get_unaligned_le32(v.p + 4);
			m.key_size = get_unaligned_le32(v.p + 8);
			m.value_size = get_unaligned_le32(v.p + 12);
			m.max_entries = get_unaligned_le32(v.p + 16);
			m.map_flags = get_unaligned_le32(v.p + 20);
			m.btf_key_type_id = get_unaligned_le32(v.p + 24);
			m.btf_value_type_id = get_unaligned_le32(v.p + 28);
			m.frozen = get_unaligned_le32(v.p + 32) & BPF_LOCKDOWN_MAP_FROZEN;
			if ((get_unaligned_le32(v.p + 32) & ~BPF_LOCKDOWN_MAP_FROZEN) || get_unaligned_le32(v.p + 36))
				ret = bad(c, v.base, "map descriptor has unknown flags");
			m.map_extra = get_unaligned_le64(v.p + 40);
			desc = true;
			break;
		case BPF_LOCKDOWN_MAP_DATA:
			m.data = malloc(v.len ? v.len : 1);
			if (!m.data) {
				ret = -ENOMEM;
				break;
			}
			memcpy(m.data, v.p, v.len);
			m.data_size = v.len;
			break;
		case BPF_LOCKDOWN_MAP_KCONFIG:
			ret = add_kconfig(c, &m, &v);
			break;
		}
		if (ret)
			goto fail;
	}
	if (ret < 0)
		goto fail;
	if (!m.name || !desc) {
		ret = bad(c, r->base, "map record without a name or descriptor");
		goto fail;
	}
	if (idx != obj->map_cnt) {
		ret = bad(c, r->base, "map %s has index %u, expected %u", m.name, idx, obj->map_cnt);
		goto fail;
	}
	if (m.kconfig_cnt && (m.data || m.type != BPF_MAP_TYPE_ARRAY || m.max_entries != 1 ||
			      !m.frozen || !(m.map_flags & BPF_F_RDONLY_PROG))) {
		ret = bad(c, r->base, "map %s: kconfig externs need a frozen, read-only array of one element without contents",
			  m.name);
		goto fail;
	}
	if (m.kconfig_cnt && m.value_size > BPF_LOCKDOWN_KCONFIG_MAP_MAX) {
		ret = bad(c, r->base, "map %s: a kconfig map of %u bytes, over %u", m.name,
			  m.value_size, BPF_LOCKDOWN_KCONFIG_MAP_MAX);
		goto fail;
	}
	if (m.data && m.data_size != m.value_size) {
		ret = bad(c, r->base, "map %s: contents of %u bytes for a value size of %u",
			  m.name, m.data_size, m.value_size);
		goto fail;
	}
	/* libbpf's global data: one element, the one the contents give */
	if (m.data && m.max_entries != 1) {
		ret = bad(c, r->base, "map %s: contents for %u elements, not one", m.name,
			  m.max_entries);
		goto fail;
	}
	obj->maps[obj->map_cnt++] = m;
	return 0;
fail:
	ba_map_free(&m);
	return ret;
}

static int add_extern(const struct ctx *c, struct bpf_annotate_prog *p, const struct reader *v)
{
	struct bpf_annotate_extern *e;
	struct reader s = *v;
	int ret;

	if (v->len < 13)
		return bad(c, v->base, "extern record is truncated");
	e = realloc(p->externs, (p->extern_cnt + 1) * sizeof(*e));
	if (!e)
		return -ENOMEM;
	p->externs = e;
	e += p->extern_cnt;
	e->insn_idx = get_unaligned_le32(v->p);
	e->kind = get_unaligned_le32(v->p + 4);
	e->is_ld64 = get_unaligned_le32(v->p + 8) & BPF_LOCKDOWN_EXTERN_LD64;
	if (e->kind != BTF_KIND_FUNC && e->kind != BTF_KIND_VAR)
		return bad(c, v->base, "extern has BTF kind %u", e->kind);
	if (get_unaligned_le32(v->p + 8) & ~BPF_LOCKDOWN_EXTERN_LD64)
		return bad(c, v->base, "extern has unknown flags");
	s.p += 12;
	s.len -= 12;
	s.base += 12;
	e->name = dup_str(c, &s, &ret);
	if (!e->name)
		return ret;
	p->extern_cnt++;
	return 0;
}

static int check_prog(const struct ctx *c, const struct bpf_annotate_obj *obj,
		      const struct bpf_annotate_prog *p, __u32 off)
{
	struct bpf_lockdown_annot a;
	const struct bpf_insn *in;
	char why[256];
	__u32 i, idx;
	bool ok;

	if (!p->name || !p->license || !p->insn_cnt || !p->sec_name)
		return bad(c, off, "program record without a name, section, license or instructions");
	if (!p->type)
		return bad(c, off, "program without a descriptor");
	if (p->target_digest && p->type != BPF_PROG_TYPE_EXT)
		return bad(c, off, "target digest of a program that is not a freplace program");
	for (i = 0; i < p->extern_cnt; i++) {
		idx = p->externs[i].insn_idx;
		in = &p->insns[idx < p->insn_cnt ? idx : 0];
		if (p->externs[i].is_ld64)
			ok = in->code == BPF_LOCKDOWN_LD_IMM64 && in->src_reg == BPF_PSEUDO_BTF_ID;
		else
			ok = in->code == BPF_LOCKDOWN_CALL && in->src_reg == BPF_PSEUDO_KFUNC_CALL;
		if (idx >= p->insn_cnt || !ok)
			return bad(c, off, "extern %s does not match instruction %u",
				   p->externs[i].name, p->externs[i].insn_idx);
	}
	for (i = 0; i < p->insn_cnt; i++) {
		in = &p->insns[i];
		if (in->code != BPF_LOCKDOWN_LD_IMM64)
			continue;
		if (i + 1 == p->insn_cnt)
			return bad(c, off, "instruction %u is a truncated ld_imm64", i);
		ok = in->src_reg != BPF_PSEUDO_MAP_IDX && in->src_reg != BPF_PSEUDO_MAP_IDX_VALUE;
		if (!ok && ((__u32)in->imm >= obj->map_cnt || !obj->maps[in->imm].type))
			return bad(c, off, "instruction %u references map %u, which the object does not have",
				   i, (__u32)in->imm);
		i++;
	}
	if (p->annot && bpf_lockdown_annot_parse(p->annot, p->annot_size, &a, why, sizeof(why)))
		return bad(c, off, "%s", why);
	return 0;
}

static int parse_prog(struct ctx *c, struct bpf_annotate_obj *obj, struct reader *r)
{
	struct bpf_annotate_prog p = { 0 };
	__u32 tag, last = 0, off = r->base;
	struct reader v;
	int ret;

	c->prog = NULL;
	while ((ret = next(c, r, &tag, &v)) > 0) {
		ret = order(c, &v, tag, &last, BPF_LOCKDOWN_PROG_TARGET, tag == BPF_LOCKDOWN_PROG_EXTERN);
		if (ret)
			goto fail;
		switch (tag) {
		case BPF_LOCKDOWN_PROG_NAME:
			p.name = dup_str(c, &v, &ret);
			c->prog = p.name;
			break;
		case BPF_LOCKDOWN_PROG_SECTION:
			p.sec_name = dup_str(c, &v, &ret);
			break;
		case BPF_LOCKDOWN_PROG_DESC:
			ret = fixed(c, &v, BPF_LOCKDOWN_PROG_DESC_SIZE, "program descriptor");
			if (ret)
				break;
			p.type = get_unaligned_le32(v.p);
			p.expected_attach_type = get_unaligned_le32(v.p + 4);
			p.prog_flags = get_unaligned_le32(v.p + 8);
			p.attach_btf_kind = get_unaligned_le32(v.p + 12);
			if (get_unaligned_le64(v.p + 16))
				ret = bad(c, v.base, "program descriptor has reserved bits set");
			if (!p.type)
				ret = bad(c, v.base, "program type is 0");
			break;
		case BPF_LOCKDOWN_PROG_LICENSE:
			p.license = dup_str(c, &v, &ret);
			break;
		case BPF_LOCKDOWN_PROG_ATTACH_NAME:
			p.attach_name = dup_str(c, &v, &ret);
			break;
		case BPF_LOCKDOWN_PROG_INSNS:
			if (!v.len || v.len % sizeof(struct bpf_insn)) {
				ret = bad(c, v.base, "%u bytes of instructions", v.len);
				break;
			}
			p.insns = ba_memdup(v.p, v.len);
			p.insn_cnt = v.len / sizeof(struct bpf_insn);
			ret = p.insns ? 0 : -ENOMEM;
			break;
		case BPF_LOCKDOWN_PROG_FUNC_INFO:
			ret = parse_info(c, &v, "func_info", 8, &p.func_info, &p.func_info_cnt,
					 &p.func_info_rec_size);
			break;
		case BPF_LOCKDOWN_PROG_LINE_INFO:
			ret = parse_info(c, &v, "line_info", 16, &p.line_info, &p.line_info_cnt,
					 &p.line_info_rec_size);
			break;
		case BPF_LOCKDOWN_PROG_CORE_RELOS:
			ret = parse_info(c, &v, "CO-RE relocations", 16, &p.core_relos,
					 &p.core_relo_cnt, &p.core_relo_rec_size);
			break;
		case BPF_LOCKDOWN_PROG_EXTERN:
			ret = add_extern(c, &p, &v);
			break;
		case BPF_LOCKDOWN_PROG_ANNOT:
			p.annot = ba_memdup(v.p, v.len);
			p.annot_size = v.len;
			ret = p.annot || !v.len ? 0 : -ENOMEM;
			break;
		case BPF_LOCKDOWN_PROG_TARGET:
			ret = fixed(c, &v, BPF_ANNOTATE_DIGEST_SIZE, "target digest");
			if (ret)
				break;
			p.target_digest = ba_memdup(v.p, v.len);
			ret = p.target_digest ? 0 : -ENOMEM;
			break;
		}
		if (ret)
			goto fail;
	}
	if (ret < 0)
		goto fail;
	ret = check_prog(c, obj, &p, off);
	if (ret)
		goto fail;
	if (bpf_annotate_find_prog(obj, p.name)) {
		ret = bad(c, off, "second program with this name");
		goto fail;
	}
	obj->progs[obj->prog_cnt++] = p;
	c->prog = NULL;
	return 0;
fail:
	ba_prog_free(&p);
	return ret;
}

static int check_header(const struct ctx *c, const __u8 *p, size_t size, __u32 magic,
			struct reader *r)
{
	if (size < BPF_LOCKDOWN_SEC_HDR_SIZE)
		return bad(c, 0, "truncated header (%zu bytes)", size);
	if (get_unaligned_le32(p) != magic)
		return bad(c, 0, "bad magic 0x%08x", get_unaligned_le32(p));
	if (get_unaligned_le32(p + 4) != BPF_ANNOTATE_FORMAT_VERSION)
		return bad(c, 4, "unsupported version %u (this bpf-annotate reads %u)",
			   get_unaligned_le32(p + 4), BPF_ANNOTATE_FORMAT_VERSION);
	if (get_unaligned_le32(p + 8) != BPF_LOCKDOWN_SEC_HDR_SIZE)
		return bad(c, 8, "header size %u", get_unaligned_le32(p + 8));
	if (get_unaligned_le32(p + 12) != size)
		return bad(c, 12, "total size %u but the section has %zu bytes",
			   get_unaligned_le32(p + 12), size);
	r->p = p + BPF_LOCKDOWN_SEC_HDR_SIZE;
	r->len = size - BPF_LOCKDOWN_SEC_HDR_SIZE;
	r->pos = 0;
	r->base = BPF_LOCKDOWN_SEC_HDR_SIZE;
	return 0;
}

/**
 * ba_container_decode() - parse the %BPF_ANNOTATE_SECTION section
 * @obj: the object to fill (name set, no maps or programs yet)
 * @p: section contents
 * @size: section size
 * @err: reason on failure ("OBJ: .bpf_lockdown: ... at offset N")
 * @err_size: size of @err
 *
 * Every length is checked against what contains it, every record's tag
 * and order, every fixed-size record's size, every index, and each
 * annotation with the kernel's parser.
 *
 * Return: 0, -EBADMSG or -ENOMEM.
 */
int ba_container_decode(struct bpf_annotate_obj *obj, const __u8 *p, size_t size,
			char *err, size_t err_size)
{
	struct ctx c = { obj->name, BPF_ANNOTATE_SECTION, NULL, err, err_size };
	__u32 tag, last = 0, maps = 0, progs = 0;
	struct reader r, v, scan;
	int ret;

	if (size > 0xffffffffU)
		return bad(&c, 0, "section too large");
	ret = check_header(&c, p, size, BPF_ANNOTATE_MAGIC, &r);
	if (ret)
		return ret;
	scan = r;
	while ((ret = next(&c, &scan, &tag, &v)) > 0) {
		maps += tag == BPF_LOCKDOWN_REC_MAP;
		progs += tag == BPF_LOCKDOWN_REC_PROG;
	}
	if (ret < 0)
		return ret;
	if (maps > MAX_MAPS || progs > MAX_PROGS || !progs)
		return bad(&c, 0, "%u maps and %u programs", maps, progs);
	obj->maps = calloc(maps ? maps : 1, sizeof(*obj->maps));
	obj->progs = calloc(progs, sizeof(*obj->progs));
	if (!obj->maps || !obj->progs)
		return -ENOMEM;
	while ((ret = next(&c, &r, &tag, &v)) > 0) {
		ret = order(&c, &v, tag, &last, BPF_LOCKDOWN_REC_PROG, tag != BPF_LOCKDOWN_REC_BTF);
		if (ret)
			return ret;
		if (tag == BPF_LOCKDOWN_REC_BTF) {
			obj->btf = ba_memdup(v.p, v.len);
			obj->btf_size = v.len;
			if (v.len && !obj->btf)
				return -ENOMEM;
		} else if (tag == BPF_LOCKDOWN_REC_MAP) {
			ret = parse_map(&c, obj, &v);
		} else {
			ret = parse_prog(&c, obj, &v);
		}
		if (ret)
			return ret;
	}
	return ret;
}

/**
 * ba_sigs_decode() - parse the %BPF_ANNOTATE_SIG_SECTION section
 * @obj: the object, programs already parsed
 * @p: section contents
 * @size: section size
 * @err: reason on failure
 * @err_size: size of @err
 *
 * Return: 0, -EBADMSG or -ENOMEM.
 */
int ba_sigs_decode(struct bpf_annotate_obj *obj, const __u8 *p, size_t size,
		   char *err, size_t err_size)
{
	struct ctx c = { obj->name, BPF_ANNOTATE_SIG_SECTION, NULL, err, err_size };
	struct bpf_annotate_prog *prog;
	struct reader r, v, s;
	__u32 tag, stag, last;
	char *name = NULL;
	int ret;

	if (size > 0xffffffffU)
		return bad(&c, 0, "section too large");
	ret = check_header(&c, p, size, BPF_ANNOTATE_SIG_MAGIC, &r);
	if (ret)
		return ret;
	while ((ret = next(&c, &r, &tag, &v)) > 0) {
		if (tag != 1)
			return bad(&c, v.base - 8, "unknown record tag %u", tag);
		last = 0;
		prog = NULL;
		while ((ret = next(&c, &v, &stag, &s)) > 0) {
			ret = order(&c, &s, stag, &last, BPF_LOCKDOWN_SIG_MANIFEST, false);
			if (ret)
				return ret;
			if (stag == BPF_LOCKDOWN_SIG_PROG) {
				name = dup_str(&c, &s, &ret);
				if (!name)
					return ret;
				prog = bpf_annotate_find_prog(obj, name);
				free(name);
				if (!prog)
					return bad(&c, s.base, "signature of a program the object does not have");
				if (prog->sig)
					return bad(&c, s.base, "second signature of program %s",
						   prog->name);
				continue;
			}
			if (!prog)
				return bad(&c, s.base, "signature without a program name");
			if (stag == BPF_LOCKDOWN_SIG_MANIFEST) {
				if (!s.len || s.len % 36 || s.len > 36 * 32)
					return bad(&c, s.base, "manifest of program %s has %u bytes",
						   prog->name, s.len);
				prog->manifest = ba_memdup(s.p, s.len);
				prog->manifest_size = s.len;
				if (!prog->manifest)
					return -ENOMEM;
				continue;
			}
			if (!s.len || s.len > BPF_ANNOTATE_SIG_MAX)
				return bad(&c, s.base, "signature of program %s has %u bytes",
					   prog->name, s.len);
			prog->sig = ba_memdup(s.p, s.len);
			prog->sig_size = s.len;
			if (!prog->sig)
				return -ENOMEM;
		}
		if (ret < 0)
			return ret;
		if (!prog || !prog->sig)
			return bad(&c, v.base, "signature record without a signature");
	}
	return ret;
}
