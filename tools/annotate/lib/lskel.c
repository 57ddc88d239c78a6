// SPDX-License-Identifier: GPL-2.0
/*
 * bpf-annotate - light skeletons signed in mainline's format
 *
 * bpftool gen skeleton -L writes a C header that holds a loader program's
 * instructions and its metadata (the value of the loader map) as string
 * literals, and hands both to bpf_load_and_run() of skel_internal.h.
 * Mainline's bpftool gen skeleton -S also writes a PKCS#7 signature over
 * the instructions followed by the metadata, the SHA-256 of the
 * instructions (the loader map is exclusive to them) and the keyring to
 * verify with, as the options opts.signature, opts.excl_prog_hash and
 * opts.keyring_id. bpf_annotate_lskel_sign() adds the same to a header of
 * a bpftool that cannot sign (both the string-literal form of bpftool 7.1
 * and the opts_data[]/opts_insn[] arrays of later versions), so that a
 * light skeleton built with Debian's bpftool can be signed.
 *
 * A loader may also carry a BPF lockdown annotation (opts_annot, passed as
 * opts.lockdown_annot): then the signature covers
 * bpf_lockdown_mainline_annot_prefix() and the annotation first.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/bpf.h>
#include <openssl/crypto.h>

#include "annot.h"
#include "bpf_annotate.h"
#include "buf.h"
#include "digest.h"
#include "grant.h"
#include "sig.h"
#include "util.h"

/* what follows an array's name where bpftool declares it */
#define ARRAY_OPEN "[] __attribute__((__aligned__(8))) = \"\\\n"

/* The two forms a blob's literal opens with */
static const char *const data_open[] = {
	"opts.data = (void *)\"\\\n",
	"opts_data" ARRAY_OPEN,
};

static const char *const insns_open[] = {
	"opts.insns = (void *)\"\\\n",
	"opts_insn" ARRAY_OPEN,
};

static const char run_stmt[] = "\terr = bpf_load_and_run(&opts);\n";
static const char links_end[] = "\n\t} links;\n";

struct lskel {
	const char *text;
	size_t len;
	struct ba_buf insns;
	struct ba_buf data;
	struct ba_buf sig;
	struct ba_buf excl_hash;
	struct ba_buf annot;
};

static void lskel_free(struct lskel *l)
{
	free(l->insns.data);
	free(l->data.data);
	free(l->sig.data);
	free(l->excl_hash.data);
	free(l->annot.data);
}

/* the only occurrence of @s in the text, or NULL; *@n counts them */
static const char *find_once(const struct lskel *l, const char *s, int *n)
{
	const char *p = l->text, *first = NULL;
	size_t sl = strlen(s);

	*n = 0;
	while ((p = memmem(p, l->text + l->len - p, s, sl))) {
		if (!first)
			first = p;
		(*n)++;
		p += sl;
	}
	return *n == 1 ? first : NULL;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Decode the literal bpftool's print_hex() writes after @p: \xNN with two
 * hex digits, \0, and a backslash before each line break, up to the
 * closing quote. Anything else is not bpftool's output.
 */
static int decode(const struct lskel *l, const char *p, const char *name, struct ba_buf *out,
		  char *err, size_t err_size)
{
	const char *end = l->text + l->len;
	int hi, lo;
	__u8 c;

	while (p < end && *p != '"') {
		if (*p != '\\' || p + 1 >= end)
			goto bad;
		if (p[1] == '\n') {
			p += 2;
			continue;
		}
		if (p[1] == '0') {
			c = 0;
			p += 2;
		} else if (p[1] == 'x' && p + 3 < end) {
			hi = hexval(p[2]);
			lo = hexval(p[3]);
			if (hi < 0 || lo < 0)
				goto bad;
			c = hi << 4 | lo;
			p += 4;
		} else {
			goto bad;
		}
		ba_buf_put(out, &c, 1);
	}
	if (p + 1 >= end || p[1] != ';')
		goto bad;
	if (out->failed)
		return ba_fail(err, err_size, -ENOMEM, "out of memory");
	return 0;
bad:
	return ba_fail(err, err_size, -EINVAL,
		       "the %s literal has something other than \\xNN, \\0 and line breaks at offset %zu",
		       name, (size_t)(p - l->text));
}

/* find and decode the one literal among the @cnt forms of @opens */
static int blob(const struct lskel *l, const char *const *opens, int cnt, const char *name,
		struct ba_buf *out, char *err, size_t err_size)
{
	const char *p = NULL, *q;
	int i, n, total = 0;

	for (i = 0; i < cnt; i++) {
		q = find_once(l, opens[i], &n);
		total += n;
		if (q)
			p = q + strlen(opens[i]);
	}
	if (!total)
		return ba_fail(err, err_size, -EINVAL,
			       "no %s literal: not a light skeleton of bpftool gen skeleton -L",
			       name);
	if (total > 1)
		return ba_fail(err, err_size, -EINVAL, "%d %s literals, not one", total, name);
	return decode(l, p, name, out, err, err_size);
}

/*
 * The one size statement, "opts.NAME_sz = N;" (bpftool 7.1) or
 * "opts.NAME_sz = sizeof(ARRAY) - 1;", must give what was decoded
 */
static int check_size(const struct lskel *l, const char *name, const char *array, size_t len,
		      char *err, size_t err_size)
{
	const char *p, *end = l->text + l->len;
	char stmt[64], of_array[64];
	size_t v;
	int n;

	snprintf(stmt, sizeof(stmt), "\topts.%s_sz = ", name);
	snprintf(of_array, sizeof(of_array), "sizeof(%s) - 1;\n", array);
	p = find_once(l, stmt, &n);
	if (!p)
		goto bad;
	p += strlen(stmt);
	if ((size_t)(end - p) >= strlen(of_array) && !memcmp(p, of_array, strlen(of_array)))
		return 0;
	/* digits, then ";\n": nothing else is bpftool's */
	for (v = 0; p < end && *p >= '0' && *p <= '9' && v <= len; p++)
		v = v * 10 + (*p - '0');
	if (end - p >= 2 && p[0] == ';' && p[1] == '\n' && v == len)
		return 0;
bad:
	return ba_fail(err, err_size, -EINVAL,
		       "opts.%s_sz does not give the %zu bytes of its literal", name, len);
}

static int parse(struct lskel *l, bool want_sig, char *err, size_t err_size)
{
	int ret, n;

	ret = blob(l, insns_open, 2, "instruction", &l->insns, err, err_size);
	if (!ret)
		ret = blob(l, data_open, 2, "metadata", &l->data, err, err_size);
	if (!ret)
		ret = check_size(l, "insns", "opts_insn", l->insns.len, err, err_size);
	if (!ret)
		ret = check_size(l, "data", "opts_data", l->data.len, err, err_size);
	if (ret)
		return ret;
	if (!l->insns.len || l->insns.len % 8)
		return ba_fail(err, err_size, -EINVAL,
			       "the instruction literal has %zu bytes, not a whole number of instructions",
			       l->insns.len);
	if (!find_once(l, run_stmt, &n))
		return ba_fail(err, err_size, -EINVAL,
			       "%d calls of bpf_load_and_run(&opts), not one: not a light skeleton",
			       n);
	if (!find_once(l, links_end, &n))
		return ba_fail(err, err_size, -EINVAL,
			       "the skeleton's struct has %d links members, not one", n);
	find_once(l, "opts.signature = ", &n);
	if (n && !want_sig)
		return ba_fail(err, err_size, -EEXIST, "already signed");
	if (!n && want_sig)
		return ba_fail(err, err_size, -ENODATA, "not signed");
	return 0;
}

/* bpftool's print_hex(): \xNN, \0 for zero, lines of at most 78 characters */
static void put_hex(struct ba_buf *b, const __u8 *p, size_t n)
{
	char e[8];
	size_t i, col = 0, w;

	for (i = 0; i < n; i++) {
		w = p[i] ? 4 : 2;
		col += w;
		if (col > 78) {
			ba_buf_put(b, "\\\n", 2);
			col = w;
		}
		snprintf(e, sizeof(e), p[i] ? "\\x%02x" : "\\0", p[i]);
		ba_buf_put(b, e, w);
	}
}

static void put_str(struct ba_buf *b, const char *s)
{
	ba_buf_put(b, s, strlen(s));
}

static void put_array(struct ba_buf *b, const char *name, const __u8 *p, size_t n)
{
	put_str(b, "\tstatic const char ");
	put_str(b, name);
	put_str(b, ARRAY_OPEN);
	put_hex(b, p, n);
	put_str(b, "\";\n");
}

/* what the signature covers: [prefix, annotation,] instructions, metadata */
static int signed_bytes(const struct lskel *l, struct ba_buf *b, char *err, size_t err_size)
{
	__u8 prefix[BPF_LOCKDOWN_MAINLINE_ANNOT_PREFIX_SIZE];

	if (l->annot.len) {
		bpf_lockdown_mainline_annot_prefix(prefix, l->annot.len,
						   l->insns.len / sizeof(struct bpf_insn));
		ba_buf_put(b, prefix, sizeof(prefix));
		ba_buf_put(b, l->annot.data, l->annot.len);
	}
	ba_buf_put(b, l->insns.data, l->insns.len);
	ba_buf_put(b, l->data.data, l->data.len);
	return b->failed ? ba_fail(err, err_size, -ENOMEM, "out of memory") : 0;
}

/* a jump, call or function reference other than instruction @from lands on @target */
static bool jump_target(const struct bpf_insn *insn, __u32 n, __u32 target, __s64 from)
{
	__u32 i, cls;
	__s64 to;

	for (i = 0; i < n; i++) {
		cls = BPF_CLASS(insn[i].code);
		to = -1;
		if (insn[i].code == BPF_LOCKDOWN_LD_IMM64) {
			if (insn[i].src_reg == BPF_PSEUDO_FUNC)
				to = (__s64)i + insn[i].imm + 1;
			i++;
		} else if (insn[i].code == BPF_LOCKDOWN_CALL) {
			if (insn[i].src_reg == BPF_PSEUDO_CALL)
				to = (__s64)i + insn[i].imm + 1;
		} else if ((cls == BPF_JMP || cls == BPF_JMP32) &&
			   BPF_OP(insn[i].code) != BPF_EXIT) {
			to = (__s64)i + 1 + (cls == BPF_JMP32 && BPF_OP(insn[i].code) == BPF_JA ?
					     insn[i].imm : insn[i].off);
		}
		if (to == target && i != from)
			return true;
	}
	return false;
}

/*
 * For kernel reads at confidentiality, the loader may not read a kernel
 * address its caller chooses. A libbpf loader calls bpf_probe_read_kernel()
 * twice: to zero its stack (from address 0: "r3 = 0" just before, and no
 * jump to the call), and to copy a map's initial value from the address
 * in its context when the caller sets BPF_SKEL_KERNEL (which only the
 * kernel's own preload sets; mainline's signed loaders leave the copy
 * out). With @rewrite, that copy becomes bpf_copy_from_user(), which
 * gives a kernel address -EFAULT and zeroes. Any other call, and any
 * helper a libbpf loader does not call, is refused.
 */
static int loader_reads(struct lskel *l, bool rewrite, char *err, size_t err_size)
{
	struct bpf_insn *insn = (void *)l->insns.data;
	__u32 i, n = l->insns.len / sizeof(*insn);

	for (i = 0; i < n; i++) {
		if (insn[i].code != BPF_LOCKDOWN_CALL || insn[i].src_reg)
			continue;
		if (!bpf_lockdown_loader_helper(insn[i].imm))
			return ba_fail(err, err_size, -EPERM,
				       "instruction %u calls helper %d, which libbpf loaders do not: refused for kernel reads at confidentiality",
				       i, insn[i].imm);
		if (insn[i].imm != BPF_FUNC_probe_read_kernel)
			continue;
		if (i >= 1 && insn[i - 1].code == (BPF_ALU64 | BPF_MOV | BPF_K) &&
		    insn[i - 1].dst_reg == BPF_REG_3 && !insn[i - 1].imm &&
		    !jump_target(insn, n, i, -1))
			continue;
		/* reached only from the test of BPF_SKEL_KERNEL, three before */
		if (i >= 3 && !jump_target(insn, n, i, i - 3) &&
		    insn[i - 1].code == (BPF_JMP | BPF_JA) && insn[i - 1].off == 1 &&
		    insn[i - 2].code == BPF_LOCKDOWN_CALL && !insn[i - 2].src_reg &&
		    insn[i - 2].imm == BPF_FUNC_copy_from_user &&
		    insn[i - 3].code == (BPF_JMP | BPF_JSET | BPF_K) && insn[i - 3].off == 2 &&
		    insn[i - 3].imm == 1 /* BPF_SKEL_KERNEL */ && rewrite) {
			insn[i].imm = BPF_FUNC_copy_from_user;
			continue;
		}
		return ba_fail(err, err_size, -EPERM,
			       "instruction %u calls bpf_probe_read_kernel() with an address the loader's caller may choose: refused for kernel reads at confidentiality",
			       i);
	}
	return 0;
}

/*
 * The loader's annotation: at each level where the ceiling for signed
 * programs allows every helper it calls (with kernel reads at
 * confidentiality when @kernel_reads), it may load and call exactly those,
 * and at confidentiality reveal kernel addresses (ksym).
 */
static int loader_annot(struct lskel *l, bool kernel_reads, char *err, size_t err_size)
{
	const struct bpf_insn *insn = (const void *)l->insns.data;
	struct bpf_lockdown_annot_spec spec = {};
	__u32 i, n = l->insns.len / sizeof(*insn), size = 0;
	unsigned int level;
	int ret;

	if (kernel_reads) {
		ret = loader_reads(l, true, err, err_size);
		if (ret)
			return ret;
	}

	for (level = 0; level < BPF_LOCKDOWN_LEVEL_NR; level++)
		spec.level[level].may_load = true;
	for (i = 0; i < n; i++) {
		if (insn[i].code != BPF_LOCKDOWN_CALL || insn[i].src_reg)
			continue;
		for (level = 0; level < BPF_LOCKDOWN_LEVEL_NR; level++) {
			bpf_lockdown_annot_set_helper(spec.level[level].helpers, insn[i].imm);
			if (!ba_ceiling_allows_helper(insn[i].imm, level, kernel_reads))
				spec.level[level].may_load = false;
		}
	}
	for (level = 0; level < BPF_LOCKDOWN_LEVEL_NR; level++)
		if (!spec.level[level].may_load)
			memset(spec.level[level].helpers, 0, sizeof(spec.level[level].helpers));
	/*
	 * A loader stores the addresses of its metadata into its metadata,
	 * which its caller can read: at confidentiality that is what ksym
	 * grants (below it, root's programs may anyway)
	 */
	level = BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY;
	if (spec.level[level].may_load &&
	    ba_ceiling_allows_cap(BPF_LOCKDOWN_CAP_KSYM, level, kernel_reads))
		spec.level[level].caps |= BPF_LOCKDOWN_CAP_KSYM;
	ret = bpf_lockdown_annot_build(&spec, NULL, 0, &size, err, err_size);
	if (ret && ret != -ENOSPC)
		return ret;
	l->annot.data = calloc(1, size);
	if (!l->annot.data)
		return ba_fail(err, err_size, -ENOMEM, "out of memory");
	l->annot.cap = size;
	ret = bpf_lockdown_annot_build(&spec, l->annot.data, size, &size, err, err_size);
	if (!ret)
		l->annot.len = size;
	return ret;
}

/**
 * bpf_annotate_lskel_sign() - sign a light skeleton in mainline's format
 * @text: the header bpftool gen skeleton -L wrote
 * @len: its size
 * @signer: from bpf_annotate_signer_open()
 * @flags: %BPF_ANNOTATE_LSKEL_ANNOT to add an annotation that grants the
 *	loader's helpers at each level where the ceiling for signed programs
 *	allows them all; with %BPF_ANNOTATE_LSKEL_KERNEL_READS, the ceiling of
 *	a kernel whose kernel-reads policy is on (confidentiality included)
 * @out: the signed header, to free()
 * @out_len: its size
 * @err: reason on failure
 * @err_size: size of @err
 *
 * Adds what mainline's bpftool gen skeleton -S adds: a keyring_id member
 * after the skeleton's links (outside the loader's context, whose layout
 * the loader's instructions know), and before bpf_load_and_run() the
 * arrays opts_sig (PKCS#7 over the instructions followed by the metadata,
 * the signer named by its subject key identifier) and opts_excl_hash
 * (SHA-256 of the instructions), and the options that pass them. With an
 * annotation, opts_annot and the options opts.lockdown_annot and
 * opts.lockdown_annot_sz too.
 *
 * Return: 0; -EINVAL when @text is not a light skeleton; -EEXIST when it
 * is signed already; other negative errnos.
 */
int bpf_annotate_lskel_sign(const char *text, size_t len,
			    const struct bpf_annotate_signer *signer, unsigned int flags,
			    char **out, size_t *out_len, char *err, size_t err_size)
{
	struct lskel l = { .text = text, .len = len };
	const char *links, *run, *lit, *lit_end;
	struct ba_buf bytes = {}, b = {};
	unsigned char *der = NULL;
	int ret, n, i, sig_len;
	__u8 hash[32];

	*out = NULL;
	ret = parse(&l, false, err, err_size);
	if (!ret && (flags & (BPF_ANNOTATE_LSKEL_ANNOT | BPF_ANNOTATE_LSKEL_KERNEL_READS)))
		ret = loader_annot(&l, flags & BPF_ANNOTATE_LSKEL_KERNEL_READS, err, err_size);
	if (!ret)
		ret = signed_bytes(&l, &bytes, err, err_size);
	if (!ret && ba_sha256(l.insns.data, l.insns.len, hash))
		ret = ba_fail(err, err_size, -EIO, "SHA-256 failed");
	if (ret)
		goto out;
	sig_len = ba_cms_sign(signer, bytes.data, bytes.len, true, &der, "the loader", err,
			      err_size);
	if (sig_len < 0) {
		ret = sig_len;
		goto out;
	}
	links = find_once(&l, links_end, &n) + strlen(links_end);
	run = find_once(&l, run_stmt, &n);
	if (run < links) {
		ret = ba_fail(err, err_size, -EINVAL,
			      "bpf_load_and_run(&opts) comes before the skeleton's links: not a light skeleton");
		goto out;
	}
	/* the instructions' literal, which loader_reads() may have changed */
	for (i = 0, lit = NULL; i < 2 && !lit; i++) {
		lit = find_once(&l, insns_open[i], &n);
		if (lit)
			lit += strlen(insns_open[i]);
	}
	lit_end = lit ? memchr(lit, '"', text + len - lit) : NULL;
	if (!lit_end || lit < links || lit_end > run) {
		ret = ba_fail(err, err_size, -EINVAL,
			      "the instruction literal is not between the links and bpf_load_and_run(&opts)");
		goto out;
	}
	ba_buf_put(&b, text, links - text);
	put_str(&b, "\t__s32 keyring_id;\n");
	ba_buf_put(&b, links, lit - links);
	put_hex(&b, l.insns.data, l.insns.len);
	ba_buf_put(&b, lit_end, run - lit_end);
	put_array(&b, "opts_sig", der, sig_len);
	put_array(&b, "opts_excl_hash", hash, sizeof(hash));
	if (l.annot.len)
		put_array(&b, "opts_annot", l.annot.data, l.annot.len);
	put_str(&b, "\topts.signature = (void *)opts_sig;\n"
		    "\topts.signature_sz = sizeof(opts_sig) - 1;\n"
		    "\topts.excl_prog_hash = (void *)opts_excl_hash;\n"
		    "\topts.excl_prog_hash_sz = sizeof(opts_excl_hash) - 1;\n"
		    "\topts.keyring_id = skel->keyring_id;\n");
	if (l.annot.len)
		put_str(&b, "\topts.lockdown_annot = (void *)opts_annot;\n"
			    "\topts.lockdown_annot_sz = sizeof(opts_annot) - 1;\n");
	ba_buf_put(&b, run, text + len - run);
	if (b.failed) {
		ret = ba_fail(err, err_size, -ENOMEM, "out of memory");
		goto out;
	}
	*out = (char *)b.data;
	*out_len = b.len;
	b.data = NULL;
out:
	OPENSSL_free(der);
	free(bytes.data);
	free(b.data);
	lskel_free(&l);
	return ret;
}

/**
 * bpf_annotate_lskel_verify() - verify a signed light skeleton offline
 * @text: the header
 * @len: its size
 * @cert_path: the certificate the kernel would trust
 * @levels: set to -1 without an annotation, else to the bits (1 << level)
 *	of the levels at which the annotation lets the loader load
 * @err: reason on failure
 * @err_size: size of @err
 *
 * Checks what the kernel checks at load: opts_excl_hash is the SHA-256 of
 * the instructions, and opts_sig verifies over the instructions followed
 * by the metadata, after the annotation when the header has one; the
 * header passes each of them, and the keyring the application sets, to
 * bpf_load_and_run().
 *
 * Return: 0; -ENODATA when the header is not signed; -EKEYREJECTED when
 * the hash or the signature does not match; other negative errnos.
 */
int bpf_annotate_lskel_verify(const char *text, size_t len, const char *cert_path,
			      int *levels, char *err, size_t err_size)
{
	static const char *const sig_open[] = {
		"opts_sig" ARRAY_OPEN,
	};
	static const char *const hash_open[] = {
		"opts_excl_hash" ARRAY_OPEN,
	};
	static const char *const annot_open[] = {
		"opts_annot" ARRAY_OPEN,
	};
	static const char annot_pass[] = "\topts.lockdown_annot = (void *)opts_annot;\n";
	static const char *const passes[] = {
		"\topts.signature = (void *)opts_sig;\n",
		"\topts.signature_sz = sizeof(opts_sig) - 1;\n",
		"\topts.excl_prog_hash = (void *)opts_excl_hash;\n",
		"\topts.excl_prog_hash_sz = sizeof(opts_excl_hash) - 1;\n",
		"\topts.keyring_id = skel->keyring_id;\n",
	};
	struct lskel l = { .text = text, .len = len };
	struct bpf_lockdown_annot parsed;
	struct ba_buf bytes = {};
	char why[512];
	__u8 hash[32];
	int ret, n, i;

	ret = parse(&l, true, err, err_size);
	if (!ret)
		ret = blob(&l, sig_open, 1, "signature", &l.sig, err, err_size);
	if (!ret)
		ret = blob(&l, hash_open, 1, "program hash", &l.excl_hash, err, err_size);
	*levels = -1;
	find_once(&l, annot_open[0], &n);
	if (!ret && n)
		ret = blob(&l, annot_open, 1, "annotation", &l.annot, err, err_size);
	if (!ret && n && bpf_lockdown_annot_parse(l.annot.data, l.annot.len, &parsed, why,
						  sizeof(why)))
		ret = ba_fail(err, err_size, -EBADMSG, "opts_annot: %s", why);
	if (!ret && n && !find_once(&l, annot_pass, &n))
		ret = ba_fail(err, err_size, -EKEYREJECTED,
			      "opts_annot is signed but not passed (opts.lockdown_annot)");
	for (i = 0; !ret && i < (int)ARRAY_SIZE(passes); i++)
		if (!find_once(&l, passes[i], &n))
			ret = ba_fail(err, err_size, -EINVAL, "the header does not pass %.*s once",
				      (int)strlen(passes[i]) - 2, passes[i] + 1);
	for (i = 0; !ret && l.annot.len && i < BPF_LOCKDOWN_LEVEL_NR; i++)
		if (bpf_lockdown_annot_may_load(&parsed, i))
			*levels = (*levels < 0 ? 0 : *levels) | 1 << i;
	if (!ret && l.annot.len && *levels < 0)
		*levels = 0;
	/* what sign-lskel --kernel-reads checks, whoever signed */
	if (!ret && *levels > 0 && (*levels & 1 << BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY) &&
	    loader_reads(&l, false, why, sizeof(why)))
		ret = ba_fail(err, err_size, -EPERM, "opts_annot loads at confidentiality: %s",
			      why);
	if (!ret && ba_sha256(l.insns.data, l.insns.len, hash))
		ret = ba_fail(err, err_size, -EIO, "SHA-256 failed");
	if (ret)
		goto out;
	if (l.excl_hash.len != sizeof(hash) || memcmp(l.excl_hash.data, hash, sizeof(hash))) {
		ret = ba_fail(err, err_size, -EKEYREJECTED,
			      "opts_excl_hash is not the SHA-256 of the instructions");
		goto out;
	}
	ret = signed_bytes(&l, &bytes, err, err_size);
	if (ret)
		goto out;
	ret = ba_cms_verify(l.sig.data, l.sig.len, cert_path, bytes.data, bytes.len, why,
			    sizeof(why));
	if (ret)
		ret = ba_fail(err, err_size, ret, "opts_sig: %s", why);
out:
	free(bytes.data);
	lskel_free(&l);
	return ret;
}
