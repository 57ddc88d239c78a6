// SPDX-License-Identifier: GPL-2.0
/*
 * bpf-annotate library tests, without the kernel: lib_test TEST ARGS...
 * prints "ok TEST" and exits 0, or prints the failure and exits 1.
 * run.sh runs each test with the objects and keys of the build.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/btf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "annot.h"
#include "bpf_annotate.h"
#include "infer_attach.h"
#include "tier_table.h"

static char err[1024];

#define CHECK(cond, ...) do {						\
	if (!(cond)) {							\
		printf("not ok: %s:%d: ", __func__, __LINE__);		\
		printf(__VA_ARGS__);					\
		printf("\n");						\
		exit(1);						\
	}								\
} while (0)

#define CHECK_TRUE(cond, ...) ({ CHECK(cond, __VA_ARGS__); true; })

static struct bpf_annotate_obj *open_obj(const char *path)
{
	struct bpf_annotate_obj *obj;

	CHECK(!bpf_annotate_open(path, &obj, err, sizeof(err)), "%s", err);
	return obj;
}

/* record + seal in memory gives the digest of the same object sealed on disk */
static void test_roundtrip(char **argv)
{
	struct bpf_annotate_obj *rec, *sealed;
	__u8 a[32], b[32];
	__u32 i;

	CHECK(!bpf_annotate_record(argv[0], &rec, err, sizeof(err)), "%s", err);
	CHECK(!bpf_annotate_seal(rec, NULL, err, sizeof(err)), "%s", err);
	CHECK(!bpf_annotate_write(rec, argv[1], err, sizeof(err)), "%s", err);
	sealed = open_obj(argv[1]);
	CHECK(sealed->prog_cnt == rec->prog_cnt && sealed->map_cnt == rec->map_cnt,
	      "%u/%u programs, %u/%u maps", sealed->prog_cnt, rec->prog_cnt, sealed->map_cnt,
	      rec->map_cnt);
	for (i = 0; i < rec->prog_cnt; i++) {
		CHECK(!bpf_annotate_digest(rec, &rec->progs[i], a, err, sizeof(err)), "%s", err);
		CHECK(!bpf_annotate_digest(sealed, &sealed->progs[i], b, err, sizeof(err)), "%s",
		      err);
		CHECK(!memcmp(a, b, 32), "digest of %s differs after write and open",
		      rec->progs[i].name);
	}
	bpf_annotate_free(rec);
	bpf_annotate_free(sealed);
}

/* the kernel hashes the name it stores: 15 bytes */
static void test_name_truncation(char **argv)
{
	struct bpf_annotate_obj *obj = open_obj(argv[0]);
	struct bpf_annotate_prog *p = &obj->progs[0];
	__u8 a[32], b[32];

	free(p->name);
	p->name = strdup("a_program_name_longer_than_15");
	CHECK(!bpf_annotate_digest(obj, p, a, err, sizeof(err)), "%s", err);
	free(p->name);
	p->name = strdup("a_program_name_");
	CHECK(!bpf_annotate_digest(obj, p, b, err, sizeof(err)), "%s", err);
	CHECK(!memcmp(a, b, 32), "a long name is hashed beyond 15 bytes");
	free(p->name);
	p->name = strdup("a_program_name");
	CHECK(!bpf_annotate_digest(obj, p, b, err, sizeof(err)), "%s", err);
	CHECK(memcmp(a, b, 32), "a 14-byte name hashes like a 15-byte one");
	bpf_annotate_free(obj);
}

/* sign and verify through the API; a changed instruction is named */
static void test_sign_verify(char **argv)
{
	struct bpf_annotate_obj *obj = open_obj(argv[0]);
	struct bpf_annotate_prog *p = &obj->progs[0];
	int ret;

	CHECK(bpf_annotate_verify(obj, p, argv[2], err, sizeof(err)) == -ENODATA, "%s", err);
	CHECK(!bpf_annotate_sign(obj, p, argv[1], argv[2], err, sizeof(err)), "%s", err);
	CHECK(!bpf_annotate_verify(obj, p, argv[2], err, sizeof(err)), "%s", err);
	p->insns[p->insn_cnt - 1].imm ^= 1;
	ret = bpf_annotate_verify(obj, p, argv[2], err, sizeof(err));
	CHECK(ret == -EKEYREJECTED && strstr(err, "instructions or kfunc/ksym names changed"),
	      "%d %s", ret, err);
	bpf_annotate_free(obj);
}

/*
 * a freplace program is sealed with its target's digest, which it keeps
 * through write and open, and which its own digest covers
 */
static void test_freplace(char **argv)
{
	struct bpf_annotate_seal_opts opts = { 0 };
	struct bpf_annotate_obj *ext, *target, *back;
	struct bpf_annotate_prog *p;
	__u8 t[32], a[32], b[32];
	int ret;

	target = open_obj(argv[1]);
	CHECK(!bpf_annotate_digest(target, &target->progs[0], t, err, sizeof(err)), "%s", err);
	CHECK(!bpf_annotate_record(argv[0], &ext, err, sizeof(err)), "%s", err);
	p = &ext->progs[0];
	CHECK(p->type == BPF_PROG_TYPE_EXT, "program type %u", p->type);
	ret = bpf_annotate_seal(ext, NULL, err, sizeof(err));
	CHECK(ret == -EINVAL && strstr(err, "program new_handler: ") && strstr(err, "--target"),
	      "%d %s", ret, err);
	opts.target = target;
	opts.target_prog = "nosuch";
	ret = bpf_annotate_seal(ext, &opts, err, sizeof(err));
	CHECK(ret == -ENOENT && strstr(err, "has no program nosuch"), "%d %s", ret, err);
	opts.target_prog = NULL;
	CHECK(!bpf_annotate_seal(ext, &opts, err, sizeof(err)), "%s", err);
	CHECK(p->target_digest && !memcmp(p->target_digest, t, 32),
	      "the target digest is not the target program's digest");
	CHECK(!bpf_annotate_digest(ext, p, a, err, sizeof(err)), "%s", err);
	CHECK(!bpf_annotate_write(ext, argv[2], err, sizeof(err)), "%s", err);
	back = open_obj(argv[2]);
	CHECK(back->progs[0].target_digest && !memcmp(back->progs[0].target_digest, t, 32),
	      "the target digest is lost by write and open");
	CHECK(!bpf_annotate_digest(back, &back->progs[0], b, err, sizeof(err)), "%s", err);
	CHECK(!memcmp(a, b, 32), "the digest differs after write and open");

	/* another target, another digest */
	p->target_digest[0] ^= 1;
	CHECK(!bpf_annotate_digest(ext, p, b, err, sizeof(err)), "%s", err);
	CHECK(memcmp(a, b, 32), "the digest does not cover the target digest");
	/* no target digest: no digest, and the message says how to get one */
	free(p->target_digest);
	p->target_digest = NULL;
	ret = bpf_annotate_digest(ext, p, b, err, sizeof(err));
	CHECK(ret == -EINVAL && strstr(err, "seal it with --target"), "%d %s", ret, err);
	/* only a freplace program may hold a target digest */
	target->progs[0].target_digest = malloc(32);
	CHECK(target->progs[0].target_digest, "out of memory");
	memcpy(target->progs[0].target_digest, t, 32);
	CHECK(!bpf_annotate_write(target, argv[2], err, sizeof(err)), "%s", err);
	bpf_annotate_free(back);
	ret = bpf_annotate_open(argv[2], &back, err, sizeof(err));
	CHECK(ret == -EBADMSG &&
	      strstr(err, "target digest of a program that is not a freplace program"),
	      "%d %s", ret, err);
	bpf_annotate_free(ext);
	bpf_annotate_free(target);
}

struct prepare_ctx {
	int calls;
	int rcu_lock_id;
	int ret;
};

static int prepare(struct bpf_annotate_plan *plan, void *data)
{
	struct prepare_ctx *c = data;
	struct bpf_annotate_plan_prog *q = &plan->progs[0];
	__u32 i;
	int kfuncs = 0;

	c->calls++;
	CHECK(plan->btf && plan->btf_size > 24, "no BTF in the plan");
	CHECK(plan->prog_cnt == 2, "%u programs", plan->prog_cnt);
	CHECK(!strcmp(q->name, "exec_kfunc"), "program %s", q->name);
	CHECK(!strcmp(q->attach_name, "btf_trace_sched_process_exec"), "attach %s",
	      q->attach_name);
	CHECK(!q->attach_btf_id, "attach target resolved before the hook");
	CHECK(q->keyring_id == 7, "keyring_id %d", q->keyring_id);
	CHECK(q->annot && q->annot_size >= 64, "no annotation");
	CHECK(q->sig && q->sig_size > 0, "no signature");
	CHECK(q->func_info_cnt && q->line_info_cnt, "no func_info or line_info");
	CHECK(q->core_relo_rec_size == 0 || q->core_relo_rec_size == 16, "relo size");
	for (i = 0; i < q->insn_cnt; i++) {
		if (q->insns[i].code != (BPF_JMP | BPF_CALL) ||
		    q->insns[i].src_reg != BPF_PSEUDO_KFUNC_CALL)
			continue;
		kfuncs++;
		CHECK(q->insns[i].imm > 0 && !q->insns[i].off, "kfunc at %u: imm %d off %d", i,
		      q->insns[i].imm, q->insns[i].off);
		if (kfuncs == 1)
			CHECK(q->insns[i].imm == c->rcu_lock_id,
			      "bpf_rcu_read_lock resolved to %d, vmlinux has %d", q->insns[i].imm,
			      c->rcu_lock_id);
	}
	CHECK(kfuncs == 4, "%d kfunc calls", kfuncs);
	CHECK(plan->map_cnt >= 1 && plan->maps[0].type == BPF_MAP_TYPE_ARRAY,
	      "map 0 has type %u", plan->map_cnt ? plan->maps[0].type : 0);
	/* a component may be replaced: the library must not free this */
	q->insns = (struct bpf_insn *)"not owned by the library, never loaded";
	return c->ret;
}

/* the hook sees every component before any syscall and can stop the load */
static void test_prepare(char **argv)
{
	struct bpf_annotate_obj *obj = open_obj(argv[0]);
	struct prepare_ctx c = { .ret = -EALREADY };
	struct bpf_annotate_load_opts opts = {
		.keyring_id = 7,
		.vmlinux_btf = argv[1],
		.prepare = prepare,
		.prepare_ctx = &c,
	};
	struct bpf_annotate_loaded ld;
	struct btf *vmlinux;
	int ret;

	vmlinux = btf__parse(argv[1], NULL);
	CHECK(vmlinux, "cannot read %s", argv[1]);
	c.rcu_lock_id = btf__find_by_name_kind(vmlinux, "bpf_rcu_read_lock", BTF_KIND_FUNC);
	btf__free(vmlinux);
	CHECK(!bpf_annotate_sign(obj, &obj->progs[0], argv[2], argv[3], err, sizeof(err)),
	      "%s", err);
	ret = bpf_annotate_load(obj, &opts, &ld, err, sizeof(err));
	CHECK(ret == -EALREADY && c.calls == 1, "load returned %d after %d calls: %s", ret,
	      c.calls, err);
	CHECK(strstr(err, "the prepare hook failed (-114)"), "%s", err);
	CHECK(ld.btf_fd == -1 && !ld.prog_fds && !ld.map_fds, "something was created");
	bpf_annotate_free(obj);
}

/* --- loads, for a kernel with BPF lockdown (run in the VM) ------------------ */

struct flip {
	const char *what;
	const struct bpf_annotate_obj *obj;
	int calls;
};

static void flip_byte(void *p, __u32 size, __u32 at)
{
	CHECK(p && size, "no such component to flip");
	((__u8 *)p)[at < size ? at : size - 1] ^= 1;
}

/* change the case of the last letter of the string table: still valid BTF */
static void flip_btf_name(void *btf, __u32 size)
{
	__u8 *p = btf;
	__u32 i;

	for (i = size; i > 0; i--)
		if (p[i - 1] >= 'a' && p[i - 1] <= 'z') {
			p[i - 1] ^= 0x20;
			return;
		}
	CHECK(0, "no name in the BTF");
}

/* drop the name of a parameter of a defined function: BTF the kernel refuses */
static void unname_param(void *raw, __u32 size)
{
	struct btf *btf = btf__new(raw, size);
	const struct btf_type *t, *proto;
	const void *data;
	__u32 id, n;

	CHECK(btf, "the plan's BTF does not parse");
	for (id = 1; id < btf__type_cnt(btf); id++) {
		t = btf__type_by_id(btf, id);
		if (!btf_is_func(t) || btf_vlen(t) == BTF_FUNC_EXTERN)
			continue;
		proto = btf__type_by_id(btf, t->type);
		if (!btf_vlen(proto))
			continue;
		/* btf__new() parses in place: its raw data has the change */
		((struct btf_param *)btf_params(proto))->name_off = 0;
		data = btf__raw_data(btf, &n);
		CHECK(n == size, "BTF size changed");
		memcpy(raw, data, size);
		btf__free(btf);
		return;
	}
	CHECK(0, "no function with a parameter in the BTF");
}

/*
 * the .kconfig map the loader filled with the kernel's values: "value"
 * changes the first extern's first byte, "pad" sets a byte no extern
 * covers, "unfrozen" leaves the map writable, "huge" makes its value larger
 * than the kernel checks
 */
static void flip_kconfig(struct bpf_annotate_plan *plan, const struct bpf_annotate_obj *obj,
			 const char *how)
{
	const struct bpf_annotate_map *m = NULL;
	__u32 i, j, b;

	for (i = 0; i < obj->map_cnt && !m; i++)
		if (obj->maps[i].kconfig_cnt)
			m = &obj->maps[i];
	CHECK(m && plan->maps[i - 1].data, "no .kconfig map");
	i--;
	if (!strcmp(how, "value")) {
		flip_byte(plan->maps[i].data, plan->maps[i].data_size, m->kconfig[0].value_off);
	} else if (!strcmp(how, "pad")) {
		for (b = 0; b < m->value_size; b++) {
			for (j = 0; j < m->kconfig_cnt; j++)
				if (b >= m->kconfig[j].value_off &&
				    b < m->kconfig[j].value_off + m->kconfig[j].size)
					break;
			if (j == m->kconfig_cnt)
				break;
		}
		CHECK(b < m->value_size, "every byte of the .kconfig map is an extern's");
		((__u8 *)plan->maps[i].data)[b] = 1;
	} else if (!strcmp(how, "unfrozen")) {
		plan->maps[i].freeze = false;
	} else if (!strcmp(how, "huge")) {
		/* a kconfig map larger than the kernel checks, zero past the externs */
		static __u8 huge[BPF_LOCKDOWN_KCONFIG_MAP_MAX + 8];

		/* the plan owns the old contents: replace the pointer only */
		memcpy(huge, plan->maps[i].data, plan->maps[i].data_size);
		plan->maps[i].data = huge;
		plan->maps[i].data_size = sizeof(huge);
		plan->maps[i].value_size = sizeof(huge);
		plan->maps[i].btf_key_type_id = 0;	/* the BTF says the real size */
		plan->maps[i].btf_value_type_id = 0;
	} else {
		CHECK(0, "unknown kconfig change %s", how);
	}
}

/* flip one byte of one component of the first program (or of the plan) */
static int flip(struct bpf_annotate_plan *plan, void *data)
{
	struct flip *f = data;
	struct bpf_annotate_plan_prog *q = &plan->progs[0];
	const char *w = f->what;
	__u32 i;

	f->calls++;
	if (!strcmp(w, "insns"))
		flip_byte(q->insns, q->insn_cnt * 8, (q->insn_cnt - 1) * 8 + 4);
	else if (!strcmp(w, "annot"))
		flip_byte(q->annot, q->annot_size, 64 + 8);	/* a helper bit at level none */
	else if (!strcmp(w, "sig"))
		flip_byte(q->sig, q->sig_size, q->sig_size - 1);
	else if (!strcmp(w, "btf"))
		flip_btf_name(plan->btf, plan->btf_size);
	else if (!strcmp(w, "btf-param"))
		unname_param(plan->btf, plan->btf_size);
	else if (!strcmp(w, "func_info"))
		flip_byte(q->func_info, q->func_info_cnt * q->func_info_rec_size, 0);
	else if (!strcmp(w, "line_info"))
		flip_byte(q->line_info, q->line_info_cnt * q->line_info_rec_size, 8);
	else if (!strcmp(w, "core_relos"))
		flip_byte(q->core_relos, q->core_relo_cnt * q->core_relo_rec_size, 4);
	else if (!strcmp(w, "license"))
		flip_byte(q->license, strlen(q->license), 0);
	else if (!strcmp(w, "name"))
		flip_byte(q->name, strlen(q->name), 0);
	else if (!strcmp(w, "attach_name") && CHECK_TRUE(q->attach_name, "no attach name"))
		flip_byte(q->attach_name, strlen(q->attach_name), strlen(q->attach_name) - 1);
	else if (!strcmp(w, "attach_retarget") && CHECK_TRUE(q->attach_name, "no attach name")) {
		/* another real target: sched_process_exec becomes sched_process_exit */
		i = strlen(q->attach_name);
		CHECK(i > 4 && !strcmp(q->attach_name + i - 4, "exec"), "target %s",
		      q->attach_name);
		memcpy(q->attach_name + i - 4, "exit", 4);
	} else if (!strcmp(w, "prog_type"))
		q->expected_attach_type ^= 1;
	else if (!strcmp(w, "keyring"))
		q->keyring_id = 1;
	else if (!strcmp(w, "map-data")) {
		for (i = 0; i < plan->map_cnt; i++)
			if (plan->maps[i].data && plan->maps[i].freeze)
				break;
		CHECK(i < plan->map_cnt, "no sealed map");
		flip_byte(plan->maps[i].data, plan->maps[i].data_size, 0);
	} else if (!strncmp(w, "kconfig-", 8)) {
		flip_kconfig(plan, f->obj, w + 8);
	} else if (!strcmp(w, "map-desc")) {
		for (i = 0; i < plan->map_cnt; i++)
			if (plan->maps[i].type == BPF_MAP_TYPE_HASH)
				break;
		CHECK(i < plan->map_cnt, "no hash map");
		plan->maps[i].max_entries++;
	} else if (strcmp(w, "none")) {
		CHECK(0, "unknown component %s", w);
	}
	return 0;
}

static int errno_of(const char *name)
{
	static const struct { const char *n; int e; } names[] = {
		{ "ok", 0 }, { "EKEYREJECTED", EKEYREJECTED }, { "EBADMSG", EBADMSG },
		{ "ENOKEY", ENOKEY }, { "EACCES", EACCES }, { "EPERM", EPERM },
		{ "EINVAL", EINVAL }, { "E2BIG", E2BIG }, { "ESRCH", ESRCH },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(names[i].n, name))
			return names[i].e;
	CHECK(0, "unknown errno name %s", name);
	return 0;
}

/*
 * load OBJ COMPONENT FD_BASE EXPECT[,EXPECT...] [VERDICT]: load with one byte
 * of COMPONENT flipped ("none" for no change) and map fds duplicated to
 * FD_BASE (0: as created); the result must be one of the EXPECTed errnos
 * ("ok" for success); on success the first program's fdinfo verdict must
 * contain VERDICT, on failure the kernel's verifier log must contain it.
 */
static void test_load(char **argv)
{
	struct bpf_annotate_obj *obj = open_obj(argv[0]);
	struct flip f = { .what = argv[1], .obj = obj };
	static char log[1 << 16];
	struct bpf_annotate_load_opts opts = {
		.log_buf = log,
		.log_size = sizeof(log),
		.fd_base = atoi(argv[2]),
		.prepare = flip,
		.prepare_ctx = &f,
	};
	struct bpf_annotate_loaded ld;
	char want[128], *tok, *save = NULL, verdict[128] = "";
	bool match = false;
	int ret;

	ret = bpf_annotate_load(obj, &opts, &ld, err, sizeof(err));
	snprintf(want, sizeof(want), "%s", argv[3]);
	for (tok = strtok_r(want, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		match |= -ret == errno_of(tok);
	if (!ret)
		bpf_annotate_prog_verdict(ld.prog_fds[0], verdict, sizeof(verdict));
	CHECK(match, "load with %s flipped returned %d (%s), expected %s\n%s", argv[1], ret,
	      ret ? err : verdict, argv[3], log);
	CHECK(f.calls == 1, "prepare called %d times", f.calls);
	if (!ret && argv[4][0])
		CHECK(strstr(verdict, argv[4]), "verdict '%s', expected '%s'", verdict, argv[4]);
	if (ret && argv[4][0])
		CHECK(strstr(log, argv[4]), "log without '%s':\n%s", argv[4], log);
	if (ret)
		printf("# %s: %s\n", argv[1], err);
	else
		printf("# lockdown: %s\n", verdict);
	bpf_annotate_unload(&ld);
	bpf_annotate_free(obj);
}

static void test_bad_section(char **argv)
{
	struct bpf_annotate_obj *obj;
	int ret;

	ret = bpf_annotate_open(argv[0], &obj, err, sizeof(err));
	CHECK(ret == -EBADMSG && strstr(err, argv[1]), "%d %s", ret, err);
}

/*
 * infer-attach SECTION: the attach kinds and points inferred for a program
 * of that section, with the program type and expected attach type libbpf
 * gives it: "kinds: K...; points: P...", then "note: ..." when there is one
 */
static void test_infer_attach(char **argv)
{
	struct bpf_annotate_prog prog = { .sec_name = argv[0] };
	enum bpf_attach_type eat;
	enum bpf_prog_type type;
	struct ba_attach *att = malloc(sizeof(*att));
	__u32 k, i;

	CHECK(att, "out of memory");
	/* a section libbpf does not know is left untyped */
	if (!libbpf_prog_type_by_name(argv[0], &type, &eat)) {
		prog.type = type;
		prog.expected_attach_type = eat;
	}
	ba_attach_infer(&prog, att);
	printf("kinds:");
	for (k = 0; k < BPF_LOCKDOWN_ATTACH_KIND_NR; k++)
		if (ba_attach_has_kind(att->kinds, k))
			printf(" %s", bpf_lockdown_attach_name(k) ?: "?");
	printf("; points:");
	for (i = 0; i < att->point_cnt; i++)
		printf(" %s", att->points[i]);
	printf("%s\n", att->point_cnt ? "" : " -");
	if (att->note[0])
		printf("note%s: %s\n", att->weak ? " (warning)" : "", att->note);
	free(att);
}

/*
 * annot-attach OBJ: the attach binding of each program of a sealed object,
 * from its parsed annotation: "PROG: version V; none: K...; integrity:
 * K...; confidentiality: K...; points: P..." ("-" for none)
 */
static void test_annot_attach(char **argv)
{
	struct bpf_annotate_obj *obj = open_obj(argv[0]);
	struct bpf_lockdown_annot a;
	const struct bpf_annotate_prog *p;
	char why[256];
	__u32 i, k, l, n;

	for (i = 0; i < obj->prog_cnt; i++) {
		p = &obj->progs[i];
		CHECK(!bpf_lockdown_annot_parse(p->annot, p->annot_size, &a, why, sizeof(why)),
		      "%s: %s", p->name, why);
		printf("%s: version %u", p->name, a.version);
		for (l = 0; l < BPF_LOCKDOWN_LEVEL_NR; l++) {
			printf("; %s:", bpf_lockdown_level_name(l));
			for (k = 0, n = 0; k < BPF_LOCKDOWN_ATTACH_KIND_NR; k++)
				if (ba_attach_has_kind(a.attach[l], k) && ++n)
					printf(" %s", bpf_lockdown_attach_name(k) ?: "?");
			printf("%s", n ? "" : " -");
		}
		printf("; points:");
		for (k = 0; k < a.point_cnt; k++)
			printf(" %s", bpf_lockdown_annot_point(&a, k));
		printf("%s\n", a.point_cnt ? "" : " -");
	}
	bpf_annotate_free(obj);
}

/*
 * downgrade IN OUT: write IN with each annotation rewritten as version 1,
 * the same grants without attach binding, as bpf-annotate wrote before
 * version 2 (show and load must still take such objects)
 */
static void test_downgrade(char **argv)
{
	struct bpf_annotate_obj *obj = open_obj(argv[0]);
	const char *kfuncs[BPF_LOCKDOWN_LEVEL_NR][BPF_LOCKDOWN_ANNOT_MAX_KFUNCS];
	__u32 sealed[BPF_LOCKDOWN_ANNOT_MAX_SEALED];
	struct bpf_lockdown_annot_spec spec;
	struct bpf_lockdown_annot a;
	struct bpf_annotate_prog *p;
	__u32 i, l, k, size;
	char why[256];
	void *blob;

	for (i = 0; i < obj->prog_cnt; i++) {
		p = &obj->progs[i];
		CHECK(!bpf_lockdown_annot_parse(p->annot, p->annot_size, &a, why, sizeof(why)),
		      "%s: %s", p->name, why);
		memset(&spec, 0, sizeof(spec));
		for (l = 0; l < BPF_LOCKDOWN_LEVEL_NR; l++) {
			spec.level[l].may_load = bpf_lockdown_annot_may_load(&a, l);
			spec.level[l].caps = a.level[l].caps;
			memcpy(spec.level[l].helpers, a.level[l].helpers,
			       sizeof(spec.level[l].helpers));
			for (k = 0; k < a.level[l].kfunc_cnt; k++)
				kfuncs[l][k] = bpf_lockdown_annot_kfunc(&a, l, k);
			spec.level[l].kfuncs = kfuncs[l];
			spec.level[l].kfunc_cnt = a.level[l].kfunc_cnt;
		}
		for (k = 0; k < a.sealed_cnt; k++)
			sealed[k] = bpf_lockdown_annot_sealed(&a, k);
		spec.sealed = sealed;
		spec.sealed_cnt = a.sealed_cnt;
		CHECK(!bpf_lockdown_annot_build(&spec, NULL, 0, &size, why, sizeof(why)), "%s", why);
		blob = calloc(1, size);
		CHECK(blob && !bpf_lockdown_annot_build(&spec, blob, size, &size, why, sizeof(why)),
		      "%s", why);
		free(p->annot);
		p->annot = blob;
		p->annot_size = size;
	}
	CHECK(!bpf_annotate_write(obj, argv[1], err, sizeof(err)), "%s", err);
	bpf_annotate_free(obj);
}

static struct bpf_annotate_prog *find(struct bpf_annotate_obj *obj, const char *name)
{
	struct bpf_annotate_prog *p = bpf_annotate_find_prog(obj, name);

	CHECK(p, "%s has no program %s", obj->name, name);
	return p;
}

/*
 * attach-check OBJ PROG KIND WHERE LEVEL: bpf_annotate_attach_check() of
 * attach kind KIND (its tier name) at WHERE ("-": none) and LEVEL ("any":
 * -1); prints "allowed" or the refusal, with its errno
 */
static void test_attach_check(char **argv)
{
	struct bpf_annotate_obj *obj = open_obj(argv[0]);
	int kind = bpf_lockdown_attach_by_name(argv[2]), level = -1, ret;
	unsigned int l;

	CHECK(kind >= 0, "unknown attach kind %s", argv[2]);
	for (l = 0; l < BPF_LOCKDOWN_LEVEL_NR; l++)
		if (!strcmp(argv[4], bpf_lockdown_level_name(l)))
			level = l;
	CHECK(level >= 0 || !strcmp(argv[4], "any"), "unknown level %s", argv[4]);
	ret = bpf_annotate_attach_check(obj, find(obj, argv[1]), kind,
					strcmp(argv[3], "-") ? argv[3] : NULL, level, err,
					sizeof(err));
	if (ret)
		printf("refused (%s): %s\n", strerror(-ret), err);
	else
		printf("allowed\n");
	bpf_annotate_free(obj);
}

/*
 * attach-check-multi OBJ PROG KIND ENTRY|RETURN WHERE,... LEVEL:
 * bpf_annotate_attach_check_multi() of a link of attach kind KIND with
 * entry or return probes at the functions or file WHERE ("-": none, the
 * kind alone) and LEVEL ("any": -1); prints "allowed" or the refusal, with
 * its errno
 */
static void test_attach_check_multi(char **argv)
{
	struct bpf_annotate_obj *obj = open_obj(argv[0]);
	int kind = bpf_lockdown_attach_by_name(argv[2]), level = -1, ret;
	const char *where[8];
	char *list = argv[4], *w;
	size_t cnt = 0;
	unsigned int l;

	CHECK(kind >= 0, "unknown attach kind %s", argv[2]);
	CHECK(!strcmp(argv[3], "entry") || !strcmp(argv[3], "return"), "entry or return, not %s",
	      argv[3]);
	for (l = 0; l < BPF_LOCKDOWN_LEVEL_NR; l++)
		if (!strcmp(argv[5], bpf_lockdown_level_name(l)))
			level = l;
	CHECK(level >= 0 || !strcmp(argv[5], "any"), "unknown level %s", argv[5]);
	for (w = strtok(list, ","); w && strcmp(list, "-"); w = strtok(NULL, ",")) {
		CHECK(cnt < sizeof(where) / sizeof(where[0]), "at most 8 points");
		where[cnt++] = w;
	}
	ret = bpf_annotate_attach_check_multi(obj, find(obj, argv[1]), kind,
					      !strcmp(argv[3], "return"), where, cnt, level, err,
					      sizeof(err));
	if (ret)
		printf("refused (%s): %s\n", strerror(-ret), err);
	else
		printf("allowed\n");
	bpf_annotate_free(obj);
}

/*
 * attach OBJ PROG TARGET: bpf_annotate_attach() of PROG at TARGET ("-": its
 * section's), for a refusal before any system call: prints it with its
 * errno. A target the annotation allows is attached with prog_fd -1, which
 * the kernel refuses (EBADF) or the target's lookup fails first.
 */
static void test_attach(char **argv)
{
	struct bpf_annotate_obj *obj = open_obj(argv[0]);
	struct bpf_annotate_attach_opts opts = { .ifindex = 1 };
	struct bpf_annotate_links links = { 0 };
	int ret;

	if (strcmp(argv[2], "-"))
		opts.target = argv[2];
	ret = bpf_annotate_attach(obj, find(obj, argv[1]), -1, &opts, &links, err, sizeof(err));
	CHECK(ret, "attached with prog_fd -1");
	printf("refused (%s): %s\n", strerror(-ret), err);
	bpf_annotate_free(obj);
}

/* the parsed annotation of program @i of a sealed object */
static void parse_annot(const struct bpf_annotate_obj *obj, __u32 i, struct bpf_lockdown_annot *a)
{
	char why[256];

	CHECK(!bpf_lockdown_annot_parse(obj->progs[i].annot, obj->progs[i].annot_size, a, why,
					sizeof(why)),
	      "%s: %s", obj->progs[i].name, why);
}

/* seal's warnings that ksym came with btf_read, by program */
#define KSYM_WARN_PROGS 8
struct ksym_warns {
	unsigned int cnt;
	char progs[KSYM_WARN_PROGS][64];
};

static void count_ksym_warn(void *ctx, const char *msg)
{
	struct ksym_warns *w = ctx;
	const char *p = strstr(msg, ": program "), *end;

	if (!strstr(msg, "level confidentiality: ksym is granted because btf_read needs it there") ||
	    !strstr(msg, "(pointer leaks)") || !p)
		return;
	p += strlen(": program ");
	end = strchr(p, ':');
	if (w->cnt < KSYM_WARN_PROGS && end)
		snprintf(w->progs[w->cnt], sizeof(w->progs[0]), "%.*s", (int)(end - p), p);
	w->cnt++;
}

/*
 * kernel-reads READER BTF-READER: the ceiling with and without the
 * kernel-reads policy, and seal with &bpf_annotate_seal_opts.kernel_reads:
 * READER calls bpf_probe_read_kernel(), every program of BTF-READER reads
 * through BTF pointers
 */
static void test_kernel_reads(char **argv)
{
	const unsigned int conf = BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY;
	const unsigned int integ = BPF_LOCKDOWN_LEVEL_INTEGRITY;
	struct bpf_annotate_seal_opts opts = { 0 };
	struct bpf_annotate_obj *obj, *plain;
	struct bpf_lockdown_annot a, b;
	struct ksym_warns w = { 0 };
	unsigned int want = 0;
	__u32 i;

	/* the ceiling: kernel reads at confidentiality only with the policy */
	CHECK(!ba_ceiling_allows_helper(BPF_FUNC_probe_read_kernel, conf, false), "ceiling");
	CHECK(ba_ceiling_allows_helper(BPF_FUNC_probe_read_kernel, conf, true), "ceiling");
	CHECK(ba_ceiling_allows_helper(BPF_FUNC_probe_read_kernel, integ, false), "ceiling");
	CHECK(ba_ceiling_allows_helper(BPF_FUNC_probe_read, conf, true), "ceiling");
	CHECK(!ba_ceiling_allows_helper(BPF_FUNC_probe_write_user, integ, true),
	      "the policy lets signed programs write user memory");
	CHECK(!ba_ceiling_allows_kfunc("bpf_no_such_kfunc", conf, true), "unlisted kfunc");
	CHECK(!ba_ceiling_allows_cap(BPF_LOCKDOWN_CAP_BTF_READ, conf, false), "ceiling");
	CHECK(ba_ceiling_allows_cap(BPF_LOCKDOWN_CAP_ALL, conf, true), "ceiling");
	CHECK(ba_caps_at_level(BPF_LOCKDOWN_CAP_BTF_READ, conf) ==
	      (BPF_LOCKDOWN_CAP_BTF_READ | BPF_LOCKDOWN_CAP_KSYM), "btf_read without ksym");
	CHECK(ba_caps_at_level(BPF_LOCKDOWN_CAP_BTF_READ, integ) == BPF_LOCKDOWN_CAP_BTF_READ,
	      "ksym added below confidentiality");
	CHECK(ba_caps_at_level(BPF_LOCKDOWN_CAP_KERNEL_STACK, conf) ==
	      BPF_LOCKDOWN_CAP_KERNEL_STACK, "ksym added without btf_read");

	/* a zeroed options structure seals as no options */
	CHECK(!bpf_annotate_record(argv[0], &plain, err, sizeof(err)), "%s", err);
	CHECK(!bpf_annotate_seal(plain, NULL, err, sizeof(err)), "%s", err);
	CHECK(!bpf_annotate_record(argv[0], &obj, err, sizeof(err)), "%s", err);
	CHECK(!bpf_annotate_seal(obj, &opts, err, sizeof(err)), "%s", err);
	CHECK(obj->progs[0].annot_size == plain->progs[0].annot_size &&
	      !memcmp(obj->progs[0].annot, plain->progs[0].annot, obj->progs[0].annot_size),
	      "zeroed options seal otherwise than none");
	parse_annot(obj, 0, &a);
	CHECK(!bpf_lockdown_annot_may_load(&a, conf), "may load at confidentiality");

	opts.kernel_reads = true;
	CHECK(!bpf_annotate_seal(obj, &opts, err, sizeof(err)), "%s", err);
	parse_annot(obj, 0, &a);
	parse_annot(plain, 0, &b);
	CHECK(bpf_lockdown_annot_may_load(&a, conf) &&
	      bpf_lockdown_annot_has_helper(&a, conf, BPF_FUNC_probe_read_kernel),
	      "%s: no bpf_probe_read_kernel at confidentiality", obj->progs[0].name);
	CHECK(a.level[integ].flags == b.level[integ].flags &&
	      a.level[integ].caps == b.level[integ].caps &&
	      !memcmp(a.level[integ].helpers, b.level[integ].helpers,
		      sizeof(a.level[integ].helpers)),
	      "integrity changed");
	bpf_annotate_free(obj);
	bpf_annotate_free(plain);

	/*
	 * btf_read at confidentiality comes with ksym, with a warning for each
	 * program whose code does not use ksym (integrity grants what it uses),
	 * and the warning changes nothing sealed
	 */
	CHECK(!bpf_annotate_record(argv[1], &obj, err, sizeof(err)), "%s", err);
	CHECK(!bpf_annotate_seal(obj, &opts, err, sizeof(err)), "%s", err);
	CHECK(!bpf_annotate_record(argv[1], &plain, err, sizeof(err)), "%s", err);
	opts.warn = count_ksym_warn;
	opts.warn_ctx = &w;
	CHECK(!bpf_annotate_seal(plain, &opts, err, sizeof(err)), "%s", err);
	for (i = 0; i < obj->prog_cnt; i++) {
		parse_annot(obj, i, &a);
		CHECK(bpf_lockdown_annot_may_load(&a, conf) &&
		      bpf_lockdown_annot_has_cap(&a, conf, BPF_LOCKDOWN_CAP_BTF_READ) &&
		      bpf_lockdown_annot_has_cap(&a, conf, BPF_LOCKDOWN_CAP_KSYM),
		      "%s: not btf_read and ksym at confidentiality", obj->progs[i].name);
		CHECK(plain->progs[i].annot_size == obj->progs[i].annot_size &&
		      !memcmp(plain->progs[i].annot, obj->progs[i].annot, obj->progs[i].annot_size),
		      "%s: sealed otherwise with a warning callback", obj->progs[i].name);
		if (bpf_lockdown_annot_has_cap(&a, integ, BPF_LOCKDOWN_CAP_KSYM))
			continue;
		CHECK(want < w.cnt && want < KSYM_WARN_PROGS &&
		      !strcmp(w.progs[want], obj->progs[i].name),
		      "%s: no warning that ksym comes with btf_read", obj->progs[i].name);
		want++;
	}
	CHECK(want && w.cnt == want, "%u warnings that ksym comes with btf_read, want %u", w.cnt,
	      want);
	bpf_annotate_free(plain);
	bpf_annotate_free(obj);
}

static const struct {
	const char *name;
	void (*fn)(char **argv);
	int args;
} tests[] = {
	{ "roundtrip", test_roundtrip, 2 },
	{ "name-truncation", test_name_truncation, 1 },
	{ "sign-verify", test_sign_verify, 3 },
	{ "prepare", test_prepare, 4 },
	{ "bad-section", test_bad_section, 2 },
	{ "load", test_load, 5 },
	{ "freplace", test_freplace, 3 },
	{ "kernel-reads", test_kernel_reads, 2 },
	{ "infer-attach", test_infer_attach, 1 },
	{ "annot-attach", test_annot_attach, 1 },
	{ "downgrade", test_downgrade, 2 },
	{ "attach-check", test_attach_check, 5 },
	{ "attach-check-multi", test_attach_check_multi, 6 },
	{ "attach", test_attach, 3 },
};

int main(int argc, char **argv)
{
	size_t i;

	for (i = 0; argc > 1 && i < sizeof(tests) / sizeof(tests[0]); i++) {
		if (strcmp(argv[1], tests[i].name))
			continue;
		if (argc != tests[i].args + 2) {
			fprintf(stderr, "usage: lib_test %s (%d arguments)\n", tests[i].name,
				tests[i].args);
			return 2;
		}
		tests[i].fn(argv + 2);
		printf("ok %s\n", tests[i].name);
		return 0;
	}
	fprintf(stderr, "usage: lib_test TEST ARGS...\n");
	return 2;
}
