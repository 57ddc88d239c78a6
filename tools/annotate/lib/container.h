/* SPDX-License-Identifier: GPL-2.0 */
/* bpf-annotate - the two sections of a sealed object, encoded and decoded */

#ifndef _BPF_ANNOTATE_CONTAINER_H
#define _BPF_ANNOTATE_CONTAINER_H

#include "bpf_annotate.h"
#include "buf.h"

int ba_container_encode(const struct bpf_annotate_obj *obj, struct ba_buf *out);
int ba_container_decode(struct bpf_annotate_obj *obj, const __u8 *p, size_t size,
			char *err, size_t err_size);
int ba_sigs_encode(const struct bpf_annotate_obj *obj, struct ba_buf *out);
int ba_sigs_decode(struct bpf_annotate_obj *obj, const __u8 *p, size_t size,
		   char *err, size_t err_size);

#endif /* _BPF_ANNOTATE_CONTAINER_H */
