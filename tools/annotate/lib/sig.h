/* SPDX-License-Identifier: GPL-2.0 */
/* bpf-annotate - PKCS#7 signatures, shared by sealed objects and light skeletons */

#ifndef _BPF_ANNOTATE_SIG_H
#define _BPF_ANNOTATE_SIG_H

#include <stdbool.h>
#include <stddef.h>

struct bpf_annotate_signer;

int ba_cms_sign(const struct bpf_annotate_signer *signer, const void *p, size_t len,
		bool key_id, unsigned char **der, const char *what, char *err, size_t err_size);
int ba_cms_verify(const void *sig, size_t sig_size, const char *cert_path, const void *p,
		  size_t len, char *err, size_t err_size);

#endif /* _BPF_ANNOTATE_SIG_H */
