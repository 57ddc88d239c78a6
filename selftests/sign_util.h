/* SPDX-License-Identifier: GPL-2.0 */
/* BPF lockdown selftests and benchmark - signing a digest with a test key */
#ifndef _SIGN_UTIL_H
#define _SIGN_UTIL_H

#include <stddef.h>
#include <string.h>
#include <linux/types.h>
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

/*
 * Detached PKCS#7 over @len bytes at @data with the key and certificate of
 * two PEM files, as scripts/sign-file.c makes them. *@out_size is the size
 * of @out on entry and of the signature on return. Returns 0 or -1.
 */
static inline int ld_cms_sign(const char *key_path, const char *cert_path,
			      const void *data, size_t len, __u8 *out, __u32 *out_size)
{
	unsigned int flags = CMS_NOCERTS | CMS_PARTIAL | CMS_BINARY | CMS_DETACHED |
			     CMS_STREAM;
	CMS_ContentInfo *cms = NULL;
	EVP_PKEY *key = NULL;
	X509 *cert = NULL;
	__u8 *der = NULL;
	BIO *b, *in;
	int ret = -1;

	b = BIO_new_file(key_path, "r");
	if (b)
		key = PEM_read_bio_PrivateKey(b, NULL, NULL, NULL);
	BIO_free(b);
	b = BIO_new_file(cert_path, "r");
	if (b)
		cert = PEM_read_bio_X509(b, NULL, NULL, NULL);
	BIO_free(b);
	in = BIO_new_mem_buf(data, len);
	if (key && cert && in)
		cms = CMS_sign(NULL, NULL, NULL, NULL, flags);
	if (cms && CMS_add1_signer(cms, cert, key, EVP_sha256(),
				   CMS_NOCERTS | CMS_BINARY | CMS_NOSMIMECAP | CMS_NOATTR) &&
	    CMS_final(cms, in, NULL, CMS_NOCERTS | CMS_BINARY))
		ret = i2d_CMS_ContentInfo(cms, &der);
	if (ret > 0 && (__u32)ret <= *out_size) {
		memcpy(out, der, ret);
		*out_size = ret;
		ret = 0;
	} else {
		ret = -1;
	}
	OPENSSL_free(der);
	CMS_ContentInfo_free(cms);
	BIO_free(in);
	X509_free(cert);
	EVP_PKEY_free(key);
	return ret;
}

#endif /* _SIGN_UTIL_H */
