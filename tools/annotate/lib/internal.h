/* SPDX-License-Identifier: GPL-2.0 */
/* bpf-annotate - library internals shared by its files */

#ifndef _BPF_ANNOTATE_INTERNAL_H
#define _BPF_ANNOTATE_INTERNAL_H

#include <stdio.h>

#include "bpf_annotate.h"
#include "annot.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

#define BA_LD_IMM64	(BPF_LD | BPF_IMM | BPF_DW)
#define BA_CALL		(BPF_JMP | BPF_CALL)

/* one-line reasons: bpf_lockdown_fail() of the shared annot.c, format-checked */
__attribute__((format(printf, 4, 5)))
int bpf_lockdown_fail(char *err, size_t err_size, int ret, const char *fmt, ...);
#define ba_fail bpf_lockdown_fail

/* a growable byte buffer; @failed is set when an allocation failed */
struct ba_buf {
	__u8 *data;
	size_t len;
	size_t cap;
	bool failed;
};

void ba_buf_put(struct ba_buf *b, const void *p, size_t len);
void ba_buf_u32(struct ba_buf *b, __u32 v);
void ba_buf_u64(struct ba_buf *b, __u64 v);
size_t ba_buf_begin(struct ba_buf *b, __u32 tag);
void ba_buf_end(struct ba_buf *b, size_t at);
void ba_buf_record(struct ba_buf *b, __u32 tag, const void *p, size_t len);

__u32 ba_get_le32(const __u8 *p);
__u64 ba_get_le64(const __u8 *p);
void *ba_memdup(const void *p, size_t len);
int ba_read_file(const char *path, void **buf, size_t *size, char *err, size_t err_size);
int ba_sha256(const void *p, size_t len, __u8 out[32]);

/* container.c: the two sections */
int ba_container_encode(const struct bpf_annotate_obj *obj, struct ba_buf *out);
int ba_container_decode(struct bpf_annotate_obj *obj, const __u8 *p, size_t size,
			char *err, size_t err_size);
int ba_sigs_encode(const struct bpf_annotate_obj *obj, struct ba_buf *out);
int ba_sigs_decode(struct bpf_annotate_obj *obj, const __u8 *p, size_t size,
		   char *err, size_t err_size);

/* elfio.c: checks, section lookup and the writer */
int ba_elf_check(const char *name, const void *buf, size_t size, char *err, size_t err_size);
int ba_elf_find(const void *buf, size_t size, const char *sec, const __u8 **data,
		size_t *len);
int ba_elf_write(const char *path, const void *buf, size_t size,
		 const struct ba_buf *sec, const struct ba_buf *sig, char *err,
		 size_t err_size);
int ba_elf_weaken(void *buf, size_t size, const char *sym_name);
int ba_elf_func_at(const void *buf, size_t size, const char *sym_name, char *func,
		   size_t func_size);

/* infer.c: what a program needs, and the annotation it gets */
#define BA_MAX_KFUNCS	BPF_LOCKDOWN_ANNOT_MAX_KFUNCS

/**
 * struct ba_grant - what one level of an annotation grants
 * @may_load: MAY_LOAD
 * @caps: BPF_LOCKDOWN_CAP_* bits
 * @helpers: helper bitmap
 * @kfuncs: kfunc names (pointing into the program's externs or the policy)
 * @kfunc_cnt: number of @kfuncs
 */
struct ba_grant {
	bool may_load;
	__u32 caps;
	__u64 helpers[BPF_LOCKDOWN_ANNOT_HELPER_WORDS];
	const char *kfuncs[BA_MAX_KFUNCS];
	__u32 kfunc_cnt;
};

/**
 * struct ba_needs - what the code of one program uses
 * @grant: the helpers, kfuncs and capabilities (@grant.may_load unused)
 * @cap_why: for each capability bit, why the code needs it
 */
struct ba_needs {
	struct ba_grant grant;
	const char *cap_why[32];
};

/* libbpf's flavor rule for CO-RE names (relo_core.c) */
size_t bpf_core_essential_name_len(const char *name);

struct btf;
__u32 ba_btf_skip_mods(const struct btf *btf, __u32 id);

bool ba_grant_has_kfunc(const struct ba_grant *g, const char *name);
int ba_grant_add_kfunc(struct ba_grant *g, const char *name);
void ba_grant_del_kfunc(struct ba_grant *g, const char *name);
int ba_needs(const struct bpf_annotate_obj *obj, const struct bpf_annotate_prog *prog,
	     struct ba_needs *n);
int ba_helper_insn(const struct bpf_annotate_prog *prog, int func_id);
const char *ba_cap_name(__u32 cap);
__u32 ba_cap_by_name(const char *name);
bool ba_ceiling_allows_helper(int func_id, unsigned int level);
bool ba_ceiling_allows_kfunc(const char *name, unsigned int level);
bool ba_ceiling_allows_cap(__u32 cap, unsigned int level);
int ba_prog_maps(const struct bpf_annotate_obj *obj, const struct bpf_annotate_prog *prog,
		 bool sealed_only, __u32 *idx, __u32 max);

/* policy.c: the policy file */
struct ba_policy;
int ba_policy_parse(const char *path, struct ba_policy **out, char *err, size_t err_size);
void ba_policy_free(struct ba_policy *pol);
int ba_policy_check_progs(const struct ba_policy *pol, const struct bpf_annotate_obj *obj,
			  char *err, size_t err_size);
int ba_policy_apply(const struct ba_policy *pol, const struct bpf_annotate_obj *obj,
		    const struct bpf_annotate_prog *prog, const struct ba_needs *needs,
		    struct ba_grant grant[BPF_LOCKDOWN_LEVEL_NR],
		    const struct bpf_annotate_seal_opts *opts, char *err, size_t err_size);

/* sig.c */
int ba_digest_prog(const struct bpf_annotate_obj *obj, const struct bpf_annotate_prog *prog,
		   __u8 out[32], char *err, size_t err_size);

void ba_prog_free(struct bpf_annotate_prog *p);
void ba_map_free(struct bpf_annotate_map *m);

#endif /* _BPF_ANNOTATE_INTERNAL_H */
