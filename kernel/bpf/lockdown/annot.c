// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown - annotation parser, shared by the kernel and bpf-annotate */

#include <linux/build_bug.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include "annot.h"

#include "annot_layout.h"

/**
 * bpf_lockdown_fail() - write a reason to an error buffer and return an errno
 * @err: buffer for the reason, may be NULL
 * @err_size: size of @err
 * @ret: the errno to return
 * @fmt: the reason
 *
 * Shared by the annotation parser and the digest.
 *
 * Return: @ret.
 */
int bpf_lockdown_fail(char *err, size_t err_size, int ret, const char *fmt, ...)
{
	va_list ap;

	if (err && err_size) {
		va_start(ap, fmt);
		vsnprintf(err, err_size, fmt, ap);
		va_end(ap);
	}
	return ret;
}

struct annot_section {
	const char *name;
	__u32 off;
	__u32 len;
	__u32 align;
};

static int check_section(const struct annot_section *s, __u32 hdr_size,
			 __u32 size, char *err, size_t err_size)
{
	if (!s->len) {
		if (s->off)
			return bpf_lockdown_fail(err, err_size, -EBADMSG,
						 "annotation: empty %s section has offset %u, expected 0",
						 s->name, s->off);
		return 0;
	}
	if (s->off % s->align)
		return bpf_lockdown_fail(err, err_size, -EBADMSG,
					 "annotation: %s section offset %u is not a multiple of %u",
					 s->name, s->off, s->align);
	if (s->off < hdr_size || (__u64)s->off + s->len > size)
		return bpf_lockdown_fail(err, err_size, -EBADMSG,
					 "annotation: %s section (offset %u, %u bytes) is outside the annotation (%u bytes)",
					 s->name, s->off, s->len, size);
	return 0;
}

/* Sections must not overlap; bytes between and after them must be zero. */
static int check_layout(struct annot_section *s, unsigned int n, const __u8 *blob,
			__u32 size, char *err, size_t err_size)
{
	struct annot_section tmp;
	unsigned int i, j;
	__u32 pos, end;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && s[j].off < s[j - 1].off; j--) {
			tmp = s[j];
			s[j] = s[j - 1];
			s[j - 1] = tmp;
		}
	for (i = 0, end = 0; i < n; i++) {
		if (!s[i].len)
			continue;
		if (s[i].off < end)
			return bpf_lockdown_fail(err, err_size, -EBADMSG,
						 "annotation: %s section overlaps the section before it",
						 s[i].name);
		for (pos = end; pos < s[i].off; pos++)
			if (blob[pos])
				goto padding;
		end = s[i].off + s[i].len;
	}
	for (pos = end; pos < size; pos++)
		if (blob[pos])
			goto padding;
	return 0;
padding:
	return bpf_lockdown_fail(err, err_size, -EBADMSG,
				 "annotation: padding byte at offset %u is not zero", pos);
}

static void read_level(const __u8 *p, struct bpf_lockdown_annot_level *l)
{
	unsigned int i;

	l->flags = get_unaligned_le32(p + LVL(flags));
	l->caps = get_unaligned_le32(p + LVL(caps));
	for (i = 0; i < BPF_LOCKDOWN_ANNOT_HELPER_WORDS; i++)
		l->helpers[i] = get_unaligned_le64(p + LVL(helpers) + 8 * i);
	l->kfunc_off = get_unaligned_le32(p + LVL(kfunc_off));
	l->kfunc_cnt = get_unaligned_le32(p + LVL(kfunc_cnt));
	for (i = 0; i < ARRAY_SIZE(l->reserved); i++)
		l->reserved[i] = get_unaligned_le32(p + LVL(reserved) + 4 * i);
}

static bool valid_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

static int check_kfuncs(const struct bpf_lockdown_annot *a,
			const struct bpf_lockdown_annot_level *l, const char *lname,
			char *err, size_t err_size)
{
	__u16 offs[BPF_LOCKDOWN_ANNOT_MAX_KFUNCS];
	__u32 i, j, pos = l->kfunc_off;
	size_t len, k;
	const char *p;

	if (!l->kfunc_cnt) {
		if (l->kfunc_off)
			return bpf_lockdown_fail(err, err_size, -EBADMSG,
						 "annotation: level %s: kfunc offset %u without kfuncs",
						 lname, l->kfunc_off);
		return 0;
	}
	if (l->kfunc_off >= a->strtab_size)
		return bpf_lockdown_fail(err, err_size, -EBADMSG,
					 "annotation: level %s: kfunc offset %u is outside the string table (%u bytes)",
					 lname, l->kfunc_off, a->strtab_size);
	for (i = 0; i < l->kfunc_cnt; i++) {
		p = a->strtab + pos;
		len = strnlen(p, a->strtab_size - pos);
		if (len == a->strtab_size - pos)
			return bpf_lockdown_fail(err, err_size, -EBADMSG,
						 "annotation: level %s: kfunc name %u is not NUL-terminated",
						 lname, i);
		if (!len)
			return bpf_lockdown_fail(err, err_size, -EBADMSG,
						 "annotation: level %s: kfunc name %u is empty",
						 lname, i);
		if (len > NAME_MAX_LEN)
			return bpf_lockdown_fail(err, err_size, -E2BIG,
						 "annotation: level %s: kfunc name %u is longer than %u bytes",
						 lname, i, NAME_MAX_LEN);
		for (k = 0; k < len; k++)
			if (!valid_name_char(p[k]))
				return bpf_lockdown_fail(err, err_size, -EBADMSG,
							 "annotation: level %s: kfunc name %u has invalid character 0x%02x",
							 lname, i, (__u8)p[k]);
		for (j = 0; j < i; j++)
			if (!strcmp(a->strtab + offs[j], p))
				return bpf_lockdown_fail(err, err_size, -EBADMSG,
							 "annotation: level %s: kfunc name %u duplicates kfunc name %u",
							 lname, i, j);
		offs[i] = pos;
		pos += len + 1;
	}
	return 0;
}

static bool any_helper(const struct bpf_lockdown_annot_level *l)
{
	unsigned int i;

	for (i = 0; i < BPF_LOCKDOWN_ANNOT_HELPER_WORDS; i++)
		if (l->helpers[i])
			return true;
	return false;
}

static int check_level(const struct bpf_lockdown_annot *a, unsigned int level,
		       char *err, size_t err_size)
{
	const struct bpf_lockdown_annot_level *l = &a->level[level];
	const char *lname = bpf_lockdown_level_name(level);
	unsigned int i;
	int ret;

	if (l->flags & ~BPF_LOCKDOWN_ANNOT_MAY_LOAD)
		return bpf_lockdown_fail(err, err_size, -EBADMSG,
					 "annotation: level %s: unknown flags 0x%x",
					 lname, l->flags);
	if (l->caps & ~BPF_LOCKDOWN_CAP_ALL)
		return bpf_lockdown_fail(err, err_size, -EBADMSG,
					 "annotation: level %s: unknown capabilities 0x%x",
					 lname, l->caps);
	for (i = 0; i < ARRAY_SIZE(l->reserved); i++)
		if (l->reserved[i])
			return bpf_lockdown_fail(err, err_size, -EBADMSG,
						 "annotation: level %s: reserved field %u is not zero",
						 lname, i);
	if (l->helpers[0] & 1)
		return bpf_lockdown_fail(err, err_size, -EBADMSG,
					 "annotation: level %s: helper 0 (unspec) is granted",
					 lname);
	for (i = __BPF_FUNC_MAX_ID; i < HELPER_BITS; i++)
		if (l->helpers[i / 64] & (1ULL << (i % 64)))
			return bpf_lockdown_fail(err, err_size, -EBADMSG,
						 "annotation: level %s: helper %u is unknown to this kernel",
						 lname, i);
	if (!(l->flags & BPF_LOCKDOWN_ANNOT_MAY_LOAD)) {
		if (l->caps)
			return bpf_lockdown_fail(err, err_size, -EBADMSG,
						 "annotation: level %s: grants capabilities but may not load",
						 lname);
		if (any_helper(l))
			return bpf_lockdown_fail(err, err_size, -EBADMSG,
						 "annotation: level %s: grants helpers but may not load",
						 lname);
		if (l->kfunc_cnt)
			return bpf_lockdown_fail(err, err_size, -EBADMSG,
						 "annotation: level %s: grants kfuncs but may not load",
						 lname);
	}
	if (l->kfunc_cnt > BPF_LOCKDOWN_ANNOT_MAX_KFUNCS)
		return bpf_lockdown_fail(err, err_size, -E2BIG,
					 "annotation: level %s: %u kfuncs exceed the maximum of %u",
					 lname, l->kfunc_cnt, BPF_LOCKDOWN_ANNOT_MAX_KFUNCS);
	ret = check_kfuncs(a, l, lname, err, err_size);
	if (ret)
		return ret;
	for (i = 0; i < ATTACH_BITS; i++) {
		if (!(a->attach[level][i / 64] & (1ULL << (i % 64))))
			continue;
		if (!bpf_lockdown_attach_kind_known(i))
			return bpf_lockdown_fail(err, err_size, -EBADMSG,
						 "annotation: level %s: attach kind %u is unknown to this kernel",
						 lname, i);
		if (!(l->flags & BPF_LOCKDOWN_ANNOT_MAY_LOAD))
			return bpf_lockdown_fail(err, err_size, -EBADMSG,
						 "annotation: level %s: allows attach kinds but may not load",
						 lname);
	}
	return 0;
}

/*
 * An attach point: "KIND:WHERE" (see DOC: attach points in
 * include/uapi/linux/bpf_lockdown.h), WHERE checked per kind
 */
static bool valid_point_char(char c, const char *extra)
{
	return valid_name_char(c) || (c && strchr(extra, c));
}

static bool valid_point_word(const char *p, const char *extra, bool prefix)
{
	size_t n = strlen(p);

	if (prefix && n && p[n - 1] == '*')
		n--;
	else if (!n)
		return false;
	while (n--)
		if (!valid_point_char(*p++, extra))
			return false;
	return true;
}

static bool valid_point(const char *p)
{
	const char *w = strchr(p, ':'), *colon;
	size_t klen = w ? (size_t)(w - p) : 0;

	if (!w)
		return false;
	w++;
	if ((klen == 6 && !strncmp(p, "kprobe", 6)) || (klen == 9 && !strncmp(p, "kretprobe", 9)))
		return valid_point_word(w, ".", true);
	if ((klen == 6 && !strncmp(p, "uprobe", 6)) || (klen == 9 && !strncmp(p, "uretprobe", 9)))
		return w[0] == '/' && valid_point_word(w, "./+@-", true);
	if (klen == 14 && !strncmp(p, "raw_tracepoint", 14))
		return valid_point_word(w, "", true);
	if (klen == 10 && !strncmp(p, "tracepoint", 10)) {
		colon = strchr(w, ':');
		if (!colon || colon == w || !valid_point_word(colon + 1, "", true))
			return false;
		for (; w < colon; w++)
			if (!valid_name_char(*w))
				return false;
		return true;
	}
	if (klen == 3 && !strncmp(p, "xdp", 3))
		return !strcmp(w, "skb") || !strcmp(w, "drv") || !strcmp(w, "hw");
	return false;
}

static int check_points(const struct bpf_lockdown_annot *a, char *err, size_t err_size)
{
	__u32 i, j, pos = a->point_off;
	const char *p;
	size_t len;

	if (a->point_cnt > BPF_LOCKDOWN_ANNOT_MAX_POINTS)
		return bpf_lockdown_fail(err, err_size, -E2BIG,
					 "annotation: %u attach points exceed the maximum of %u",
					 a->point_cnt, BPF_LOCKDOWN_ANNOT_MAX_POINTS);
	if (!a->point_cnt) {
		if (a->point_off)
			return bpf_lockdown_fail(err, err_size, -EBADMSG,
						 "annotation: attach point offset %u without attach points",
						 a->point_off);
		return 0;
	}
	if (a->point_off >= a->strtab_size)
		return bpf_lockdown_fail(err, err_size, -EBADMSG,
					 "annotation: attach point offset %u is outside the string table (%u bytes)",
					 a->point_off, a->strtab_size);
	for (i = 0; i < a->point_cnt; i++) {
		if (pos >= a->strtab_size)
			return bpf_lockdown_fail(err, err_size, -EBADMSG,
						 "annotation: attach point %u is outside the string table",
						 i);
		p = a->strtab + pos;
		len = strnlen(p, a->strtab_size - pos);
		if (len == a->strtab_size - pos)
			return bpf_lockdown_fail(err, err_size, -EBADMSG,
						 "annotation: attach point %u is not NUL-terminated",
						 i);
		if (len > POINT_MAX_LEN)
			return bpf_lockdown_fail(err, err_size, -E2BIG,
						 "annotation: attach point %u is longer than %u bytes",
						 i, POINT_MAX_LEN);
		if (!valid_point(p))
			return bpf_lockdown_fail(err, err_size, -EBADMSG,
						 "annotation: attach point %u is not KIND:WHERE of a known kind",
						 i);
		for (j = 0; j < i; j++)
			if (!strcmp(bpf_lockdown_annot_point(a, j), p))
				return bpf_lockdown_fail(err, err_size, -EBADMSG,
							 "annotation: attach point %u duplicates attach point %u",
							 i, j);
		pos += len + 1;
	}
	return 0;
}

static int check_sealed(const struct bpf_lockdown_annot *a, char *err, size_t err_size)
{
	__u32 i, j, idx;

	for (i = 0; i < a->sealed_cnt; i++) {
		idx = bpf_lockdown_annot_sealed(a, i);
		for (j = 0; j < i; j++)
			if (bpf_lockdown_annot_sealed(a, j) == idx)
				return bpf_lockdown_fail(err, err_size, -EBADMSG,
							 "annotation: sealed map %u (fd_array index %u) duplicates sealed map %u",
							 i, idx, j);
	}
	return 0;
}

/**
 * bpf_lockdown_kconfig_name_valid() - is a name a kconfig extern the kernel fills
 * @name: the extern's name
 *
 * The kernel gives values to the three virtual externs libbpf knows
 * (LINUX_KERNEL_VERSION, LINUX_HAS_BPF_COOKIE, LINUX_HAS_SYSCALL_WRAPPER)
 * and to any CONFIG_ symbol. libbpf leaves another LINUX_ extern, which must
 * be __weak, zero: it is not listed, and its bytes must be zero.
 *
 * Return: true when @name is one of those.
 */
bool bpf_lockdown_kconfig_name_valid(const char *name)
{
	const char *p;

	if (!strcmp(name, "LINUX_KERNEL_VERSION") || !strcmp(name, "LINUX_HAS_BPF_COOKIE") ||
	    !strcmp(name, "LINUX_HAS_SYSCALL_WRAPPER"))
		return true;
	if (strncmp(name, "CONFIG_", 7) || !name[7])
		return false;
	for (p = name + 7; *p; p++)
		if (!valid_name_char(*p))
			return false;
	return true;
}

/**
 * bpf_lockdown_kconfig_shape_valid() - can an extern have this type and size
 * @name: the extern's name (a valid one)
 * @type: &enum bpf_lockdown_kconfig_type
 * @flags: %BPF_LOCKDOWN_KCONFIG_SIGNED, %BPF_LOCKDOWN_KCONFIG_REQUIRED
 * @size: size in bytes
 *
 * As libbpf types externs from BTF: char and bool are one byte, a tristate
 * four or eight, an integer two, four or eight, a char array 1 to 255;
 * only char and int may be signed. The LINUX_ externs are numbers, which
 * libbpf stores only in a char, bool or int.
 *
 * Return: true when the combination is one libbpf can produce.
 */
bool bpf_lockdown_kconfig_shape_valid(const char *name, __u8 type, __u8 flags,
				      __u16 size)
{
	if (flags & ~(BPF_LOCKDOWN_KCONFIG_SIGNED | BPF_LOCKDOWN_KCONFIG_REQUIRED))
		return false;
	if ((flags & BPF_LOCKDOWN_KCONFIG_SIGNED) &&
	    type != BPF_LOCKDOWN_KCONFIG_CHAR && type != BPF_LOCKDOWN_KCONFIG_INT)
		return false;
	if (!strncmp(name, "LINUX_", 6) && type != BPF_LOCKDOWN_KCONFIG_CHAR &&
	    type != BPF_LOCKDOWN_KCONFIG_BOOL && type != BPF_LOCKDOWN_KCONFIG_INT)
		return false;
	switch (type) {
	case BPF_LOCKDOWN_KCONFIG_CHAR:
	case BPF_LOCKDOWN_KCONFIG_BOOL:
		return size == 1;
	case BPF_LOCKDOWN_KCONFIG_TRISTATE:
		return size == 4 || size == 8;
	case BPF_LOCKDOWN_KCONFIG_INT:
		return size == 2 || size == 4 || size == 8;
	case BPF_LOCKDOWN_KCONFIG_CHAR_ARR:
		return size >= 1 && size <= 255;
	default:
		return false;
	}
}

static void read_kconfig(const struct bpf_lockdown_annot *a, __u32 i,
			 struct bpf_lockdown_annot_kconfig *k)
{
	const __u8 *p = a->kconfig + i * KCONFIG_SIZE;

	k->name_off = get_unaligned_le32(p);
	k->map_idx = get_unaligned_le32(p + 4);
	k->value_off = get_unaligned_le32(p + 8);
	k->size = get_unaligned_le16(p + 12);
	k->type = p[14];
	k->flags = p[15];
}

static int check_kconfig(const struct bpf_lockdown_annot *a, char *err, size_t err_size)
{
	struct bpf_lockdown_annot_kconfig k, o, prev = { 0 };
	const char *name;
	size_t len;
	__u32 i, j;

	for (i = 0; i < a->kconfig_cnt; i++) {
		read_kconfig(a, i, &k);
		if (k.name_off >= a->strtab_size)
			return bpf_lockdown_fail(err, err_size, -EBADMSG,
						 "annotation: kconfig extern %u: name offset %u is outside the string table (%u bytes)",
						 i, k.name_off, a->strtab_size);
		name = a->strtab + k.name_off;
		len = strnlen(name, a->strtab_size - k.name_off);
		if (len == a->strtab_size - k.name_off)
			return bpf_lockdown_fail(err, err_size, -EBADMSG,
						 "annotation: kconfig extern %u: name is not NUL-terminated",
						 i);
		if (len > KCONFIG_NAME_MAX)
			return bpf_lockdown_fail(err, err_size, -E2BIG,
						 "annotation: kconfig extern %u: name is longer than %u bytes",
						 i, KCONFIG_NAME_MAX);
		if (!bpf_lockdown_kconfig_name_valid(name))
			return bpf_lockdown_fail(err, err_size, -EBADMSG,
						 "annotation: kconfig extern %u: name is not LINUX_KERNEL_VERSION, LINUX_HAS_BPF_COOKIE, LINUX_HAS_SYSCALL_WRAPPER or CONFIG_[A-Za-z0-9_]+",
						 i);
		if (!bpf_lockdown_kconfig_shape_valid(name, k.type, k.flags, k.size))
			return bpf_lockdown_fail(err, err_size, -EBADMSG,
						 "annotation: kconfig extern %s: type %u, flags 0x%x, size %u is not one libbpf gives it",
						 name, k.type, k.flags, k.size);
		if (k.map_idx >= BPF_LOCKDOWN_SIG_MAX_MAPS)
			return bpf_lockdown_fail(err, err_size, -E2BIG,
						 "annotation: kconfig extern %s: fd_array index %u exceeds the maximum of %u",
						 name, k.map_idx, BPF_LOCKDOWN_SIG_MAX_MAPS - 1);
		if (bpf_lockdown_annot_is_sealed(a, k.map_idx))
			return bpf_lockdown_fail(err, err_size, -EBADMSG,
						 "annotation: kconfig extern %s: fd_array index %u is a sealed map",
						 name, k.map_idx);
		if (i && (k.map_idx < prev.map_idx ||
			  (k.map_idx == prev.map_idx &&
			   (__u64)prev.value_off + prev.size > k.value_off)))
			return bpf_lockdown_fail(err, err_size, -EBADMSG,
						 "annotation: kconfig extern %s: not sorted after the one before it, or overlaps it",
						 name);
		for (j = 0; j < i; j++) {
			read_kconfig(a, j, &o);
			if (o.map_idx == k.map_idx && !strcmp(a->strtab + o.name_off, name))
				return bpf_lockdown_fail(err, err_size, -EBADMSG,
							 "annotation: kconfig extern %s appears twice",
							 name);
		}
		prev = k;
	}
	return 0;
}

/**
 * bpf_lockdown_annot_parse() - validate an annotation and index it
 * @blob: the annotation (any alignment)
 * @size: size of @blob in bytes
 * @out: the parsed annotation; it points into @blob
 * @err: buffer for a one-line reason when parsing fails, or NULL
 * @err_size: size of @err
 *
 * Checks, in this order: the size passed, the header (magic, version 1 to
 * 3, header size, total size, flags, the attach fields: zero in version 1,
 * an attach section from version 2; the kconfig fields: zero before
 * version 3, at least one extern in version 3), the level count, the
 * sealed map count, each section's offset (empty sections at 0, alignment,
 * bounds), overlaps and non-zero padding, then each level in order (flags,
 * capabilities, reserved fields, helper bits, grants without MAY_LOAD,
 * kfunc count, kfunc offset, each kfunc name, attach kinds known and only
 * with MAY_LOAD), then duplicate sealed maps, then the attach points
 * (count, offset, each point's length, form and uniqueness), then the
 * kconfig externs (name, type and size, map index, order). The first
 * failure is reported. @out is only meaningful on success.
 *
 * Context: any context; does not allocate or sleep.
 * Return: 0 on success; -EINVAL when @out or @blob is NULL or @size is 0; -E2BIG
 * when @size, the sealed map count, a kfunc count or a kfunc name, the
 * kconfig count, a kconfig name or a kconfig map index exceeds its limit;
 * -EBADMSG when the content is malformed.
 */
int bpf_lockdown_annot_parse(const void *blob, __u32 size,
			     struct bpf_lockdown_annot *out,
			     char *err, size_t err_size)
{
	struct annot_section sec[6];
	__u32 v, level_off, level_cnt, attach_off, kconfig_off;
	const __u8 *b = blob;
	unsigned int i, j;
	int ret;

	if (err && err_size)
		err[0] = '\0';
	if (!out)
		return bpf_lockdown_fail(err, err_size, -EINVAL, "annotation: no output structure");
	if (!b || !size)
		return bpf_lockdown_fail(err, err_size, -EINVAL, "annotation: empty");
	if (size > BPF_LOCKDOWN_ANNOT_MAX_SIZE)
		return bpf_lockdown_fail(err, err_size, -E2BIG,
					 "annotation: size %u exceeds the maximum of %u bytes",
					 size, BPF_LOCKDOWN_ANNOT_MAX_SIZE);
	if (size < HDR_SIZE)
		return bpf_lockdown_fail(err, err_size, -EBADMSG,
					 "annotation: truncated header (%u of %zu bytes)",
					 size, HDR_SIZE);
	v = get_unaligned_le32(b + HDR(magic));
	if (v != BPF_LOCKDOWN_ANNOT_MAGIC)
		return bpf_lockdown_fail(err, err_size, -EBADMSG,
					 "annotation: bad magic 0x%08x (expected 0x%08x)",
					 v, BPF_LOCKDOWN_ANNOT_MAGIC);
	v = get_unaligned_le32(b + HDR(version));
	if (v < BPF_LOCKDOWN_ANNOT_VERSION_MIN || v > BPF_LOCKDOWN_ANNOT_VERSION)
		return bpf_lockdown_fail(err, err_size, -EBADMSG,
					 "annotation: unsupported version %u (expected %u to %u)",
					 v, BPF_LOCKDOWN_ANNOT_VERSION_MIN,
					 BPF_LOCKDOWN_ANNOT_VERSION);
	out->version = v;
	v = get_unaligned_le32(b + HDR(hdr_size));
	if (v != HDR_SIZE)
		return bpf_lockdown_fail(err, err_size, -EBADMSG,
					 "annotation: header size %u (expected %zu)", v, HDR_SIZE);
	v = get_unaligned_le32(b + HDR(total_size));
	if (v != size)
		return bpf_lockdown_fail(err, err_size, -EBADMSG,
					 "annotation: total size %u does not match the %u bytes passed",
					 v, size);
	v = get_unaligned_le32(b + HDR(flags));
	if (v)
		return bpf_lockdown_fail(err, err_size, -EBADMSG,
					 "annotation: unknown header flags 0x%x", v);
	attach_off = get_unaligned_le32(b + HDR(attach_off));
	out->point_off = get_unaligned_le32(b + HDR(point_off));
	out->point_cnt = get_unaligned_le32(b + HDR(point_cnt));
	if (out->version < 2 && (attach_off || out->point_off || out->point_cnt))
		return bpf_lockdown_fail(err, err_size, -EBADMSG,
					 "annotation: version 1 has no attach section or attach points");
	if (out->version >= 2 && !attach_off)
		return bpf_lockdown_fail(err, err_size, -EBADMSG,
					 "annotation: version %u without an attach section",
					 out->version);
	kconfig_off = get_unaligned_le32(b + HDR(kconfig_off));
	out->kconfig_cnt = get_unaligned_le32(b + HDR(kconfig_cnt));
	if (out->version < 3 && (kconfig_off || out->kconfig_cnt))
		return bpf_lockdown_fail(err, err_size, -EBADMSG,
					 "annotation: version %u has no kconfig section",
					 out->version);
	if (out->version >= 3 && !out->kconfig_cnt)
		return bpf_lockdown_fail(err, err_size, -EBADMSG,
					 "annotation: version 3 without kconfig externs");
	if (out->kconfig_cnt > BPF_LOCKDOWN_ANNOT_MAX_KCONFIG)
		return bpf_lockdown_fail(err, err_size, -E2BIG,
					 "annotation: %u kconfig externs exceed the maximum of %u",
					 out->kconfig_cnt, BPF_LOCKDOWN_ANNOT_MAX_KCONFIG);
	level_cnt = get_unaligned_le32(b + HDR(level_cnt));
	if (level_cnt != BPF_LOCKDOWN_LEVEL_NR)
		return bpf_lockdown_fail(err, err_size, -EBADMSG,
					 "annotation: %u levels (expected %u)",
					 level_cnt, BPF_LOCKDOWN_LEVEL_NR);
	out->sealed_cnt = get_unaligned_le32(b + HDR(sealed_cnt));
	if (out->sealed_cnt > BPF_LOCKDOWN_ANNOT_MAX_SEALED)
		return bpf_lockdown_fail(err, err_size, -E2BIG,
					 "annotation: %u sealed maps exceed the maximum of %u",
					 out->sealed_cnt, BPF_LOCKDOWN_ANNOT_MAX_SEALED);
	level_off = get_unaligned_le32(b + HDR(level_off));
	out->strtab_size = get_unaligned_le32(b + HDR(strtab_size));
	sec[0] = (struct annot_section){ "header", 0, HDR_SIZE, 1 };
	sec[1] = (struct annot_section){ "level", level_off,
					 BPF_LOCKDOWN_LEVEL_NR * LEVEL_SIZE, 8 };
	sec[2] = (struct annot_section){ "sealed", get_unaligned_le32(b + HDR(sealed_off)),
					 out->sealed_cnt * 4, 4 };
	sec[3] = (struct annot_section){ "string table", get_unaligned_le32(b + HDR(strtab_off)),
					 out->strtab_size, 1 };
	sec[4] = (struct annot_section){ "attach", attach_off,
					 attach_off ? BPF_LOCKDOWN_LEVEL_NR * ATTACH_SIZE : 0, 8 };
	sec[5] = (struct annot_section){ "kconfig", kconfig_off,
					 out->kconfig_cnt * KCONFIG_SIZE, 4 };
	for (i = 1; i < ARRAY_SIZE(sec); i++) {
		ret = check_section(&sec[i], HDR_SIZE, size, err, err_size);
		if (ret)
			return ret;
	}
	out->blob = b;
	out->size = size;
	out->sealed = b + sec[2].off;
	out->strtab = (const char *)b + sec[3].off;
	out->kconfig = b + sec[5].off;
	ret = check_layout(sec, ARRAY_SIZE(sec), b, size, err, err_size);
	if (ret)
		return ret;
	for (i = 0; i < BPF_LOCKDOWN_LEVEL_NR; i++) {
		read_level(b + level_off + i * LEVEL_SIZE, &out->level[i]);
		for (j = 0; j < BPF_LOCKDOWN_ANNOT_ATTACH_WORDS; j++)
			out->attach[i][j] = attach_off ?
				get_unaligned_le64(b + attach_off + i * ATTACH_SIZE + 8 * j) : 0;
	}
	for (i = 0; i < BPF_LOCKDOWN_LEVEL_NR; i++) {
		ret = check_level(out, i, err, err_size);
		if (ret)
			return ret;
	}
	ret = check_sealed(out, err, err_size);
	if (ret)
		return ret;
	ret = check_points(out, err, err_size);
	if (ret)
		return ret;
	return check_kconfig(out, err, err_size);
}

/**
 * bpf_lockdown_annot_may_load() - may the program load at a level
 * @a: a parsed annotation
 * @level: &enum bpf_lockdown_level
 *
 * Return: true when @level has %BPF_LOCKDOWN_ANNOT_MAY_LOAD; false for an
 * unknown level.
 */
bool bpf_lockdown_annot_may_load(const struct bpf_lockdown_annot *a,
				 unsigned int level)
{
	return level < BPF_LOCKDOWN_LEVEL_NR &&
	       (a->level[level].flags & BPF_LOCKDOWN_ANNOT_MAY_LOAD);
}

/**
 * bpf_lockdown_annot_has_helper() - does a level grant a helper
 * @a: a parsed annotation
 * @level: &enum bpf_lockdown_level
 * @func_id: &enum bpf_func_id
 *
 * Return: true when @level grants @func_id; false for an unknown level or
 * a helper ID outside the bitmap.
 */
bool bpf_lockdown_annot_has_helper(const struct bpf_lockdown_annot *a,
				   unsigned int level, int func_id)
{
	if (level >= BPF_LOCKDOWN_LEVEL_NR || func_id < 0 || func_id >= HELPER_BITS)
		return false;
	return a->level[level].helpers[func_id / 64] & (1ULL << (func_id % 64));
}

/**
 * bpf_lockdown_annot_kfunc() - the i-th kfunc name of a level
 * @a: a parsed annotation
 * @level: &enum bpf_lockdown_level
 * @i: index in the level's kfunc list
 *
 * Return: the NUL-terminated name inside the blob, or NULL when @level or
 * @i is out of range.
 */
const char *bpf_lockdown_annot_kfunc(const struct bpf_lockdown_annot *a,
				     unsigned int level, __u32 i)
{
	const char *p;

	if (level >= BPF_LOCKDOWN_LEVEL_NR || i >= a->level[level].kfunc_cnt)
		return NULL;
	p = a->strtab + a->level[level].kfunc_off;
	while (i--)
		p += strlen(p) + 1;
	return p;
}

/**
 * bpf_lockdown_annot_has_kfunc() - does a level grant a kfunc
 * @a: a parsed annotation
 * @level: &enum bpf_lockdown_level
 * @name: BTF name of the kfunc
 *
 * Return: true when @name is in the kfunc list of @level; false for an
 * unknown level.
 */
bool bpf_lockdown_annot_has_kfunc(const struct bpf_lockdown_annot *a,
				  unsigned int level, const char *name)
{
	const char *p;
	__u32 i;

	if (level >= BPF_LOCKDOWN_LEVEL_NR)
		return false;
	p = a->strtab + a->level[level].kfunc_off;
	for (i = 0; i < a->level[level].kfunc_cnt; i++) {
		if (!strcmp(p, name))
			return true;
		p += strlen(p) + 1;
	}
	return false;
}

/**
 * bpf_lockdown_annot_has_cap() - does a level grant capabilities
 * @a: a parsed annotation
 * @level: &enum bpf_lockdown_level
 * @cap: one or more %BPF_LOCKDOWN_CAP_* bits
 *
 * Return: true when @cap is not zero and @level grants every bit of it;
 * false for an unknown level.
 */
bool bpf_lockdown_annot_has_cap(const struct bpf_lockdown_annot *a,
				unsigned int level, __u32 cap)
{
	return level < BPF_LOCKDOWN_LEVEL_NR && cap &&
	       (a->level[level].caps & cap) == cap;
}

/**
 * bpf_lockdown_annot_sealed() - the i-th sealed map index
 * @a: a parsed annotation
 * @i: index in the sealed list, below @a->sealed_cnt
 *
 * Return: the fd_array index of the i-th sealed map, or U32_MAX when @i is
 * out of range.
 */
__u32 bpf_lockdown_annot_sealed(const struct bpf_lockdown_annot *a, __u32 i)
{
	if (i >= a->sealed_cnt)
		return (__u32)-1;
	return get_unaligned_le32(a->sealed + 4 * i);
}

/**
 * bpf_lockdown_annot_is_sealed() - does the annotation seal a map
 * @a: a parsed annotation
 * @map_idx: index in the BPF_PROG_LOAD fd_array
 *
 * Return: true when @map_idx is in the sealed list.
 */
bool bpf_lockdown_annot_is_sealed(const struct bpf_lockdown_annot *a, __u32 map_idx)
{
	__u32 i;

	for (i = 0; i < a->sealed_cnt; i++)
		if (get_unaligned_le32(a->sealed + 4 * i) == map_idx)
			return true;
	return false;
}

/**
 * bpf_lockdown_attach_kind_known() - is an attach kind defined
 * @kind: bit index in an attach kind bitmap
 *
 * Return: true for an attach type this kernel has and for the kinds of
 * &enum bpf_lockdown_attach_kind.
 */
bool bpf_lockdown_attach_kind_known(__u32 kind)
{
	return kind < __MAX_BPF_ATTACH_TYPE ||
	       (kind >= BPF_LOCKDOWN_ATTACH_TYPE_NR && kind < BPF_LOCKDOWN_ATTACH_KIND_NR);
}

/**
 * bpf_lockdown_annot_may_attach() - does a level allow an attach kind
 * @a: a parsed annotation
 * @level: &enum bpf_lockdown_level
 * @kind: &enum bpf_attach_type or &enum bpf_lockdown_attach_kind
 *
 * An empty bitmap allows what the load fixed, which the kernel's own checks
 * enforce (see &struct bpf_lockdown_annot_attach), and so does a version 1
 * annotation.
 *
 * Return: true when @level allows @kind; false for an unknown level, or
 * when @level may not load.
 */
bool bpf_lockdown_annot_may_attach(const struct bpf_lockdown_annot *a,
				   unsigned int level, __u32 kind)
{
	const __u64 *k;
	unsigned int i;
	bool empty = true;

	if (!bpf_lockdown_annot_may_load(a, level))
		return false;
	k = a->attach[level];
	for (i = 0; i < BPF_LOCKDOWN_ANNOT_ATTACH_WORDS; i++)
		empty &= !k[i];
	if (empty)
		return true;
	return kind < ATTACH_BITS && (k[kind / 64] & (1ULL << (kind % 64)));
}

/**
 * bpf_lockdown_annot_point() - the i-th attach point
 * @a: a parsed annotation
 * @i: index in the attach point list
 *
 * Return: the NUL-terminated point inside the blob, or NULL when @i is out
 * of range.
 */
const char *bpf_lockdown_annot_point(const struct bpf_lockdown_annot *a, __u32 i)
{
	const char *p;

	if (i >= a->point_cnt)
		return NULL;
	p = a->strtab + a->point_off;
	while (i--)
		p += strlen(p) + 1;
	return p;
}

/**
 * bpf_lockdown_annot_kconfig() - the i-th kconfig extern
 * @a: a parsed annotation
 * @i: index in the kconfig list, below @a->kconfig_cnt
 * @out: the entry, its name pointing into the blob
 *
 * Return: 0, or -ERANGE when @i is out of range.
 */
int bpf_lockdown_annot_kconfig(const struct bpf_lockdown_annot *a, __u32 i,
			       struct bpf_lockdown_kconfig_extern *out)
{
	struct bpf_lockdown_annot_kconfig k;

	if (i >= a->kconfig_cnt)
		return -ERANGE;
	read_kconfig(a, i, &k);
	out->name = a->strtab + k.name_off;
	out->map_idx = k.map_idx;
	out->value_off = k.value_off;
	out->size = k.size;
	out->type = k.type;
	out->flags = k.flags;
	return 0;
}

/**
 * bpf_lockdown_annot_is_kconfig_map() - does a map hold kconfig externs
 * @a: a parsed annotation
 * @map_idx: index in the BPF_PROG_LOAD fd_array
 *
 * Return: true when a kconfig entry names @map_idx.
 */
bool bpf_lockdown_annot_is_kconfig_map(const struct bpf_lockdown_annot *a, __u32 map_idx)
{
	__u32 i;

	for (i = 0; i < a->kconfig_cnt; i++)
		if (get_unaligned_le32(a->kconfig + i * KCONFIG_SIZE + 4) == map_idx)
			return true;
	return false;
}

/**
 * bpf_lockdown_kconfig_lookup() - the value of a symbol in a configuration
 * @env: the configuration, "NAME=value" lines
 * @name: the symbol ("CONFIG_HZ")
 * @len: set to the length of the value
 *
 * Return: the value of the first "NAME=" line, up to the end of that line
 * (not NUL-terminated), or NULL.
 */
const char *bpf_lockdown_kconfig_lookup(const struct bpf_lockdown_kconfig_env *env,
					const char *name, size_t *len)
{
	const char *p = env->config, *end = env->config + env->config_size, *eol;
	size_t n = strlen(name);

	while (p && p < end) {
		eol = memchr(p, '\n', end - p);
		if (!eol)
			eol = end;
		if ((size_t)(eol - p) > n && !memcmp(p, name, n) && p[n] == '=') {
			*len = eol - p - n - 1;
			return p + n + 1;
		}
		p = eol + 1;
	}
	return NULL;
}

/*
 * strtoull(value, &end, 0) that must consume all of @len bytes: leading
 * white space, a sign (a negative number wraps, "-1" is U64_MAX), then
 * "0x" for hex or "0" for octal; -ERANGE beyond 64 bits
 */
static int kconfig_number(const char *p, size_t len, __u64 *out)
{
	unsigned int base = 10, d;
	bool neg = false;
	__u64 v = 0;
	size_t i = 0;

	while (i < len && (p[i] == ' ' || (p[i] >= '\t' && p[i] <= '\r')))
		i++;
	if (i < len && (p[i] == '-' || p[i] == '+'))
		neg = p[i++] == '-';
	if (i + 2 < len && p[i] == '0' && (p[i + 1] == 'x' || p[i + 1] == 'X')) {
		base = 16;
		i += 2;
	} else if (i < len && p[i] == '0') {
		base = 8;
	}
	if (i == len)
		return -EINVAL;
	for (; i < len; i++) {
		if (p[i] >= '0' && p[i] <= '9')
			d = p[i] - '0';
		else if (p[i] >= 'a' && p[i] <= 'f')
			d = p[i] - 'a' + 10;
		else if (p[i] >= 'A' && p[i] <= 'F')
			d = p[i] - 'A' + 10;
		else
			return -EINVAL;
		if (d >= base)
			return -EINVAL;
		if (v > (~0ULL - d) / base)
			return -ERANGE;
		v = v * base + d;
	}
	*out = neg ? -v : v;
	return 0;
}

static int kconfig_store_num(const struct bpf_lockdown_kconfig_extern *e, __u64 v,
			     void *out, char *err, size_t err_size)
{
	unsigned int bits = e->size * 8;
	__u16 b16;
	__u32 b32;
	__u8 b8;

	if (e->type != BPF_LOCKDOWN_KCONFIG_INT && e->type != BPF_LOCKDOWN_KCONFIG_CHAR &&
	    e->type != BPF_LOCKDOWN_KCONFIG_BOOL)
		return bpf_lockdown_fail(err, err_size, -EINVAL,
					 "kconfig extern %s: a number needs an integer, char or bool",
					 e->name);
	if (e->type == BPF_LOCKDOWN_KCONFIG_BOOL && v > 1)
		return bpf_lockdown_fail(err, err_size, -EINVAL,
					 "kconfig extern %s: %llu is not a bool",
					 e->name, (unsigned long long)v);
	if (bits < 64 && ((e->flags & BPF_LOCKDOWN_KCONFIG_SIGNED) ?
			  v + (1ULL << (bits - 1)) >= (1ULL << bits) : v >> bits))
		return bpf_lockdown_fail(err, err_size, -ERANGE,
					 "kconfig extern %s: %llu does not fit in %u bytes",
					 e->name, (unsigned long long)v, e->size);
	/* the map value is in the CPU's byte order */
	switch (e->size) {
	case 1:
		b8 = v;
		memcpy(out, &b8, 1);
		break;
	case 2:
		b16 = v;
		memcpy(out, &b16, 2);
		break;
	case 4:
		b32 = v;
		memcpy(out, &b32, 4);
		break;
	default:
		memcpy(out, &v, 8);
		break;
	}
	return 0;
}

/**
 * bpf_lockdown_kconfig_value() - the bytes of a kconfig extern, as libbpf sets them
 * @env: the kernel's values
 * @e: the extern (a valid name, type, flags and size)
 * @out: @e->size bytes, all written
 * @err: buffer for a one-line reason on failure, or NULL
 * @err_size: size of @err
 *
 * The one encoding of kconfig values: the kernel computes what a signed
 * program's kconfig map must hold with it, and bpf-annotate what it
 * writes. It follows libbpf: the LINUX_ externs are numbers; a CONFIG_
 * value "y", "n" or "m" is a character, a bool (not "m") or a tristate; a
 * quoted string fills a char array, truncated to leave a NUL; anything else
 * is a number in C syntax (strtoull base 0). A CONFIG_ symbol that @env does
 * not set is all zero, unless the extern is %BPF_LOCKDOWN_KCONFIG_REQUIRED.
 *
 * Context: any context; does not allocate or sleep.
 * Return: 0; -EINVAL for a value that does not suit the type, or an
 * invalid extern; -ERANGE for a number that does not fit; -ENOENT for a
 * required extern @env does not set.
 */
int bpf_lockdown_kconfig_value(const struct bpf_lockdown_kconfig_env *env,
			       const struct bpf_lockdown_kconfig_extern *e, void *out,
			       char *err, size_t err_size)
{
	const char *v;
	size_t len = 0;
	__u8 *b = out;
	__u64 num;
	__u32 tri;
	int ret;

	if (err && err_size)
		err[0] = '\0';
	if (!bpf_lockdown_kconfig_name_valid(e->name) ||
	    !bpf_lockdown_kconfig_shape_valid(e->name, e->type, e->flags, e->size))
		return bpf_lockdown_fail(err, err_size, -EINVAL,
					 "kconfig extern %s: invalid name, type or size", e->name);
	memset(b, 0, e->size);
	if (!strcmp(e->name, "LINUX_KERNEL_VERSION"))
		return kconfig_store_num(e, env->kernel_version, out, err, err_size);
	if (!strcmp(e->name, "LINUX_HAS_BPF_COOKIE"))
		return kconfig_store_num(e, env->has_bpf_cookie, out, err, err_size);
	if (!strcmp(e->name, "LINUX_HAS_SYSCALL_WRAPPER"))
		return kconfig_store_num(e, env->has_syscall_wrapper, out, err, err_size);
	v = bpf_lockdown_kconfig_lookup(env, e->name, &len);
	if (!v && (e->flags & BPF_LOCKDOWN_KCONFIG_REQUIRED))
		return bpf_lockdown_fail(err, err_size, -ENOENT,
					 "kconfig extern %s: the kernel does not set it, and it is not __weak",
					 e->name);
	if (!v)
		return 0;
	if (!len)
		return bpf_lockdown_fail(err, err_size, -EINVAL,
					 "kconfig extern %s: the configuration has no value",
					 e->name);
	switch (v[0]) {
	case 'y': case 'n': case 'm':
		switch (e->type) {
		case BPF_LOCKDOWN_KCONFIG_BOOL:
			if (v[0] == 'm')
				break;
			b[0] = v[0] == 'y';
			return 0;
		case BPF_LOCKDOWN_KCONFIG_TRISTATE:
			/*
			 * libbpf stores an enum libbpf_tristate, four bytes
			 * in the CPU's order, at the start of an eight-byte
			 * one too
			 */
			tri = v[0] == 'y' ? 1 : v[0] == 'm' ? 2 : 0;
			memcpy(b, &tri, sizeof(tri));
			return 0;
		case BPF_LOCKDOWN_KCONFIG_CHAR:
			b[0] = v[0];
			return 0;
		}
		return bpf_lockdown_fail(err, err_size, -EINVAL,
					 "kconfig extern %s: value '%c' does not suit its type",
					 e->name, v[0]);
	case '"':
		if (e->type != BPF_LOCKDOWN_KCONFIG_CHAR_ARR || len < 2 || v[len - 1] != '"')
			return bpf_lockdown_fail(err, err_size, -EINVAL,
						 "kconfig extern %s: a string needs a char array and closing quote",
						 e->name);
		len -= 2;
		if (len >= e->size)
			len = e->size - 1;
		memcpy(b, v + 1, len);
		return 0;
	}
	ret = kconfig_number(v, len, &num);
	if (ret)
		return bpf_lockdown_fail(err, err_size, ret,
					 ret == -ERANGE ?
					 "kconfig extern %s: value does not fit in 64 bits" :
					 "kconfig extern %s: value is not a number", e->name);
	if (e->type != BPF_LOCKDOWN_KCONFIG_INT && e->type != BPF_LOCKDOWN_KCONFIG_CHAR)
		return bpf_lockdown_fail(err, err_size, -EINVAL,
					 "kconfig extern %s: a number needs an integer or char",
					 e->name);
	return kconfig_store_num(e, num, out, err, err_size);
}
