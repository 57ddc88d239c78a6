/* SPDX-License-Identifier: GPL-2.0 */
/*
 * BPF lockdown - the kernel's SHA-256 library interface (include/crypto/sha2.h)
 * in user space, over OpenSSL's SHA-256, for the shared sources of
 * kernel/bpf/lockdown/ built into bpf-annotate, its tests, the selftests and
 * the fuzzers. Only what those sources use.
 *
 * The kernel's functions cannot fail. OpenSSL's report failure, which its
 * SHA-256 never does: one that fails is a broken libcrypto, and the process
 * aborts rather than hash on.
 */
#ifndef _BPF_LOCKDOWN_SHIM_CRYPTO_SHA2_H
#define _BPF_LOCKDOWN_SHIM_CRYPTO_SHA2_H

/* SHA256_Init() and the rest are deprecated in OpenSSL 3.0, not removed */
#ifndef OPENSSL_SUPPRESS_DEPRECATED
#define OPENSSL_SUPPRESS_DEPRECATED
#endif
#include <stdio.h>
#include <stdlib.h>
#include <openssl/sha.h>
#include <linux/build_bug.h>
#include <linux/string.h>
#include <linux/types.h>

#define SHA256_DIGEST_SIZE	32
#define SHA256_BLOCK_SIZE	64

static_assert(SHA256_DIGEST_SIZE == SHA256_DIGEST_LENGTH, "OpenSSL's SHA-256");

struct sha256_state {
	SHA256_CTX ctx;
};

static inline void sha256_check(int ret, const char *what)
{
	if (ret == 1)
		return;
	fprintf(stderr, "libcrypto: %s failed\n", what);
	abort();
}

static inline void sha256_init(struct sha256_state *sctx)
{
	sha256_check(SHA256_Init(&sctx->ctx), "SHA256_Init");
}

static inline void sha256_update(struct sha256_state *sctx, const u8 *data, unsigned int len)
{
	sha256_check(SHA256_Update(&sctx->ctx, data, len), "SHA256_Update");
}

/* as the kernel's, leaves the state zeroed */
static inline void sha256_final(struct sha256_state *sctx, u8 *out)
{
	sha256_check(SHA256_Final(out, &sctx->ctx), "SHA256_Final");
	memzero_explicit(sctx, sizeof(*sctx));
}

#endif /* _BPF_LOCKDOWN_SHIM_CRYPTO_SHA2_H */
