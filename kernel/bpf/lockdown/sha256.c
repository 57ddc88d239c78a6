// SPDX-License-Identifier: GPL-2.0
/*
 * BPF lockdown - SHA-256 through the crypto API
 *
 * lib/crypto's sha256_update() is generic C in 6.12; the crypto API's
 * "sha256" is the CPU's own (sha256-ni, -avx2, -avx, -ssse3 on x86 when
 * CONFIG_CRYPTO_SHA256_SSSE3 is set). The digest of a signed program and the
 * contents of its sealed maps are hashed at every signed load, about 1 MB
 * for a program of 100,000 instructions with its line_info, so the hash is
 * most of what a large signed load costs. The transform is allocated once at
 * boot and shared: an shash transform holds no state, each hash has its
 * descriptor on the caller's stack.
 */

#include <linux/bug.h>
#include <linux/cache.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/printk.h>
#include <linux/string.h>

#include "sha256.h"

static struct crypto_shash *bpf_lockdown_sha256_tfm __ro_after_init;

static inline struct shash_desc *sha256_desc(struct bpf_lockdown_sha256 *s)
{
	return (struct shash_desc *)s->desc;
}

void bpf_lockdown_sha256_init(struct bpf_lockdown_sha256 *s)
{
	struct shash_desc *desc = sha256_desc(s);

	s->shash = !!bpf_lockdown_sha256_tfm;
	if (!s->shash) {
		sha256_init(&s->lib);
		return;
	}
	desc->tfm = bpf_lockdown_sha256_tfm;
	/* cannot fail for an unkeyed hash */
	WARN_ON_ONCE(crypto_shash_init(desc));
}

void bpf_lockdown_sha256_update(struct bpf_lockdown_sha256 *s, const u8 *data,
				unsigned int len)
{
	if (!s->shash) {
		sha256_update(&s->lib, data, len);
		return;
	}
	WARN_ON_ONCE(crypto_shash_update(sha256_desc(s), data, len));
}

/*
 * A failure of the crypto API (none is known for "sha256") leaves @out
 * zeroed: no signature verifies against it, so the load is refused.
 */
void bpf_lockdown_sha256_final(struct bpf_lockdown_sha256 *s, u8 out[SHA256_DIGEST_SIZE])
{
	if (!s->shash) {
		sha256_final(&s->lib, out);
		return;
	}
	if (WARN_ON_ONCE(crypto_shash_final(sha256_desc(s), out)))
		memset(out, 0, SHA256_DIGEST_SIZE);
	shash_desc_zero(sha256_desc(s));
}

static int __init bpf_lockdown_sha256_setup(void)
{
	struct crypto_shash *tfm;

	tfm = crypto_alloc_shash("sha256", 0, 0);
	if (IS_ERR(tfm)) {
		pr_info("bpf_lockdown: sha256: crypto API unavailable (%ld), using lib/crypto\n",
			PTR_ERR(tfm));
		return 0;
	}
	if (crypto_shash_descsize(tfm) > BPF_LOCKDOWN_SHA256_DESC_MAX ||
	    crypto_shash_digestsize(tfm) != SHA256_DIGEST_SIZE) {
		pr_info("bpf_lockdown: sha256: %s does not fit, using lib/crypto\n",
			crypto_shash_driver_name(tfm));
		crypto_free_shash(tfm);
		return 0;
	}
	bpf_lockdown_sha256_tfm = tfm;
	pr_info("bpf_lockdown: sha256: %s\n", crypto_shash_driver_name(tfm));
	return 0;
}
late_initcall(bpf_lockdown_sha256_setup);
