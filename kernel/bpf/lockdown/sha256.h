/* SPDX-License-Identifier: GPL-2.0 */
/*
 * BPF lockdown - the SHA-256 of the digest and of sealed maps.
 *
 * In the kernel, the crypto API's "sha256": the fastest implementation the
 * CPU has (SHA-NI, AVX2, ...), or lib/crypto's generic C when the crypto API
 * cannot give one at boot. In user space (bpf-annotate, its tests, the
 * selftests and the fuzzers, which compile digest.c unchanged), the
 * lib/crypto interface over OpenSSL (tools/annotate/include/crypto/sha2.h).
 * Every implementation computes the same function; which one ran is never
 * part of what is hashed.
 */
#ifndef _BPF_LOCKDOWN_SHA256_H
#define _BPF_LOCKDOWN_SHA256_H

#include <crypto/sha2.h>

#ifdef __KERNEL__
#include <crypto/hash.h>

/* the descriptor context of every "sha256" of 6.12 is a struct sha256_state */
#define BPF_LOCKDOWN_SHA256_DESC_MAX	sizeof(struct sha256_state)

struct bpf_lockdown_sha256 {
	union {
		struct sha256_state lib;
		u8 desc[sizeof(struct shash_desc) + BPF_LOCKDOWN_SHA256_DESC_MAX]
			__aligned(__alignof__(struct shash_desc));
	};
	bool shash;
};

void bpf_lockdown_sha256_init(struct bpf_lockdown_sha256 *s);
void bpf_lockdown_sha256_update(struct bpf_lockdown_sha256 *s, const u8 *data,
				unsigned int len);
void bpf_lockdown_sha256_final(struct bpf_lockdown_sha256 *s, u8 out[SHA256_DIGEST_SIZE]);
#else
struct bpf_lockdown_sha256 {
	struct sha256_state lib;
};

static inline void bpf_lockdown_sha256_init(struct bpf_lockdown_sha256 *s)
{
	sha256_init(&s->lib);
}

static inline void bpf_lockdown_sha256_update(struct bpf_lockdown_sha256 *s,
					      const u8 *data, unsigned int len)
{
	sha256_update(&s->lib, data, len);
}

static inline void bpf_lockdown_sha256_final(struct bpf_lockdown_sha256 *s,
					     u8 out[SHA256_DIGEST_SIZE])
{
	sha256_final(&s->lib, out);
}
#endif

#endif /* _BPF_LOCKDOWN_SHA256_H */
