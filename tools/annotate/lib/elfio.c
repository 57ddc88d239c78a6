// SPDX-License-Identifier: GPL-2.0
/* bpf-annotate - ELF checks, section lookup and the sealed object writer */

#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <linux/kernel.h>
#include <linux/unaligned.h>

#include "bpf_annotate.h"
#include "buf.h"
#include "elfio.h"
#include "util.h"

#ifndef EM_BPF
#define EM_BPF 247
#endif

/*
 * The checks read the ELF header and section headers byte by byte, so a
 * truncated or hostile file is refused with a reason before libelf or
 * libbpf see it. Only 64-bit little-endian BPF objects are accepted.
 */
struct elf_view {
	const __u8 *p;
	size_t size;
	__u64 shoff;
	__u32 shnum;
	__u32 shstrndx;
};

static const __u8 *shdr(const struct elf_view *v, __u32 i)
{
	return v->p + v->shoff + (__u64)i * 64;
}

#define SH_NAME(s)	get_unaligned_le32((s) + 0)
#define SH_TYPE(s)	get_unaligned_le32((s) + 4)
#define SH_OFFSET(s)	get_unaligned_le64((s) + 24)
#define SH_SIZE(s)	get_unaligned_le64((s) + 32)
#define SH_LINK(s)	get_unaligned_le32((s) + 40)
#define SH_INFO(s)	get_unaligned_le32((s) + 44)
#define SH_ENTSIZE(s)	get_unaligned_le64((s) + 56)

static int view(const char *name, const void *buf, size_t size, struct elf_view *v,
		char *err, size_t err_size)
{
	const __u8 *p = buf;
	__u64 off, len;
	__u32 i;

	if (size < 4 || memcmp(p, ELFMAG, SELFMAG))
		return ba_fail(err, err_size, -ENOEXEC, "%s: not an ELF file", name);
	if (size < 64)
		return ba_fail(err, err_size, -ENOEXEC, "%s: truncated ELF header (%zu bytes)",
			       name, size);
	if (p[EI_CLASS] != ELFCLASS64 || p[EI_DATA] != ELFDATA2LSB)
		return ba_fail(err, err_size, -ENOEXEC,
			       "%s: not a 64-bit little-endian ELF file", name);
	if (get_unaligned_le16(p + 18) != EM_BPF)
		return ba_fail(err, err_size, -ENOEXEC,
			       "%s: not a BPF object (ELF machine %u, expected %u)", name,
			       get_unaligned_le16(p + 18), EM_BPF);
	v->p = p;
	v->size = size;
	v->shoff = get_unaligned_le64(p + 40);
	v->shnum = get_unaligned_le16(p + 60);
	v->shstrndx = get_unaligned_le16(p + 62);
	if (get_unaligned_le16(p + 58) != 64 || !v->shnum || v->shstrndx >= v->shnum)
		return ba_fail(err, err_size, -ENOEXEC, "%s: bad section header table", name);
	if (v->shoff > size || (size - v->shoff) / 64 < v->shnum)
		return ba_fail(err, err_size, -ENOEXEC,
			       "%s: truncated: the section header table ends beyond the file",
			       name);
	for (i = 1; i < v->shnum; i++) {
		if (SH_TYPE(shdr(v, i)) == SHT_NOBITS)
			continue;
		off = SH_OFFSET(shdr(v, i));
		len = SH_SIZE(shdr(v, i));
		if (off > size || len > size - off)
			return ba_fail(err, err_size, -ENOEXEC,
				       "%s: truncated: section %u ends beyond the file", name, i);
	}
	return 0;
}

static const char *sec_name(const struct elf_view *v, __u32 i)
{
	const __u8 *st = shdr(v, v->shstrndx);
	__u64 off = SH_OFFSET(st), size = SH_SIZE(st), n = SH_NAME(shdr(v, i));

	if (n >= size || !memchr(v->p + off + n, 0, size - n))
		return "";
	return (const char *)v->p + off + n;
}

static int find(const struct elf_view *v, const char *name)
{
	__u32 i;

	for (i = 1; i < v->shnum; i++)
		if (!strcmp(sec_name(v, i), name))
			return i;
	return -1;
}

#ifndef R_BPF_64_64
#define R_BPF_64_64	1
#endif
#ifndef R_BPF_64_32
#define R_BPF_64_32	10
#endif

/*
 * Code sections may only carry the two relocations clang emits for BPF
 * instructions (ld_imm64 and calls); libbpf does not look at the type,
 * so anything else would be linked as if it were one of them.
 */
static int check_relocs(const char *name, const struct elf_view *v, char *err,
			size_t err_size)
{
	const __u8 *rel;
	__u32 i, target, type;
	__u64 n, r, flags;

	for (i = 1; i < v->shnum; i++) {
		if (SH_TYPE(shdr(v, i)) != SHT_REL)
			continue;
		target = SH_INFO(shdr(v, i));
		if (target >= v->shnum)
			return ba_fail(err, err_size, -ENOEXEC,
				       "%s: section %s relocates section %u, which does not exist",
				       name, sec_name(v, i), target);
		flags = get_unaligned_le64(shdr(v, target) + 8);
		if (!(flags & SHF_EXECINSTR))
			continue;
		rel = v->p + SH_OFFSET(shdr(v, i));
		n = SH_SIZE(shdr(v, i)) / 16;
		for (r = 0; r < n; r++) {
			type = get_unaligned_le64(rel + r * 16 + 8) & 0xffffffff;
			if (type != R_BPF_64_64 && type != R_BPF_64_32)
				return ba_fail(err, err_size, -ENOEXEC,
					       "%s: section %s: relocation %llu has unknown type %u",
					       name, sec_name(v, target), (unsigned long long)r,
					       type);
		}
	}
	return 0;
}

/**
 * ba_elf_check() - check that a buffer is a BPF object with BTF
 * @name: object name for messages
 * @buf: the file
 * @size: its size
 * @err: reason on failure
 * @err_size: size of @err
 *
 * Return: 0, or -ENOEXEC with the reason.
 */
int ba_elf_check(const char *name, const void *buf, size_t size, char *err, size_t err_size)
{
	struct elf_view v;
	int ret;

	ret = view(name, buf, size, &v, err, err_size);
	if (ret)
		return ret;
	ret = check_relocs(name, &v, err, err_size);
	if (ret)
		return ret;
	if (find(&v, ".BTF") < 0)
		return ba_fail(err, err_size, -ENOEXEC,
			       "%s: no BTF (.BTF section): compile the object with clang -g",
			       name);
	return 0;
}

/**
 * ba_elf_find() - find a section of a checked object
 * @buf: the object
 * @size: its size
 * @sec: section name
 * @data: set to the section contents
 * @len: set to the section size
 *
 * Return: 0, or -ENOENT.
 */
int ba_elf_find(const void *buf, size_t size, const char *sec, const __u8 **data, size_t *len)
{
	struct elf_view v;
	int i;

	if (view("", buf, size, &v, NULL, 0))
		return -ENOEXEC;
	i = find(&v, sec);
	if (i < 0)
		return -ENOENT;
	*data = v.p + SH_OFFSET(shdr(&v, i));
	*len = SH_SIZE(shdr(&v, i));
	return 0;
}

/* the symbol table of a checked object, and its string table */
static int symbols(const void *buf, size_t size, struct elf_view *v, const __u8 **symtab,
		   __u64 *nsym, const __u8 **strtab, __u64 *strsize)
{
	int si;

	if (view("", buf, size, v, NULL, 0))
		return -ENOEXEC;
	si = find(v, ".symtab");
	/*
	 * view() checks the bounds of every section but NOBITS ones: the table
	 * and its strings must be what they claim, the strings NUL-terminated
	 */
	if (si < 0 || SH_TYPE(shdr(v, si)) != SHT_SYMTAB || SH_ENTSIZE(shdr(v, si)) != 24 ||
	    SH_LINK(shdr(v, si)) >= v->shnum ||
	    SH_TYPE(shdr(v, SH_LINK(shdr(v, si)))) != SHT_STRTAB)
		return -ENOENT;
	*symtab = v->p + SH_OFFSET(shdr(v, si));
	*nsym = SH_SIZE(shdr(v, si)) / 24;
	*strtab = v->p + SH_OFFSET(shdr(v, SH_LINK(shdr(v, si))));
	*strsize = SH_SIZE(shdr(v, SH_LINK(shdr(v, si))));
	if (!*strsize || (*strtab)[*strsize - 1])
		return -ENOENT;
	return 0;
}

/**
 * ba_elf_func_at() - the function that references a symbol
 * @buf: a checked object
 * @size: its size
 * @sym_name: the symbol (an extern)
 * @func: set to the name of the first function with a relocation against it
 * @func_size: size of @func
 *
 * Return: 0, or -ENOENT.
 */
int ba_elf_func_at(const void *buf, size_t size, const char *sym_name, char *func,
		   size_t func_size)
{
	const __u8 *rel, *sym, *symtab, *strtab;
	__u64 nrel, nsym, r, s, off, strsize;
	__u32 i, symidx, target;
	struct elf_view v;
	int ret;

	ret = symbols(buf, size, &v, &symtab, &nsym, &strtab, &strsize);
	if (ret)
		return ret;
#define SYM_NAME(s)	(get_unaligned_le32(s) < strsize ? (const char *)strtab + get_unaligned_le32(s) : "")
	for (i = 1; i < v.shnum; i++) {
		if (SH_TYPE(shdr(&v, i)) != SHT_REL)
			continue;
		rel = v.p + SH_OFFSET(shdr(&v, i));
		nrel = SH_SIZE(shdr(&v, i)) / 16;
		target = SH_INFO(shdr(&v, i));
		for (r = 0; r < nrel; r++) {
			symidx = get_unaligned_le64(rel + r * 16 + 8) >> 32;
			if (symidx >= nsym || strcmp(SYM_NAME(symtab + symidx * 24), sym_name))
				continue;
			off = get_unaligned_le64(rel + r * 16);
			for (s = 1; s < nsym; s++) {
				sym = symtab + s * 24;
				if ((sym[4] & 0xf) != STT_FUNC || get_unaligned_le16(sym + 6) != target)
					continue;
				if (off >= get_unaligned_le64(sym + 8) &&
				    off < get_unaligned_le64(sym + 8) + get_unaligned_le64(sym + 16)) {
					snprintf(func, func_size, "%s", SYM_NAME(sym));
					return 0;
				}
			}
		}
	}
#undef SYM_NAME
	return -ENOENT;
}

/* offset in @buf of the undefined global or weak symbol @sym_name, or -ENOENT */
static long undef_sym(const void *buf, size_t size, const char *sym_name)
{
	const __u8 *symtab, *strtab, *sym;
	__u64 nsym, strsize, s;
	struct elf_view v;
	int ret;

	ret = symbols(buf, size, &v, &symtab, &nsym, &strtab, &strsize);
	if (ret)
		return ret;
	for (s = 1; s < nsym; s++) {
		sym = symtab + s * 24;
		if (get_unaligned_le32(sym) < strsize && get_unaligned_le16(sym + 6) == SHN_UNDEF &&
		    ((sym[4] >> 4) == STB_GLOBAL || (sym[4] >> 4) == STB_WEAK) &&
		    !strcmp((const char *)strtab + get_unaligned_le32(sym), sym_name))
			return sym - v.p;
	}
	return -ENOENT;
}

/**
 * ba_elf_weaken() - make an undefined global symbol weak, in place
 * @buf: a checked object, writable
 * @size: its size
 * @sym_name: the symbol (an extern)
 *
 * libbpf then leaves the extern zero when it cannot resolve it.
 *
 * Return: 0, or -ENOENT.
 */
int ba_elf_weaken(void *buf, size_t size, const char *sym_name)
{
	long off = undef_sym(buf, size, sym_name);
	__u8 *sym = (__u8 *)buf + off;

	if (off < 0 || (sym[4] >> 4) != STB_GLOBAL)
		return -ENOENT;
	sym[4] = (STB_WEAK << 4) | (sym[4] & 0xf);
	return 0;
}

/**
 * ba_elf_sym_weak() - is an undefined symbol weak
 * @buf: the ELF object
 * @size: its size
 * @sym_name: the symbol
 *
 * Return: 1 when @sym_name is an undefined weak symbol, 0 when it is an
 * undefined global one, -ENOENT when there is none.
 */
int ba_elf_sym_weak(const void *buf, size_t size, const char *sym_name)
{
	long off = undef_sym(buf, size, sym_name);
	const __u8 *sym = (const __u8 *)buf + off;

	if (off < 0)
		return off;
	return (sym[4] >> 4) == STB_WEAK;
}

static bool ours(const char *name)
{
	return !strcmp(name, BPF_ANNOTATE_SECTION) || !strcmp(name, BPF_ANNOTATE_SIG_SECTION);
}

/* offset of @name in a string table, appending it when missing */
static __u32 strtab_add(struct ba_buf *st, const char *name)
{
	size_t len = strlen(name), i;

	for (i = 0; i + len < st->len; i++)
		if ((i == 0 || st->data[i - 1] == '\0') && !memcmp(st->data + i, name, len + 1))
			return i;
	i = st->len;
	ba_buf_put(st, name, len + 1);
	return i;
}

static int add_section(Elf *out, struct ba_buf *st, const char *name, const struct ba_buf *b)
{
	Elf_Scn *scn = elf_newscn(out);
	GElf_Shdr sh = { 0 };
	Elf_Data *d;

	if (!scn)
		return -EIO;
	sh.sh_name = strtab_add(st, name);
	sh.sh_type = SHT_PROGBITS;
	sh.sh_addralign = 8;
	d = elf_newdata(scn);
	if (!d || !gelf_update_shdr(scn, &sh))
		return -EIO;
	d->d_buf = b->data;
	d->d_size = b->len;
	d->d_type = ELF_T_BYTE;
	d->d_align = 8;
	return 0;
}

static int write_elf(int fd, const void *buf, size_t size, const struct ba_buf *sec,
		     const struct ba_buf *sig, struct ba_buf *st, const char **what)
{
	Elf_Scn *scn = NULL, *nscn, *strscn = NULL;
	Elf *in = NULL, *out = NULL;
	GElf_Ehdr eh;
	GElf_Shdr sh;
	Elf_Data *d, *nd, *std = NULL;
	size_t shstrndx, i;
	bool seen_ours = false;
	char *copy;
	int ret = -EIO;

	copy = ba_memdup(buf, size);
	if (!copy)
		return -ENOMEM;
	*what = "libelf cannot read the object";
	in = elf_memory(copy, size);
	if (!in || !gelf_getehdr(in, &eh) || elf_getshdrstrndx(in, &shstrndx))
		goto out;
	*what = "libelf cannot write the object";
	out = elf_begin(fd, ELF_C_WRITE, NULL);
	if (!out || !gelf_newehdr(out, ELFCLASS64))
		goto out;
	for (i = 1; (scn = elf_getscn(in, i)); i++) {
		const char *name;

		if (!gelf_getshdr(scn, &sh))
			goto out;
		name = elf_strptr(in, shstrndx, sh.sh_name);
		if (name && ours(name)) {
			seen_ours = true;
			continue;
		}
		if (seen_ours) {
			*what = "a section follows the bpf-annotate sections; seal the clang-built object instead";
			ret = -EINVAL;
			goto out;
		}
		nscn = elf_newscn(out);
		if (!nscn || !gelf_update_shdr(nscn, &sh))
			goto out;
		d = NULL;
		while ((d = elf_getdata(scn, d))) {
			nd = elf_newdata(nscn);
			if (!nd)
				goto out;
			*nd = *d;
			if (i == shstrndx) {
				ba_buf_put(st, d->d_buf, d->d_size);
				std = nd;
			}
		}
		if (i == shstrndx)
			strscn = nscn;
	}
	if (!strscn || !std)
		goto out;
	if (add_section(out, st, BPF_ANNOTATE_SECTION, sec))
		goto out;
	if (sig && sig->len && add_section(out, st, BPF_ANNOTATE_SIG_SECTION, sig))
		goto out;
	if (st->failed) {
		ret = -ENOMEM;
		goto out;
	}
	std->d_buf = st->data;
	std->d_size = st->len;
	if (!gelf_getshdr(strscn, &sh))
		goto out;
	sh.sh_size = st->len;
	if (!gelf_update_shdr(strscn, &sh))
		goto out;
	eh.e_shnum = 0;
	eh.e_shoff = 0;
	if (!gelf_update_ehdr(out, &eh) || elf_update(out, ELF_C_WRITE) < 0)
		goto out;
	ret = 0;
out:
	if (out)
		elf_end(out);
	if (in)
		elf_end(in);
	free(copy);
	return ret;
}

/**
 * ba_elf_write() - write a sealed object
 * @path: output file; replaced atomically (it may be the input)
 * @buf: the input object
 * @size: its size
 * @sec: contents of %BPF_ANNOTATE_SECTION
 * @sig: contents of %BPF_ANNOTATE_SIG_SECTION; empty or NULL for none
 * @err: reason on failure
 * @err_size: size of @err
 *
 * Every section of @buf is copied in order, except earlier bpf-annotate
 * sections, which must be last; the two sections are appended. libelf
 * lays out the file, so the same input gives the same bytes.
 *
 * Return: 0 or a negative errno.
 */
int ba_elf_write(const char *path, const void *buf, size_t size, const struct ba_buf *sec,
		 const struct ba_buf *sig, char *err, size_t err_size)
{
	struct ba_buf st = { 0 };
	const char *what = "";
	char *tmp;
	int fd, ret;

	if (elf_version(EV_CURRENT) == EV_NONE)
		return ba_fail(err, err_size, -EIO, "%s: libelf: %s", path, elf_errmsg(-1));
	if (asprintf(&tmp, "%s.tmpXXXXXX", path) < 0)
		return ba_fail(err, err_size, -ENOMEM, "%s: out of memory", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		ret = ba_fail(err, err_size, -errno, "%s: %s", path, strerror(errno));
		free(tmp);
		return ret;
	}
	ret = write_elf(fd, buf, size, sec, sig, &st, &what);
	if (!ret && fchmod(fd, 0644))
		ret = -errno;
	if (close(fd) && !ret)
		ret = -errno;
	if (!ret && rename(tmp, path))
		ret = -errno;
	if (ret) {
		unlink(tmp);
		if (what[0] && ret != -ENOMEM)
			ba_fail(err, err_size, ret, "%s: %s%s%s", path, what,
				ret == -EIO ? ": " : "", ret == -EIO ? elf_errmsg(-1) : "");
		else
			ba_fail(err, err_size, ret, "%s: %s", path, strerror(-ret));
	}
	free(st.data);
	free(tmp);
	return ret;
}
