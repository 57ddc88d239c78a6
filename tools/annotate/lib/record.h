/* SPDX-License-Identifier: GPL-2.0 */
/* bpf-annotate - record what libbpf would load, without loading it */

#ifndef _BPF_ANNOTATE_RECORD_H
#define _BPF_ANNOTATE_RECORD_H

/*
 * bpf_annotate_record() opens a clang-built object with libbpf, switches
 * it to libbpf's loader-generation mode (bpf_object__gen_loader()) and
 * calls bpf_object__load(). In that mode libbpf links subprograms, turns
 * map references into fd_array indices, keeps CO-RE relocations as records
 * and makes no syscall: instead it calls the bpf_gen__*() functions of
 * bpf_gen_internal.h, which record.c implements to fill the structures
 * below (declared in bpf_annotate.h):
 *
 *   struct bpf_annotate_obj     the object: BTF blob, maps, programs
 *   struct bpf_annotate_map     one map: BPF_MAP_CREATE fields, contents
 *   struct bpf_annotate_prog    one program: BPF_PROG_LOAD fields, final
 *                               instructions, func_info, line_info, CO-RE
 *                               records, kfunc/ksym names, attach target
 *
 * What cannot be signed is refused, with the object, the program and the
 * reason: typeless ksyms (their address varies per boot), .kconfig externs
 * (they vary per kernel build), freplace programs whose section names no
 * function, programs set to attach to another BPF program, struct_ops and
 * arena maps and programs, map-in-map, pinned maps, device-bound programs,
 * and BTF the kernel refuses (unnamed parameters). scan and audit record them too
 * (BA_RECORD_INSPECT) and report why seal would refuse the object: struct_ops
 * and arena maps are then not created, inner maps not recorded, and
 * programs whose section names no type skipped.
 */
#include "bpf_annotate.h"

/* ba_record() flags */
#define BA_RECORD_EMPTY_OK	(1U << 0)	/* an object without programs */
#define BA_RECORD_INSPECT	(1U << 1)	/* record what cannot be signed, note why */

int ba_record(const char *path, struct bpf_annotate_obj **objp, unsigned int flags,
	      char *note, size_t note_size, char *err, size_t err_size);

#endif /* _BPF_ANNOTATE_RECORD_H */
