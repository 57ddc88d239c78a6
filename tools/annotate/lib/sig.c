// SPDX-License-Identifier: GPL-2.0
/* bpf-annotate - program digest, PKCS#7 signatures and offline verification */

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/unaligned.h>
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "annot.h"
#include "bpf_annotate.h"
#include "buf.h"
#include "util.h"
#include "digest.h"
#include "sig.h"

/*
 * The limits of bpf_annotate.h are the kernel's: a signature it takes
 * (include/uapi/linux/bpf_lockdown.h), the digest it computes (digest.h).
 */
static_assert(BPF_ANNOTATE_SIG_MAX == BPF_LOCKDOWN_SIG_MAX_SIZE,
	      "BPF_ANNOTATE_SIG_MAX is the kernel's BPF_LOCKDOWN_SIG_MAX_SIZE");
static_assert(BPF_ANNOTATE_DIGEST_SIZE == BPF_LOCKDOWN_DIGEST_SIZE,
	      "BPF_ANNOTATE_DIGEST_SIZE is the kernel's BPF_LOCKDOWN_DIGEST_SIZE");

/*
 * The digest input is filled exactly as the kernel fills it from the
 * BPF_PROG_LOAD attributes the loader passes (Documentation/bpf-annotate.rst,
 * "WHAT IS SIGNED"), and hashed by the kernel's own bpf_lockdown_digest().
 */
struct digest_input {
	struct bpf_lockdown_digest_input in;
	struct bpf_lockdown_annot annot;
	struct bpf_lockdown_digest_map *maps;
	__u8 (*sealed)[32];
	char prog_name[BPF_OBJ_NAME_LEN];
};

static int name_of(void *ctx, enum bpf_lockdown_digest_kind kind, __u32 insn_idx,
		   __u32 btf_id, __s32 btf_obj, const char **name)
{
	const struct bpf_annotate_prog *prog = ctx;
	__u32 i;

	for (i = 0; i < prog->extern_cnt; i++)
		if (prog->externs[i].insn_idx == insn_idx &&
		    prog->externs[i].is_ld64 == (kind == BPF_LOCKDOWN_DIGEST_KSYM)) {
			*name = prog->externs[i].name;
			return 0;
		}
	return -ENOENT;
}

static const struct bpf_lockdown_digest_ops name_ops = { .btf_name = name_of };

/* SHA-256 of an array map's contents: element 0 from @m->data, the rest zero */
static int sealed_sha256(const struct bpf_annotate_map *m, __u8 out[32])
{
	static const __u8 zero[256];
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned int n = 0;
	__u64 left;
	int ok;

	if (!md)
		return -ENOMEM;
	ok = EVP_DigestInit_ex(md, EVP_sha256(), NULL) &&
	     EVP_DigestUpdate(md, m->data, m->value_size);
	for (left = (__u64)m->value_size * (m->max_entries ? m->max_entries - 1 : 0);
	     ok && left; left -= left < sizeof(zero) ? left : sizeof(zero))
		ok = EVP_DigestUpdate(md, zero, left < sizeof(zero) ? left : sizeof(zero));
	ok = ok && EVP_DigestFinal_ex(md, out, &n) && n == 32;
	EVP_MD_CTX_free(md);
	return ok ? 0 : -EIO;
}

static void digest_input_free(struct digest_input *d)
{
	free(d->maps);
	free(d->sealed);
}

static int digest_input(const struct bpf_annotate_obj *obj, const struct bpf_annotate_prog *p,
			struct digest_input *d, char *err, size_t err_size)
{
	const struct bpf_annotate_map *m;
	__u32 i, n = 0, idx;
	char why[256];
	int ret;

	memset(d, 0, sizeof(*d));
	/* the kernel hashes the signed digest of the program being replaced */
	if (p->type == BPF_PROG_TYPE_EXT && !p->target_digest)
		return ba_fail(err, err_size, -EINVAL,
			       "%s: program %s: a freplace program is signed with the digest of its target program, which this object does not hold: seal it with --target SEALED-OBJ[:PROG]",
			       obj->name, p->name);
	if (p->annot) {
		ret = bpf_lockdown_annot_parse(p->annot, p->annot_size, &d->annot, why,
					       sizeof(why));
		if (ret)
			return ba_fail(err, err_size, ret, "%s: program %s: %s", obj->name, p->name,
				       why);
		d->in.annot = &d->annot;
		for (i = 0; i < d->annot.sealed_cnt; i++)
			if (bpf_lockdown_annot_sealed(&d->annot, i) + 1 > n)
				n = bpf_lockdown_annot_sealed(&d->annot, i) + 1;
	}
	for (i = 0; i + 1 < p->insn_cnt; i++) {
		if (p->insns[i].code != BPF_LOCKDOWN_LD_IMM64)
			continue;
		if ((p->insns[i].src_reg == BPF_PSEUDO_MAP_IDX ||
		     p->insns[i].src_reg == BPF_PSEUDO_MAP_IDX_VALUE) &&
		    (__u32)p->insns[i].imm + 1 > n)
			n = p->insns[i].imm + 1;
		i++;
	}
	if (n > obj->map_cnt)
		return ba_fail(err, err_size, -EINVAL,
			       "%s: program %s: references map %u, but the object has %u maps",
			       obj->name, p->name, n - 1, obj->map_cnt);
	if (n > BPF_LOCKDOWN_SIG_MAX_MAPS)
		return ba_fail(err, err_size, -E2BIG,
			       "%s: program %s: references fd_array slot %u; signed programs may use %u",
			       obj->name, p->name, n - 1, BPF_LOCKDOWN_SIG_MAX_MAPS);
	d->maps = calloc(n ? n : 1, sizeof(*d->maps));
	d->sealed = calloc(n ? n : 1, sizeof(*d->sealed));
	if (!d->maps || !d->sealed) {
		digest_input_free(d);
		return ba_fail(err, err_size, -ENOMEM, "%s: out of memory", obj->name);
	}
	for (i = 0; i < n; i++) {
		m = &obj->maps[i];
		d->maps[i].type = m->type;
		d->maps[i].key_size = m->key_size;
		d->maps[i].value_size = m->value_size;
		d->maps[i].max_entries = m->max_entries;
		d->maps[i].flags = m->map_flags;
	}
	for (i = 0; p->annot && i < d->annot.sealed_cnt; i++) {
		idx = bpf_lockdown_annot_sealed(&d->annot, i);
		m = &obj->maps[idx];
		if (m->type != BPF_MAP_TYPE_ARRAY || !m->data || !m->frozen ||
		    !(m->map_flags & BPF_F_RDONLY_PROG)) {
			digest_input_free(d);
			return ba_fail(err, err_size, -EINVAL,
				       "%s: program %s: map %s is sealed but is not a frozen read-only array with contents",
				       obj->name, p->name, m->name);
		}
		if (sealed_sha256(m, d->sealed[idx])) {
			digest_input_free(d);
			return ba_fail(err, err_size, -EIO, "%s: SHA-256 failed", obj->name);
		}
		d->maps[idx].sealed_sha256 = d->sealed[idx];
	}
	snprintf(d->prog_name, sizeof(d->prog_name), "%s", p->name);
	d->in.prog_type = p->type;
	d->in.expected_attach_type = p->expected_attach_type;
	d->in.attach_name = p->attach_name;
	d->in.prog_name = d->prog_name;
	d->in.license = p->license;
	d->in.insns = p->insns;
	d->in.insn_cnt = p->insn_cnt;
	d->in.maps = d->maps;
	d->in.map_cnt = n;
	d->in.btf = obj->btf;
	d->in.btf_size = obj->btf_size;
	d->in.func_info = p->func_info;
	d->in.func_info_cnt = p->func_info_cnt;
	d->in.func_info_rec_size = p->func_info_rec_size;
	d->in.line_info = p->line_info;
	d->in.line_info_cnt = p->line_info_cnt;
	d->in.line_info_rec_size = p->line_info_rec_size;
	d->in.core_relos = p->core_relos;
	d->in.core_relo_cnt = p->core_relo_cnt;
	d->in.core_relo_rec_size = p->core_relo_rec_size;
	d->in.target_digest = p->target_digest;
	return 0;
}

/**
 * bpf_annotate_digest() - the digest a program's signature covers
 * @obj: a sealed object
 * @prog: one of its programs
 * @digest: the 32-byte SHA-256 digest, as the kernel computes it
 * @err: reason on failure
 * @err_size: size of @err
 *
 * Return: 0 or a negative errno.
 */
int bpf_annotate_digest(const struct bpf_annotate_obj *obj, const struct bpf_annotate_prog *prog,
			__u8 digest[BPF_ANNOTATE_DIGEST_SIZE], char *err, size_t err_size)
{
	struct digest_input d;
	char why[256];
	int ret;

	ret = digest_input(obj, prog, &d, err, err_size);
	if (ret)
		return ret;
	ret = bpf_lockdown_digest(&d.in, &name_ops, (void *)prog, digest, why, sizeof(why));
	digest_input_free(&d);
	if (ret)
		return ba_fail(err, err_size, ret, "%s: program %s: %s", obj->name, prog->name, why);
	return 0;
}

/* --- manifest: one hash per component, to name what changed --------------- */

/* COMP_TARGET is in the manifest of freplace programs only */
enum {
	COMP_HEADER = 1, COMP_INSNS, COMP_MAPS, COMP_BTF, COMP_FUNC_INFO, COMP_LINE_INFO,
	COMP_CORE_RELOS, COMP_ANNOT, COMP_TARGET, COMP_NR,
};

static const char *const comp_names[COMP_NR] = {
	[COMP_HEADER] = "program type, attach target, name or license",
	[COMP_INSNS] = "instructions or kfunc/ksym names",
	[COMP_MAPS] = "map descriptors or sealed map contents",
	[COMP_BTF] = "BTF",
	[COMP_FUNC_INFO] = "func_info",
	[COMP_LINE_INFO] = "line_info",
	[COMP_CORE_RELOS] = "CO-RE relocations",
	[COMP_ANNOT] = "annotation",
	[COMP_TARGET] = "target program (its signed digest)",
};

static void put_str(struct ba_buf *b, const char *s)
{
	ba_buf_record(b, 0, s, s ? strlen(s) : 0);
}

static int manifest(const struct bpf_annotate_obj *obj, const struct bpf_annotate_prog *p,
		    struct ba_buf *out, char *err, size_t err_size)
{
	struct ba_buf c[COMP_NR] = { { 0 } };
	struct digest_input d;
	__u8 h[32];
	__u32 i;
	int ret;

	ret = digest_input(obj, p, &d, err, err_size);
	if (ret)
		return ret;
	ba_buf_u32(&c[COMP_HEADER], d.in.prog_type);
	ba_buf_u32(&c[COMP_HEADER], d.in.expected_attach_type);
	put_str(&c[COMP_HEADER], d.in.attach_name);
	put_str(&c[COMP_HEADER], d.in.prog_name);
	put_str(&c[COMP_HEADER], d.in.license);
	ba_buf_put(&c[COMP_INSNS], p->insns, (size_t)p->insn_cnt * 8);
	for (i = 0; i < p->extern_cnt; i++) {
		ba_buf_u32(&c[COMP_INSNS], p->externs[i].insn_idx);
		put_str(&c[COMP_INSNS], p->externs[i].name);
	}
	for (i = 0; i < d.in.map_cnt; i++) {
		ba_buf_put(&c[COMP_MAPS], &d.maps[i], 5 * sizeof(__u32));
		if (d.maps[i].sealed_sha256)
			ba_buf_put(&c[COMP_MAPS], d.maps[i].sealed_sha256, 32);
	}
	ba_buf_put(&c[COMP_BTF], obj->btf, obj->btf_size);
	ba_buf_put(&c[COMP_FUNC_INFO], p->func_info,
		   (size_t)p->func_info_cnt * p->func_info_rec_size);
	ba_buf_put(&c[COMP_LINE_INFO], p->line_info,
		   (size_t)p->line_info_cnt * p->line_info_rec_size);
	ba_buf_put(&c[COMP_CORE_RELOS], p->core_relos,
		   (size_t)p->core_relo_cnt * p->core_relo_rec_size);
	ba_buf_put(&c[COMP_ANNOT], p->annot, p->annot_size);
	ba_buf_put(&c[COMP_TARGET], p->target_digest,
		   p->target_digest ? BPF_ANNOTATE_DIGEST_SIZE : 0);
	digest_input_free(&d);
	for (i = 1; i < COMP_NR; i++) {
		if (i == COMP_TARGET && !p->target_digest)
			continue;
		if (c[i].failed || ba_sha256(c[i].data ? (void *)c[i].data : (void *)"", c[i].len, h))
			ret = -ENOMEM;
		ba_buf_u32(out, i);
		ba_buf_put(out, h, sizeof(h));
		free(c[i].data);
	}
	if (ret || out->failed)
		return ba_fail(err, err_size, -ENOMEM, "%s: out of memory", obj->name);
	return 0;
}

/* the components whose hash differs from the manifest, or NULL */
static void changed(const struct bpf_annotate_obj *obj, const struct bpf_annotate_prog *p,
		    char *buf, size_t size)
{
	struct ba_buf now = { 0 };
	const __u8 *a, *b;
	__u32 i, j, comp;
	size_t len = 0;

	buf[0] = '\0';
	if (!p->manifest || manifest(obj, p, &now, NULL, 0))
		goto out;
	for (i = 0; i + 36 <= p->manifest_size; i += 36) {
		a = (const __u8 *)p->manifest + i;
		comp = get_unaligned_le32(a);
		for (j = 0; j + 36 <= now.len; j += 36) {
			b = now.data + j;
			if (get_unaligned_le32(b) != comp || !memcmp(a + 4, b + 4, 32))
				continue;
			if (comp < COMP_NR && len < size)
				len += snprintf(buf + len, size - len, "%s%s", len ? ", " : "",
						comp_names[comp]);
		}
	}
out:
	free(now.data);
}

/* --- OpenSSL -------------------------------------------------------------- */

static const char *ossl_reason(void)
{
	unsigned long e = ERR_peek_last_error();
	const char *r = e ? ERR_reason_error_string(e) : NULL;

	return r ? r : "unknown OpenSSL error";
}

static X509 *read_cert(const char *path, char *err, size_t err_size, int *ret)
{
	BIO *bio = BIO_new_file(path, "rb");
	X509 *x = NULL;

	if (!bio) {
		*ret = ba_fail(err, err_size, -ENOENT, "%s: cannot open the certificate", path);
		return NULL;
	}
	x = PEM_read_bio_X509(bio, NULL, NULL, NULL);
	if (!x) {
		(void)BIO_reset(bio);
		x = d2i_X509_bio(bio, NULL);
	}
	BIO_free(bio);
	if (!x)
		*ret = ba_fail(err, err_size, -EINVAL, "%s: not a PEM or DER certificate", path);
	ERR_clear_error();
	return x;
}

static EVP_PKEY *read_key(const char *path, char *err, size_t err_size, int *ret)
{
	BIO *bio = BIO_new_file(path, "rb");
	EVP_PKEY *k;

	if (!bio) {
		*ret = ba_fail(err, err_size, -ENOENT, "%s: cannot open the private key", path);
		return NULL;
	}
	k = PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL);
	if (!k) {
		(void)BIO_reset(bio);
		k = d2i_PrivateKey_bio(bio, NULL);
	}
	BIO_free(bio);
	if (!k)
		*ret = ba_fail(err, err_size, -EINVAL, "%s: not a PEM or DER private key", path);
	ERR_clear_error();
	return k;
}

/* attach a signature and the manifest of the current components */
static int set_sig(struct bpf_annotate_obj *obj, struct bpf_annotate_prog *prog,
		   const void *sig, __u32 size, char *err, size_t err_size)
{
	struct ba_buf m = { 0 };
	void *copy;
	int ret;

	ret = manifest(obj, prog, &m, err, err_size);
	if (ret)
		return ret;
	copy = ba_memdup(sig, size);
	if (!copy) {
		free(m.data);
		return ba_fail(err, err_size, -ENOMEM, "%s: out of memory", obj->name);
	}
	free(prog->sig);
	free(prog->manifest);
	prog->sig = copy;
	prog->sig_size = size;
	prog->manifest = m.data;
	prog->manifest_size = m.len;
	return 0;
}

/**
 * struct bpf_annotate_signer - a private key and its certificate, parsed once
 * @key: the private key
 * @cert: its certificate
 */
struct bpf_annotate_signer {
	EVP_PKEY *key;
	X509 *cert;
};

/**
 * bpf_annotate_signer_open() - read a private key and its certificate
 * @key_path: private key (PEM or DER; RSA or ECDSA)
 * @cert_path: its X.509 certificate (PEM or DER)
 * @signerp: the signer, for bpf_annotate_sign_with(); free it with
 *	bpf_annotate_signer_free()
 * @err: reason on failure
 * @err_size: size of @err
 *
 * Reading and checking the key once lets a caller sign many programs
 * without parsing the files again for each.
 *
 * Return: 0; -ENOENT when a file cannot be opened; -EINVAL when it holds
 * no key or certificate; -EKEYREJECTED when they do not match; -ENOMEM.
 */
int bpf_annotate_signer_open(const char *key_path, const char *cert_path,
			     struct bpf_annotate_signer **signerp, char *err, size_t err_size)
{
	struct bpf_annotate_signer *s;
	int ret = 0;

	*signerp = NULL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return ba_fail(err, err_size, -ENOMEM, "out of memory");
	s->cert = read_cert(cert_path, err, err_size, &ret);
	if (s->cert)
		s->key = read_key(key_path, err, err_size, &ret);
	if (s->cert && s->key && X509_check_private_key(s->cert, s->key) != 1)
		ret = ba_fail(err, err_size, -EKEYREJECTED,
			      "%s: the private key does not match the certificate %s", key_path,
			      cert_path);
	ERR_clear_error();
	if (ret) {
		bpf_annotate_signer_free(s);
		return ret;
	}
	*signerp = s;
	return 0;
}

/**
 * bpf_annotate_signer_free() - free a signer
 * @signer: from bpf_annotate_signer_open(), or NULL
 */
void bpf_annotate_signer_free(struct bpf_annotate_signer *signer)
{
	if (!signer)
		return;
	EVP_PKEY_free(signer->key);
	X509_free(signer->cert);
	free(signer);
}

/**
 * ba_cms_sign() - a detached PKCS#7 (CMS) signature
 * @signer: from bpf_annotate_signer_open()
 * @p: the signed bytes
 * @len: their number
 * @key_id: name the signer by its subject key identifier, as mainline's
 *	bpftool does, instead of by issuer and serial number
 * @der: the DER signature on success, freed with OPENSSL_free()
 * @what: what is signed, for messages
 * @err: reason on failure
 * @err_size: size of @err
 *
 * SHA-256, no certificates, no signed attributes, binary content, as
 * scripts/sign-file.c makes them: with an RSA key the signature is the same
 * every time.
 *
 * Return: the size of *@der, or a negative errno.
 */
int ba_cms_sign(const struct bpf_annotate_signer *signer, const void *p, size_t len,
		bool key_id, unsigned char **der, const char *what, char *err, size_t err_size)
{
	const unsigned int flags = CMS_NOCERTS | CMS_BINARY | CMS_DETACHED;
	unsigned int signer_flags = flags | CMS_NOSMIMECAP | CMS_NOATTR;
	CMS_ContentInfo *cms = NULL;
	BIO *data;
	int n = 0;

	if (key_id)
		signer_flags |= CMS_USE_KEYID;
	*der = NULL;
	data = BIO_new_mem_buf(p, len);
	cms = data ? CMS_sign(NULL, NULL, NULL, NULL, flags | CMS_PARTIAL | CMS_STREAM) : NULL;
	if (cms && CMS_add1_signer(cms, signer->cert, signer->key, EVP_sha256(), signer_flags) &&
	    CMS_final(cms, data, NULL, flags) == 1)
		n = i2d_CMS_ContentInfo(cms, der);
	if (n <= 0)
		n = ba_fail(err, err_size, -EIO, "%s: signing failed: %s", what, ossl_reason());
	else if (n > BPF_ANNOTATE_SIG_MAX)
		n = ba_fail(err, err_size, -E2BIG,
			    "%s: the signature has %d bytes, more than the kernel's %d", what, n,
			    BPF_ANNOTATE_SIG_MAX);
	if (n < 0) {
		OPENSSL_free(*der);
		*der = NULL;
	}
	CMS_ContentInfo_free(cms);
	BIO_free(data);
	ERR_clear_error();
	return n;
}

/**
 * ba_cms_verify() - verify a detached PKCS#7 signature with one certificate
 * @sig: the DER signature
 * @sig_size: its size
 * @cert_path: the certificate the kernel would trust
 * @p: the signed bytes
 * @len: their number
 * @err: reason on failure
 * @err_size: size of @err
 *
 * The certificate's own chain is not checked: the kernel trusts it by
 * being in its keyring.
 *
 * Return: 0; -EKEYREJECTED when the signature does not verify, with the
 * reason in @err; -EBADMSG when it is not a DER PKCS#7 structure; other
 * negative errnos.
 */
int ba_cms_verify(const void *sig, size_t sig_size, const char *cert_path, const void *p,
		  size_t len, char *err, size_t err_size)
{
	const unsigned char *q = sig;
	STACK_OF(X509) *certs = NULL;
	CMS_ContentInfo *cms = NULL;
	X509 *cert = NULL;
	BIO *data = NULL;
	int ret;

	cert = read_cert(cert_path, err, err_size, &ret);
	if (!cert)
		return ret;
	cms = d2i_CMS_ContentInfo(NULL, &q, sig_size);
	certs = sk_X509_new_null();
	data = BIO_new_mem_buf(p, len);
	if (!cms)
		ret = ba_fail(err, err_size, -EBADMSG, "not a DER PKCS#7 structure");
	else if (!certs || !data || !sk_X509_push(certs, cert))
		ret = ba_fail(err, err_size, -ENOMEM, "out of memory");
	else if (CMS_verify(cms, certs, NULL, data, NULL,
			    CMS_BINARY | CMS_DETACHED | CMS_NO_SIGNER_CERT_VERIFY) == 1)
		ret = 0;
	else
		ret = ba_fail(err, err_size, -EKEYREJECTED, "does not verify with %s: %s",
			      cert_path, ossl_reason());
	sk_X509_free(certs);
	CMS_ContentInfo_free(cms);
	BIO_free(data);
	X509_free(cert);
	ERR_clear_error();
	return ret;
}

/**
 * bpf_annotate_sign_with() - sign one program with an open signer
 * @obj: a sealed object
 * @prog: the program
 * @signer: from bpf_annotate_signer_open()
 * @err: reason on failure
 * @err_size: size of @err
 *
 * Makes a detached PKCS#7 (CMS) signature over the 32 digest bytes as
 * scripts/sign-file.c does: SHA-256, no certificates, no signed
 * attributes, binary content, the signer identified by issuer and serial
 * number. With an RSA key the signature, and so the signed object, is the
 * same every time.
 *
 * Return: 0 or a negative errno.
 */
int bpf_annotate_sign_with(struct bpf_annotate_obj *obj, struct bpf_annotate_prog *prog,
			   const struct bpf_annotate_signer *signer, char *err, size_t err_size)
{
	__u8 digest[BPF_ANNOTATE_DIGEST_SIZE];
	unsigned char *der = NULL;
	char what[256];
	int ret, len;

	ret = bpf_annotate_digest(obj, prog, digest, err, err_size);
	if (ret)
		return ret;
	snprintf(what, sizeof(what), "%s: program %s", obj->name, prog->name);
	len = ba_cms_sign(signer, digest, sizeof(digest), false, &der, what, err, err_size);
	if (len < 0)
		return len;
	ret = set_sig(obj, prog, der, len, err, err_size);
	OPENSSL_free(der);
	return ret;
}

/**
 * bpf_annotate_sign() - sign one program
 * @obj: a sealed object
 * @prog: the program
 * @key_path: private key (PEM or DER; RSA or ECDSA)
 * @cert_path: its X.509 certificate (PEM or DER)
 * @err: reason on failure
 * @err_size: size of @err
 *
 * bpf_annotate_signer_open(), bpf_annotate_sign_with() and
 * bpf_annotate_signer_free() in one call; to sign many programs, open the
 * signer once instead.
 *
 * Return: 0 or a negative errno.
 */
int bpf_annotate_sign(struct bpf_annotate_obj *obj, struct bpf_annotate_prog *prog,
		      const char *key_path, const char *cert_path, char *err, size_t err_size)
{
	struct bpf_annotate_signer *signer;
	__u8 digest[BPF_ANNOTATE_DIGEST_SIZE];
	int ret;

	/* an object that cannot be signed is named before the key */
	ret = bpf_annotate_digest(obj, prog, digest, err, err_size);
	if (ret)
		return ret;
	ret = bpf_annotate_signer_open(key_path, cert_path, &signer, err, err_size);
	if (ret)
		return ret;
	ret = bpf_annotate_sign_with(obj, prog, signer, err, err_size);
	bpf_annotate_signer_free(signer);
	return ret;
}

/**
 * bpf_annotate_attach_sig() - add a signature made elsewhere
 * @obj: a sealed object
 * @prog: the program
 * @sig: a DER PKCS#7 signature over the program's digest
 * @sig_size: size of @sig
 * @err: reason on failure
 * @err_size: size of @err
 *
 * The signature is only checked to be a DER CMS structure of at most
 * %BPF_ANNOTATE_SIG_MAX bytes; use bpf_annotate_verify() to check it.
 *
 * Return: 0, -EBADMSG, -E2BIG or -ENOMEM.
 */
int bpf_annotate_attach_sig(struct bpf_annotate_obj *obj, struct bpf_annotate_prog *prog,
			    const void *sig, __u32 sig_size, char *err, size_t err_size)
{
	const unsigned char *p = sig;
	CMS_ContentInfo *cms;

	if (sig_size > BPF_ANNOTATE_SIG_MAX)
		return ba_fail(err, err_size, -E2BIG,
			       "%s: program %s: the signature has %u bytes, more than the kernel's %d",
			       obj->name, prog->name, sig_size, BPF_ANNOTATE_SIG_MAX);
	cms = d2i_CMS_ContentInfo(NULL, &p, sig_size);
	if (!cms || p != (const unsigned char *)sig + sig_size) {
		CMS_ContentInfo_free(cms);
		ERR_clear_error();
		return ba_fail(err, err_size, -EBADMSG,
			       "%s: program %s: the signature is not a DER PKCS#7 structure",
			       obj->name, prog->name);
	}
	CMS_ContentInfo_free(cms);
	return set_sig(obj, prog, sig, sig_size, err, err_size);
}

/**
 * bpf_annotate_verify() - verify a program's signature offline
 * @obj: a sealed object
 * @prog: the program
 * @cert_path: the certificate the kernel would trust
 * @err: reason on failure, naming the components that changed since the
 *	signature was added when they can be told
 * @err_size: size of @err
 *
 * Recomputes the digest and verifies the signature over it with OpenSSL
 * (the certificate's own chain is not checked: the kernel trusts it by
 * being in its keyring).
 *
 * Return: 0; -ENODATA when the program is not signed; -EKEYREJECTED when
 * the signature does not verify; other negative errnos.
 */
int bpf_annotate_verify(const struct bpf_annotate_obj *obj, const struct bpf_annotate_prog *prog,
			const char *cert_path, char *err, size_t err_size)
{
	__u8 digest[BPF_ANNOTATE_DIGEST_SIZE];
	char what[256], why[512];
	int ret;

	if (!prog->sig)
		return ba_fail(err, err_size, -ENODATA, "%s: program %s: not signed", obj->name,
			       prog->name);
	ret = bpf_annotate_digest(obj, prog, digest, err, err_size);
	if (ret)
		return ret;
	ret = ba_cms_verify(prog->sig, prog->sig_size, cert_path, digest, sizeof(digest), why,
			    sizeof(why));
	if (ret == -EBADMSG)
		return ba_fail(err, err_size, ret,
			       "%s: program %s: the signature is not a DER PKCS#7 structure",
			       obj->name, prog->name);
	if (ret != -EKEYREJECTED)
		return ret ? ba_fail(err, err_size, ret, "%s", why) : 0;
	changed(obj, prog, what, sizeof(what));
	if (what[0])
		return ba_fail(err, err_size, ret,
			       "%s: program %s: the signature does not match: %s changed since it was signed",
			       obj->name, prog->name, what);
	return ba_fail(err, err_size, ret, "%s: program %s: the signature %s", obj->name,
		       prog->name, why);
}
