// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown - libFuzzer harness for the signed digest */

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "fuzz_input.h"

#define check(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "check failed: %s\n", #cond);		\
		abort();						\
	}								\
} while (0)

#define MAX_MAPS 255

struct cursor {
	const uint8_t *p;
	size_t left;
};

/* Take up to @want bytes; returns how many were taken. */
static size_t take(struct cursor *c, void *dst, size_t want)
{
	size_t n = want < c->left ? want : c->left;

	memcpy(dst, c->p, n);
	c->p += n;
	c->left -= n;
	return n;
}

/* Heap copies of exact size, so that ASan sees every overread. */
static void *take_copy(struct cursor *c, size_t want, size_t *got)
{
	size_t n = want < c->left ? want : c->left;
	void *p = malloc(n ? n : 1);

	if (p)
		take(c, p, n);
	*got = p ? n : 0;
	return p;
}

static char *take_string(struct cursor *c, size_t want)
{
	size_t n;
	char *s = take_copy(c, want, &n);
	char *z;

	if (!s)
		return NULL;
	z = realloc(s, n + 1);
	if (!z) {
		free(s);
		return NULL;
	}
	z[n] = '\0';
	return z;
}

struct resolver {
	bool constant;		/* every ID has the same name */
	char buf[600];
};

static int btf_name(void *ctx, enum bpf_lockdown_digest_kind kind, __u32 insn_idx,
		    __u32 btf_id, __s32 btf_obj, const char **name)
{
	struct resolver *r = ctx;

	if (r->constant) {
		*name = kind == BPF_LOCKDOWN_DIGEST_KFUNC ? "bpf_kfunc" : "bpf_ksym";
		return 0;
	}
	if (btf_id % 7 == 0)
		return -ENOENT;
	if (btf_id % 11 == 0) {
		*name = "";
		return 0;
	}
	if (btf_id % 13 == 0) {
		memset(r->buf, 'a', sizeof(r->buf) - 1);
		r->buf[sizeof(r->buf) - 1] = '\0';
	} else {
		snprintf(r->buf, sizeof(r->buf), "%s_%x_%x_%u",
			 kind == BPF_LOCKDOWN_DIGEST_KFUNC ? "kfunc" : "ksym",
			 btf_id, (__u32)btf_obj, insn_idx % 3);
	}
	*name = r->buf;
	return 0;
}

static const struct bpf_lockdown_digest_ops ops = { .btf_name = btf_name };

static bool known_error(int ret)
{
	return ret == -EINVAL || ret == -E2BIG || ret == -ENOENT;
}

static void run(const struct bpf_lockdown_digest_input *in, const struct bpf_lockdown_digest_ops *o,
		struct resolver *r, int *ret, __u8 *out, char *err)
{
	memset(err, 'X', 256);
	*ret = bpf_lockdown_digest(in, o, r, out, err, 256);
	check(*ret == 0 || known_error(*ret));
	check(strlen(err) < 256);
	check(*ret ? err[0] != '\0' : err[0] == '\0');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const __u8 content[32] = { 1, 2, 3 };
	static const __u8 target[32] = { 0xa5, 4, 5, 6 };
	__u8 target2[32];
	struct bpf_lockdown_digest_map maps[MAX_MAPS];
	struct bpf_lockdown_digest_input in = { 0 };
	struct resolver r1 = { 0 }, r2 = { 0 };
	struct cursor c = { data, size };
	struct bpf_lockdown_annot annot;
	struct fuzz_digest_hdr h = { 0 };
	struct bpf_insn *insns, *alt;
	__u8 out1[32], out2[32];
	char err1[256], err2[256];
	void *btf, *fi, *li, *cr, *ab;
	char *an, *pn, *lic;
	size_t n, i;
	int ret1, ret2;

	take(&c, &h, sizeof(h));
	an = take_string(&c, h.attach_name_len);
	pn = take_string(&c, h.prog_name_len);
	lic = take_string(&c, h.license_len);
	insns = take_copy(&c, (size_t)h.insn_cnt * 8, &n);
	in.insn_cnt = n / 8;
	for (i = 0; i < h.map_cnt && c.left >= FUZZ_MAP_SIZE; i++) {
		__u8 m[FUZZ_MAP_SIZE];

		take(&c, m, sizeof(m));
		memcpy(&maps[i], m, 20);
		maps[i].sealed_sha256 = m[20] & 1 ? content : NULL;
	}
	in.map_cnt = i;
	btf = take_copy(&c, h.btf_size, &n);
	in.btf_size = n;
	fi = take_copy(&c, (size_t)h.func_info_cnt * h.func_info_rec_size, &n);
	in.func_info_cnt = h.func_info_rec_size ? n / h.func_info_rec_size : h.func_info_cnt;
	li = take_copy(&c, (size_t)h.line_info_cnt * h.line_info_rec_size, &n);
	in.line_info_cnt = h.line_info_rec_size ? n / h.line_info_rec_size : h.line_info_cnt;
	cr = take_copy(&c, (size_t)h.core_relo_cnt * h.core_relo_rec_size, &n);
	in.core_relo_cnt = h.core_relo_rec_size ? n / h.core_relo_rec_size : h.core_relo_cnt;
	ab = take_copy(&c, h.annot_size, &n);
	if (!an || !pn || !lic || !insns || !btf || !fi || !li || !cr || !ab)
		goto out;

	in.prog_type = h.prog_type;
	in.expected_attach_type = h.attach_type;
	in.attach_name = an;
	in.prog_name = pn;
	in.license = lic;
	in.insns = insns;
	in.maps = maps;
	in.btf = btf;
	in.func_info = fi;
	in.func_info_rec_size = h.func_info_rec_size;
	in.line_info = li;
	in.line_info_rec_size = h.line_info_rec_size;
	in.core_relos = cr;
	in.core_relo_rec_size = h.core_relo_rec_size;
	/* an extension hashes its target's digest; no other program has one */
	in.target_digest = h.prog_type == BPF_PROG_TYPE_EXT ? target : NULL;

	if (h.mode & FUZZ_BUILD_ANNOT) {
		static __u8 blob[BPF_LOCKDOWN_ANNOT_MAX_SIZE];
		struct bpf_lockdown_annot_spec spec = { 0 };
		__u32 sealed[BPF_LOCKDOWN_ANNOT_MAX_SEALED], bsize;

		for (i = 0; i < n && i < BPF_LOCKDOWN_ANNOT_MAX_SEALED; i++)
			sealed[i] = ((__u8 *)ab)[i];
		spec.sealed = sealed;
		spec.sealed_cnt = i;
		spec.level[0].may_load = true;
		if (!bpf_lockdown_annot_build(&spec, blob, sizeof(blob), &bsize, err1, 256) &&
		    !bpf_lockdown_annot_parse(blob, bsize, &annot, err1, 256))
			in.annot = &annot;
	} else if (!(h.mode & FUZZ_NO_ANNOT) &&
		   !bpf_lockdown_annot_parse(ab, n, &annot, err1, sizeof(err1))) {
		in.annot = &annot;
	}

	/* the digest is a function of its input */
	run(&in, h.mode & FUZZ_NO_RESOLVER ? NULL : &ops, &r1, &ret1, out1, err1);
	run(&in, h.mode & FUZZ_NO_RESOLVER ? NULL : &ops, &r2, &ret2, out2, err2);
	check(ret1 == ret2 && !strcmp(err1, err2));
	check(ret1 || !memcmp(out1, out2, 32));

	/* an extension is bound to its target: another target, another digest */
	if (in.target_digest) {
		memcpy(target2, target, sizeof(target2));
		target2[31] ^= 1;
		in.target_digest = target2;
		run(&in, h.mode & FUZZ_NO_RESOLVER ? NULL : &ops, &r2, &ret2, out2, err2);
		check(ret1 == ret2 && !strcmp(err1, err2));
		check(ret1 || memcmp(out1, out2, 32));
		in.target_digest = target;
	}
	/* a target digest is refused on any other program, and missing on an extension */
	in.target_digest = in.target_digest ? NULL : target;
	run(&in, h.mode & FUZZ_NO_RESOLVER ? NULL : &ops, &r2, &ret2, out2, err2);
	check(ret2 != 0);
	in.target_digest = h.prog_type == BPF_PROG_TYPE_EXT ? target : NULL;

	/* kfunc and ksym BTF IDs (and module references) are hashed by name only */
	alt = malloc(in.insn_cnt ? in.insn_cnt * sizeof(*alt) : 1);
	if (!alt)
		goto out;
	memcpy(alt, insns, in.insn_cnt * sizeof(*alt));
	for (i = 0; i < in.insn_cnt; i++) {
		if (alt[i].code == (BPF_JMP | BPF_CALL) &&
		    alt[i].src_reg == BPF_PSEUDO_KFUNC_CALL) {
			alt[i].imm = ~alt[i].imm;
			alt[i].off ^= 0x5a5a;
		} else if (alt[i].code == (BPF_LD | BPF_IMM | BPF_DW)) {
			if (alt[i].src_reg == BPF_PSEUDO_BTF_ID && i + 1 < in.insn_cnt) {
				alt[i].imm ^= 0x1234;
				alt[i + 1].imm ^= 0x77;
			}
			i++;
		}
	}
	r1.constant = true;
	r2.constant = true;
	run(&in, &ops, &r1, &ret1, out1, err1);
	in.insns = alt;
	run(&in, &ops, &r2, &ret2, out2, err2);
	check(ret1 == ret2 && !strcmp(err1, err2));
	check(ret1 || !memcmp(out1, out2, 32));
	free(alt);
out:
	free(an);
	free(pn);
	free(lic);
	free(insns);
	free(btf);
	free(fi);
	free(li);
	free(cr);
	free(ab);
	return 0;
}
