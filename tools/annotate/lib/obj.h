/* SPDX-License-Identifier: GPL-2.0 */
/* bpf-annotate - objects in memory: freeing their parts */

#ifndef _BPF_ANNOTATE_OBJ_H
#define _BPF_ANNOTATE_OBJ_H

#include "bpf_annotate.h"

void ba_prog_free(struct bpf_annotate_prog *p);
void ba_map_free(struct bpf_annotate_map *m);

#endif /* _BPF_ANNOTATE_OBJ_H */
