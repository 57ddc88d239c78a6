// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown selftests - the unsigned tier, with real program loads */

/*
 * Each variant loads one small program. The expectation is derived from the
 * current lockdown level and enforcement mode, so the same binary runs in
 * every boot: at lockdown=none or mode=off the stock result; in enforce mode
 * the tier's errno and log line; in audit mode the stock result and the
 * would-be refusal in the log.
 */
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <bpf/bpf.h>

#include "lockdown_util.h"
#include "insn.h"
#include "kselftest_harness.h"

#define BTF_TYPE_PLACEHOLDER 0x7fffff00	/* BTF ID of struct task_struct */
#define BTF_VAR_PLACEHOLDER 0x7fffff01	/* BTF ID of the variable runqueues */
#define LOG_SIZE (1024 * 1024)
#define MAX_INSNS 48
#define ENOTSUPP_ERRNO 524	/* the kernel's ENOTSUPP */

enum {
	NONE = BPF_LOCKDOWN_LEVEL_NONE,
	INTEG = BPF_LOCKDOWN_LEVEL_INTEGRITY,
	CONF = BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY,
};

static struct btf *vmlinux_btf(void)
{
	static struct btf *btf;

	if (!btf)
		btf = btf__load_vmlinux_btf();
	return libbpf_get_error(btf) ? NULL : btf;
}

static int btf_id(const char *name, int kind)
{
	struct btf *btf = vmlinux_btf();

	return btf ? btf__find_by_name_kind(btf, name, kind) : -ENOENT;
}

FIXTURE(tier) {
	char *log;
	int map_fd[2];
};

FIXTURE_VARIANT(tier) {
	enum bpf_prog_type type;
	enum bpf_attach_type attach;
	const char *attach_func;	/* BTF function to attach to */
	const char *attach_typedef;	/* BTF typedef to attach to (tp_btf) */
	__u32 prog_flags;
	enum bpf_map_type map_type[2];	/* maps for the LD_MAP_FD placeholders, in order */
	const char *kfuncs[2];		/* BTF names for the KFUNC_CALL placeholders */
	struct bpf_insn insns[MAX_INSNS];
	/* what the tier refuses: "call bpf_send_signal#109", and its class */
	const char *what;
	const char *class;
	bool allowed[3];		/* tier verdict per level; [NONE] unused */
	int denied_errno;		/* EPERM (load) or EACCES (verifier) */
	int stock_errno[3];		/* errno when the tier lets the load through */
	/* when the program type itself is refused, its line and class */
	const char *type_what;
	bool type_at_integrity;		/* type_what only at confidentiality */
	const char *type_class;
	/*
	 * refused at confidentiality+enforce by the verifier's own rules for
	 * programs without pointer leaks, with this errno, before the tier
	 */
	int leak_errno;
};

/* the line of a load refused by the verifier's rules without pointer leaks */
#define LEAK_LINE "lockdown: in confidentiality mode this program is verified without " \
	"pointer leaks, as for unprivileged users: a refusal above about a pointer, the " \
	"stack or pointer arithmetic comes from these rules"

static int create_map(enum bpf_map_type type)
{
	switch (type) {
	case BPF_MAP_TYPE_STACK_TRACE:
		return bpf_map_create(type, "ld_stack", 4, 160, 16, NULL);
	case BPF_MAP_TYPE_RINGBUF:
		return bpf_map_create(type, "ld_ringbuf", 0, 0, 4096, NULL);
	case BPF_MAP_TYPE_PERF_EVENT_ARRAY:
		return bpf_map_create(type, "ld_perf", 4, 4, 2, NULL);
	default:
		return bpf_map_create(type, "ld_map", 4, 8, 1, NULL);
	}
}

FIXTURE_SETUP(tier)
{
	self->log = calloc(1, LOG_SIZE);
	ASSERT_NE(NULL, self->log);
	for (int i = 0; i < 2; i++) {
		self->map_fd[i] = -1;
		if (!variant->map_type[i])
			continue;
		self->map_fd[i] = create_map(variant->map_type[i]);
		ASSERT_LE(0, self->map_fd[i]);
	}
}

FIXTURE_TEARDOWN(tier)
{
	for (int i = 0; i < 2; i++)
		if (self->map_fd[i] >= 0)
			close(self->map_fd[i]);
	free(self->log);
}

static void expect_line(char *buf, size_t size, const char *what, const char *class,
			int level, int mode)
{
	snprintf(buf, size,
		 "lockdown: unsigned program may not %s in %s mode (%s); sign it with an annotation that grants it; %s (mode=%s)",
		 what, ld_level_name(level), class,
		 mode == BPF_LOCKDOWN_MODE_ENFORCE ? "refused" : "would be refused",
		 mode == BPF_LOCKDOWN_MODE_ENFORCE ? "enforce" : "audit");
}

TEST_F(tier, load_matches_tier_level_and_mode)
{
	struct bpf_insn insns[MAX_INSNS];
	int level = ld_level(), mode = ld_mode();
	struct ld_load l = { .type = variant->type, .attach = variant->attach,
			     .insns = insns, .name = "ld_tier" };
	bool active = level != NONE && mode != BPF_LOCKDOWN_MODE_OFF;
	bool type_refused = active && variant->type_what &&
			    !(variant->type_at_integrity && level == BPF_LOCKDOWN_LEVEL_INTEGRITY);
	bool refused = active && (type_refused || !variant->allowed[level]);
	char line[512], type_line[512];
	int kfunc = 0, map = 0, fd, want;

	memcpy(insns, variant->insns, sizeof(insns));
	for (l.cnt = 0; l.cnt < MAX_INSNS; l.cnt++) {
		struct bpf_insn *in = &insns[l.cnt];

		if (!in->code && !in->dst_reg && !in->src_reg && !in->imm && l.cnt &&
		    insns[l.cnt - 1].code != (BPF_LD | BPF_DW | BPF_IMM))
			break;
		if (in->code == (BPF_LD | BPF_DW | BPF_IMM) && in->src_reg == BPF_PSEUDO_MAP_FD)
			in->imm = self->map_fd[map++];
		if (in->code == (BPF_JMP | BPF_CALL) && in->src_reg == BPF_PSEUDO_KFUNC_CALL) {
			in->imm = btf_id(variant->kfuncs[kfunc++], BTF_KIND_FUNC);
			ASSERT_LT(0, in->imm);
		}
		if (in->imm == BTF_TYPE_PLACEHOLDER) {
			in->imm = btf_id("task_struct", BTF_KIND_STRUCT);
			ASSERT_LT(0, in->imm);
		}
		if (in->imm == BTF_VAR_PLACEHOLDER) {
			in->imm = btf_id("runqueues", BTF_KIND_VAR);
			ASSERT_LT(0, in->imm);
		}
	}
	if (variant->attach_func) {
		l.attach_btf_id = btf_id(variant->attach_func, BTF_KIND_FUNC);
		ASSERT_LT(0, (int)l.attach_btf_id);
	}
	if (variant->attach_typedef) {
		l.attach_btf_id = btf_id(variant->attach_typedef, BTF_KIND_TYPEDEF);
		ASSERT_LT(0, (int)l.attach_btf_id);
	}

	l.prog_flags = variant->prog_flags;
	fd = ld_prog_load(&l, self->log, LOG_SIZE);

	if (type_refused)
		expect_line(type_line, sizeof(type_line), variant->type_what,
			    variant->type_class, level, mode);
	if (variant->what)
		expect_line(line, sizeof(line), variant->what, variant->class, level, mode);

	if (mode == BPF_LOCKDOWN_MODE_ENFORCE && refused)
		want = type_refused ? -EPERM : -variant->denied_errno;
	else
		want = -variant->stock_errno[level];
	if (variant->leak_errno && level == CONF && mode == BPF_LOCKDOWN_MODE_ENFORCE) {
		want = -variant->leak_errno;
		snprintf(line, sizeof(line), "%s", LEAK_LINE);
	}
	if (want == 0) {
		EXPECT_LE(0, fd);
	} else {
		EXPECT_EQ(want, fd);
	}

	if (!refused) {
		EXPECT_EQ(NULL, strstr(self->log, "lockdown:"));
	} else if (type_refused) {
		EXPECT_NE(NULL, strstr(self->log, type_line));
		/* audit goes on and reports the refused helpers too */
		if (mode == BPF_LOCKDOWN_MODE_AUDIT && variant->what &&
		    !variant->allowed[level])
			EXPECT_NE(NULL, strstr(self->log, line));
	} else {
		EXPECT_NE(NULL, strstr(self->log, line));
	}
	if (_metadata->exit_code)
		TH_LOG("level %s mode %d fd %d log:\n%.2000s", ld_level_name(level), mode,
		       fd, self->log);
	if (fd >= 0)
		close(fd);
}

#define ALL_LEVELS { true, true, true }
#define INTEGRITY_ONLY { true, true, false }
#define NO_LEVEL { true, false, false }
#define STOCK_OK { 0, 0, 0 }

/* Helpers, one or more per rationale class */
FIXTURE_VARIANT_ADD(tier, invalid_unspec) {
	.type = BPF_PROG_TYPE_KPROBE,
	.insns = { CALL(BPF_FUNC_unspec), RET0 },
	.what = "call bpf_unspec#0", .class = "invalid",
	.allowed = NO_LEVEL, .denied_errno = EACCES,
	/* the stock verifier: "invalid func unknown#0" */
	.stock_errno = { EINVAL, EINVAL, EINVAL },
};

FIXTURE_VARIANT_ADD(tier, observe_get_current_pid_tgid) {
	.type = BPF_PROG_TYPE_KPROBE,
	.insns = { CALL(BPF_FUNC_get_current_pid_tgid), RET0 },
	.allowed = ALL_LEVELS, .stock_errno = STOCK_OK,
};

FIXTURE_VARIANT_ADD(tier, bpf_internal_map_lookup) {
	.type = BPF_PROG_TYPE_KPROBE, .map_type = { BPF_MAP_TYPE_ARRAY },
	.insns = { ST_W(BPF_REG_10, -4, 0), MOV64_REG(BPF_REG_2, BPF_REG_10),
		   ADD64_IMM(BPF_REG_2, -4), LD_MAP_FD(BPF_REG_1),
		   CALL(BPF_FUNC_map_lookup_elem), RET0 },
	.allowed = ALL_LEVELS, .stock_errno = STOCK_OK,
};

/*
 * What an exec/open snooper needs, as a tracepoint program: time, comm,
 * a user string, ring buffer and perf output. libbpf-built programs may not
 * show this at confidentiality: see observe_test.
 */
FIXTURE_VARIANT_ADD(tier, observe_snooper_helpers) {
	.type = BPF_PROG_TYPE_TRACEPOINT,
	.map_type = { BPF_MAP_TYPE_RINGBUF, BPF_MAP_TYPE_PERF_EVENT_ARRAY },
	.insns = { MOV64_REG(BPF_REG_6, BPF_REG_1), ST_DW(BPF_REG_10, -16, 0),
		   CALL(BPF_FUNC_ktime_get_ns), INSN(BPF_STX | BPF_MEM | BPF_DW,
						     BPF_REG_10, BPF_REG_0, -8, 0),
		   MOV64_REG(BPF_REG_1, BPF_REG_10), ADD64_IMM(BPF_REG_1, -32),
		   MOV64_IMM(BPF_REG_2, 16), CALL(BPF_FUNC_get_current_comm),
		   MOV64_REG(BPF_REG_1, BPF_REG_10), ADD64_IMM(BPF_REG_1, -64),
		   MOV64_IMM(BPF_REG_2, 32), LDX_DW(BPF_REG_3, BPF_REG_6, 24),
		   CALL(BPF_FUNC_probe_read_user_str),
		   LD_MAP_FD(BPF_REG_1), MOV64_REG(BPF_REG_2, BPF_REG_10),
		   ADD64_IMM(BPF_REG_2, -64), MOV64_IMM(BPF_REG_3, 64), MOV64_IMM(BPF_REG_4, 0),
		   CALL(BPF_FUNC_ringbuf_output),
		   MOV64_REG(BPF_REG_1, BPF_REG_6), LD_MAP_FD(BPF_REG_2),
		   INSN(BPF_LD | BPF_DW | BPF_IMM, BPF_REG_3, 0, 0, -1), INSN(0, 0, 0, 0, 0),
		   MOV64_REG(BPF_REG_4, BPF_REG_10), ADD64_IMM(BPF_REG_4, -64),
		   MOV64_IMM(BPF_REG_5, 64), CALL(BPF_FUNC_perf_event_output), RET0 },
	.allowed = ALL_LEVELS, .stock_errno = STOCK_OK,
};

FIXTURE_VARIANT_ADD(tier, reads_kernel_memory_probe_read_kernel) {
	.type = BPF_PROG_TYPE_KPROBE,
	.insns = { MOV64_REG(BPF_REG_1, BPF_REG_10), ADD64_IMM(BPF_REG_1, -8),
		   MOV64_IMM(BPF_REG_2, 8), MOV64_IMM(BPF_REG_3, 0),
		   CALL(BPF_FUNC_probe_read_kernel), RET0 },
	.what = "call bpf_probe_read_kernel#113", .class = "reads-kernel-memory",
	.allowed = INTEGRITY_ONLY, .denied_errno = EACCES,
	/* stock lockdown=confidentiality hides the helper */
	.stock_errno = { 0, 0, EINVAL },
};

FIXTURE_VARIANT_ADD(tier, leaks_kernel_address_get_current_task) {
	.type = BPF_PROG_TYPE_KPROBE,
	.insns = { CALL(BPF_FUNC_get_current_task), RET0 },
	.what = "call bpf_get_current_task#35", .class = "leaks-kernel-address",
	.allowed = INTEGRITY_ONLY, .denied_errno = EACCES, .stock_errno = STOCK_OK,
};

FIXTURE_VARIANT_ADD(tier, leaks_kernel_address_kernel_stack) {
	.type = BPF_PROG_TYPE_KPROBE, .map_type = { BPF_MAP_TYPE_STACK_TRACE },
	.insns = { LD_MAP_FD(BPF_REG_2), MOV64_IMM(BPF_REG_3, 0),
		   CALL(BPF_FUNC_get_stackid), RET0 },
	.what = "call bpf_get_stackid#27 for a kernel stack (flags without BPF_F_USER_STACK)",
	.class = "leaks-kernel-address",
	.allowed = INTEGRITY_ONLY, .denied_errno = EACCES, .stock_errno = STOCK_OK,
};

FIXTURE_VARIANT_ADD(tier, observe_user_stack) {
	.type = BPF_PROG_TYPE_KPROBE, .map_type = { BPF_MAP_TYPE_STACK_TRACE },
	.insns = { LD_MAP_FD(BPF_REG_2), MOV64_IMM(BPF_REG_3, BPF_F_USER_STACK),
		   CALL(BPF_FUNC_get_stackid), RET0 },
	.allowed = ALL_LEVELS, .stock_errno = STOCK_OK,
};

FIXTURE_VARIANT_ADD(tier, writes_user_memory_probe_write_user) {
	.type = BPF_PROG_TYPE_KPROBE,
	.insns = { ST_DW(BPF_REG_10, -8, 0), MOV64_IMM(BPF_REG_1, 0),
		   MOV64_REG(BPF_REG_2, BPF_REG_10), ADD64_IMM(BPF_REG_2, -8),
		   MOV64_IMM(BPF_REG_3, 8), CALL(BPF_FUNC_probe_write_user), RET0 },
	.what = "call bpf_probe_write_user#36", .class = "writes-user-memory",
	.allowed = NO_LEVEL, .denied_errno = EACCES,
	/* stock lockdown=integrity hides the helper */
	.stock_errno = { 0, EINVAL, EINVAL },
};

FIXTURE_VARIANT_ADD(tier, modifies_kernel_behaviour_override_return) {
	.type = BPF_PROG_TYPE_KPROBE,
	.insns = { MOV64_IMM(BPF_REG_2, 0), CALL(BPF_FUNC_override_return), RET0 },
	.what = "call bpf_override_return#58", .class = "modifies-kernel-behaviour",
	.allowed = NO_LEVEL, .denied_errno = EACCES, .stock_errno = STOCK_OK,
};

FIXTURE_VARIANT_ADD(tier, signals_send_signal) {
	.type = BPF_PROG_TYPE_KPROBE,
	.insns = { MOV64_IMM(BPF_REG_1, 0), CALL(BPF_FUNC_send_signal), RET0 },
	.what = "call bpf_send_signal#109", .class = "signals",
	.allowed = NO_LEVEL, .denied_errno = EACCES, .stock_errno = STOCK_OK,
};

FIXTURE_VARIANT_ADD(tier, loads_programs_sys_bpf) {
	.type = BPF_PROG_TYPE_SYSCALL, .prog_flags = BPF_F_SLEEPABLE,
	.insns = { ST_DW(BPF_REG_10, -8, 0), MOV64_IMM(BPF_REG_1, 0),
		   MOV64_REG(BPF_REG_2, BPF_REG_10), ADD64_IMM(BPF_REG_2, -8),
		   MOV64_IMM(BPF_REG_3, 8), CALL(BPF_FUNC_sys_bpf), RET0 },
	.what = "call bpf_sys_bpf#166", .class = "loads-programs",
	.allowed = NO_LEVEL, .denied_errno = EACCES, .stock_errno = STOCK_OK,
	.type_what = "load program type syscall (attach type 0)", .type_class = "loads-programs",
};

FIXTURE_VARIANT_ADD(tier, writes_packets_skb_store_bytes) {
	.type = BPF_PROG_TYPE_SCHED_CLS,
	.insns = { ST_DW(BPF_REG_10, -8, 0), MOV64_IMM(BPF_REG_2, 0),
		   MOV64_REG(BPF_REG_3, BPF_REG_10), ADD64_IMM(BPF_REG_3, -8),
		   MOV64_IMM(BPF_REG_4, 8), MOV64_IMM(BPF_REG_5, 0),
		   CALL(BPF_FUNC_skb_store_bytes), RET0 },
	.what = "call bpf_skb_store_bytes#9", .class = "writes-packets",
	.allowed = NO_LEVEL, .denied_errno = EACCES, .stock_errno = STOCK_OK,
	.type_what = "load program type sched_cls (attach type 0)", .type_class = "writes-packets",
};

FIXTURE_VARIANT_ADD(tier, controls_network_redirect) {
	.type = BPF_PROG_TYPE_SCHED_CLS,
	.insns = { MOV64_IMM(BPF_REG_1, 1), MOV64_IMM(BPF_REG_2, 0),
		   CALL(BPF_FUNC_redirect), RET0 },
	.what = "call bpf_redirect#23", .class = "controls-network",
	.allowed = NO_LEVEL, .denied_errno = EACCES, .stock_errno = STOCK_OK,
	.type_what = "load program type sched_cls (attach type 0)", .type_class = "writes-packets",
};

/* kfuncs */
FIXTURE_VARIANT_ADD(tier, kfunc_listed_rcu_read_lock) {
	.type = BPF_PROG_TYPE_KPROBE,
	.kfuncs = { "bpf_rcu_read_lock", "bpf_rcu_read_unlock" },
	.insns = { KFUNC_CALL, KFUNC_CALL, RET0 },
	.allowed = ALL_LEVELS, .stock_errno = STOCK_OK,
};

FIXTURE_VARIANT_ADD(tier, kfunc_reads_kernel_memory_rdonly_cast) {
	.type = BPF_PROG_TYPE_KPROBE,
	.kfuncs = { "bpf_rdonly_cast" },
	.insns = { MOV64_IMM(BPF_REG_1, 0), MOV64_IMM(BPF_REG_2, BTF_TYPE_PLACEHOLDER),
		   KFUNC_CALL, RET0 },
	.what = "call kfunc bpf_rdonly_cast", .class = "reads-kernel-memory",
	.allowed = INTEGRITY_ONLY, .denied_errno = EACCES, .stock_errno = STOCK_OK,
};

FIXTURE_VARIANT_ADD(tier, kfunc_bpf_internal_preempt_disable) {
	.type = BPF_PROG_TYPE_KPROBE,
	.kfuncs = { "bpf_preempt_disable", "bpf_preempt_enable" },
	.insns = { KFUNC_CALL, KFUNC_CALL, RET0 },
	.allowed = ALL_LEVELS, .stock_errno = STOCK_OK,
};

/*
 * sched_ext kfuncs of the set that tracing programs may call, whose error
 * path (a bad CPU, idle tracking off, outside the scheduler's callbacks)
 * calls scx_ops_error() and so aborts the running BPF scheduler
 */
#define SCX_KFUNC(n, get, put, in, lv)						\
	FIXTURE_VARIANT_ADD(tier, n) {						\
		.type = BPF_PROG_TYPE_TRACING, .attach = BPF_TRACE_FENTRY,	\
		.attach_func = "bpf_fentry_test1", .kfuncs = { get, put },	\
		.insns = in, .what = "call kfunc " get,				\
		.class = "reads-kernel-memory", .allowed = lv,			\
		.denied_errno = EACCES, .stock_errno = STOCK_OK,		\
	}
/* the kfunc alone, with a CPU of -1 */
#define SCX_CPU		{ MOV64_IMM(BPF_REG_1, -1), KFUNC_CALL, RET0 }
/* get a cpumask and put it */
#define SCX_GET_PUT	{ KFUNC_CALL, MOV64_REG(BPF_REG_1, BPF_REG_0), KFUNC_CALL, RET0 }

SCX_KFUNC(kfunc_aborts_scheduler_cpuperf_cap, "scx_bpf_cpuperf_cap", NULL, SCX_CPU, NO_LEVEL);
SCX_KFUNC(kfunc_aborts_scheduler_cpu_rq, "scx_bpf_cpu_rq", NULL, SCX_CPU, NO_LEVEL);
SCX_KFUNC(kfunc_aborts_scheduler_idle_cpumask, "scx_bpf_get_idle_cpumask",
	  "scx_bpf_put_idle_cpumask", SCX_GET_PUT, NO_LEVEL);
SCX_KFUNC(kfunc_aborts_scheduler_cpuperf_cur, "scx_bpf_cpuperf_cur", NULL, SCX_CPU, NO_LEVEL);
SCX_KFUNC(kfunc_aborts_scheduler_dsq_nr_queued, "scx_bpf_dsq_nr_queued", NULL, SCX_CPU,
	  NO_LEVEL);
SCX_KFUNC(kfunc_aborts_scheduler_idle_smtmask, "scx_bpf_get_idle_smtmask",
	  "scx_bpf_put_idle_cpumask", SCX_GET_PUT, NO_LEVEL);
/* one without an error path stays allowed at integrity */
SCX_KFUNC(kfunc_reads_scheduler_state_possible_cpumask, "scx_bpf_get_possible_cpumask",
	  "scx_bpf_put_cpumask", SCX_GET_PUT, INTEGRITY_ONLY);

/*
 * Kfuncs allowed at integrity only (reads-kernel-memory), one per family:
 * each hands the program a kernel object (a task, a cgroup, the kernel's
 * own context, a packet) that it may read but not write
 */
#define INTEGRITY_KFUNC(n, t, a, f, get, put, in)				\
	FIXTURE_VARIANT_ADD(tier, n) {						\
		.type = t, .attach = a, .attach_func = f,			\
		.kfuncs = { get, put }, .insns = in,				\
		.what = "call kfunc " get, .class = "reads-kernel-memory",	\
		.allowed = INTEGRITY_ONLY, .denied_errno = EACCES,		\
		.stock_errno = STOCK_OK,					\
	}
/* r0 = get(1); if (r0) put(r0); return 0 */
#define GET_ONE_PUT	{ MOV64_IMM(BPF_REG_1, 1), KFUNC_CALL,				\
			  INSN(BPF_JMP | BPF_JEQ | BPF_K, BPF_REG_0, 0, 2, 0),		\
			  MOV64_REG(BPF_REG_1, BPF_REG_0), KFUNC_CALL, RET0 }
/* r1, the context: get(r1); return 0 */
#define CTX_ONLY	{ KFUNC_CALL, RET0 }
/* bpf_dynptr_from_skb(ctx, 0, fp - 16); return 0 */
#define SKB_DYNPTR	{ MOV64_IMM(BPF_REG_2, 0), MOV64_REG(BPF_REG_3, BPF_REG_10),	\
			  ADD64_IMM(BPF_REG_3, -16), KFUNC_CALL, RET0 }

INTEGRITY_KFUNC(kfunc_reads_kernel_memory_task_from_pid, BPF_PROG_TYPE_TRACING,
		BPF_TRACE_FENTRY, "bpf_fentry_test1", "bpf_task_from_pid", "bpf_task_release",
		GET_ONE_PUT);
INTEGRITY_KFUNC(kfunc_reads_kernel_memory_cgroup_from_id, BPF_PROG_TYPE_TRACING,
		BPF_TRACE_FENTRY, "bpf_fentry_test1", "bpf_cgroup_from_id",
		"bpf_cgroup_release", GET_ONE_PUT);
INTEGRITY_KFUNC(kfunc_reads_kernel_memory_cast_to_kern_ctx, BPF_PROG_TYPE_KPROBE, 0, NULL,
		"bpf_cast_to_kern_ctx", NULL, CTX_ONLY);
INTEGRITY_KFUNC(kfunc_reads_kernel_memory_dynptr_from_skb, BPF_PROG_TYPE_SOCKET_FILTER, 0,
		NULL, "bpf_dynptr_from_skb", NULL, SKB_DYNPTR);

/* net/bpf/test_run.c's kfuncs serve the kernel's own selftests: not listed */
FIXTURE_VARIANT_ADD(tier, kfunc_unlisted_test_release) {
	.type = BPF_PROG_TYPE_KPROBE,
	.kfuncs = { "bpf_kfunc_call_test_release" },
	.insns = { KFUNC_CALL, RET0 },
	.what = "call kfunc bpf_kfunc_call_test_release", .class = "unclassified",
	.allowed = NO_LEVEL, .denied_errno = EACCES,
	/* the stock verifier: "calling kernel function ... is not allowed" (kprobe) */
	.stock_errno = { EACCES, EACCES, EACCES },
};

/* Kernel memory through BTF pointers: tp_btf sched_switch, prev->flags */
FIXTURE_VARIANT_ADD(tier, btf_pointer_read_tp_btf) {
	.type = BPF_PROG_TYPE_TRACING, .attach = BPF_TRACE_RAW_TP,
	.attach_typedef = "btf_trace_sched_switch",
	.insns = { LDX_DW(BPF_REG_1, BPF_REG_1, 8), LDX_DW(BPF_REG_0, BPF_REG_1, 0), RET0 },
	.what = "read kernel memory through a BTF pointer (insn 1)",
	.class = "reads-kernel-memory",
	.allowed = INTEGRITY_ONLY, .denied_errno = EACCES, .stock_errno = STOCK_OK,
	.leak_errno = EPERM,
};

/* The address of a per-CPU kernel variable, by BTF ID */
FIXTURE_VARIANT_ADD(tier, ksym_address_runqueues) {
	.type = BPF_PROG_TYPE_KPROBE,
	.insns = { INSN(BPF_LD | BPF_DW | BPF_IMM, BPF_REG_1, BPF_PSEUDO_BTF_ID, 0,
			BTF_VAR_PLACEHOLDER), INSN(0, 0, 0, 0, 0), RET0 },
	.what = "load the address of a kernel variable (__ksym) (insn 0)",
	.class = "leaks-kernel-address",
	.allowed = INTEGRITY_ONLY, .denied_errno = EACCES, .stock_errno = STOCK_OK,
};

/* Program and attach types */
#define TYPE_ALLOWED(n, t, a, f)						\
	FIXTURE_VARIANT_ADD(tier, n) {						\
		.type = t, .attach = a, .attach_func = f,			\
		.insns = { RET0 }, .allowed = ALL_LEVELS, .stock_errno = STOCK_OK, \
	}

TYPE_ALLOWED(type_socket_filter_allowed, BPF_PROG_TYPE_SOCKET_FILTER, 0, NULL);
TYPE_ALLOWED(type_kprobe_allowed, BPF_PROG_TYPE_KPROBE, 0, NULL);
TYPE_ALLOWED(type_tracepoint_allowed, BPF_PROG_TYPE_TRACEPOINT, 0, NULL);
TYPE_ALLOWED(type_perf_event_allowed, BPF_PROG_TYPE_PERF_EVENT, 0, NULL);
TYPE_ALLOWED(type_raw_tracepoint_allowed, BPF_PROG_TYPE_RAW_TRACEPOINT, 0, NULL);
TYPE_ALLOWED(type_fentry_allowed, BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, "bpf_fentry_test1");

/* a kernel function's registers, kernel pointers among them: integrity only */
#define TYPE_INTEGRITY_ONLY(n, t, a, tname)					\
	FIXTURE_VARIANT_ADD(tier, n) {						\
		.type = t, .attach = a, .insns = { RET0 },			\
		.allowed = ALL_LEVELS, .stock_errno = STOCK_OK,			\
		.type_what = "load program type " tname,			\
		.type_class = "leaks-kernel-address", .type_at_integrity = true, \
	}

TYPE_INTEGRITY_ONLY(type_kprobe_multi_integrity_only, BPF_PROG_TYPE_KPROBE,
		    BPF_TRACE_KPROBE_MULTI, "kprobe/multi (attach type 42)");
TYPE_INTEGRITY_ONLY(type_kprobe_session_integrity_only, BPF_PROG_TYPE_KPROBE,
		    BPF_TRACE_KPROBE_SESSION, "kprobe/session (attach type 56)");

#define TYPE_REFUSED(n, t, a, f, flags, tname, cls, stock)			\
	FIXTURE_VARIANT_ADD(tier, n) {						\
		.type = t, .attach = a, .attach_func = f, .prog_flags = flags,	\
		.insns = { RET0 }, .allowed = NO_LEVEL,				\
		.stock_errno = { stock, stock, stock },				\
		.type_what = "load program type " tname, .type_class = cls,	\
	}

TYPE_REFUSED(type_fmod_ret_refused, BPF_PROG_TYPE_TRACING, BPF_MODIFY_RETURN,
	     "bpf_modify_return_test", 0, "tracing/fmod_ret (attach type 26)",
	     "modifies-kernel-behaviour", 0);
TYPE_REFUSED(type_lsm_refused, BPF_PROG_TYPE_LSM, BPF_LSM_MAC, "bpf_lsm_file_open", 0,
	     "lsm (attach type 27)", "modifies-kernel-behaviour", 0);
TYPE_REFUSED(type_struct_ops_refused, BPF_PROG_TYPE_STRUCT_OPS, 0, NULL, 0,
	     "struct_ops (attach type 0)", "modifies-kernel-behaviour", ENOTSUPP_ERRNO);
TYPE_REFUSED(type_ext_refused, BPF_PROG_TYPE_EXT, 0, NULL, 0,
	     "ext (attach type 0)", "modifies-kernel-behaviour", EINVAL);
TYPE_REFUSED(type_syscall_refused, BPF_PROG_TYPE_SYSCALL, 0, NULL, BPF_F_SLEEPABLE,
	     "syscall (attach type 0)", "loads-programs", 0);
TYPE_REFUSED(type_xdp_refused, BPF_PROG_TYPE_XDP, 0, NULL, 0,
	     "xdp (attach type 0)", "writes-packets", 0);
TYPE_REFUSED(type_sched_cls_refused, BPF_PROG_TYPE_SCHED_CLS, 0, NULL, 0,
	     "sched_cls (attach type 0)", "writes-packets", 0);
TYPE_REFUSED(type_cgroup_skb_refused, BPF_PROG_TYPE_CGROUP_SKB, BPF_CGROUP_INET_INGRESS,
	     NULL, 0, "cgroup_skb (attach type 0)", "controls-network", 0);
TYPE_REFUSED(type_cgroup_sysctl_refused, BPF_PROG_TYPE_CGROUP_SYSCTL, BPF_CGROUP_SYSCTL,
	     NULL, 0, "cgroup_sysctl (attach type 18)", "modifies-kernel-behaviour", 0);
TYPE_REFUSED(type_cgroup_device_refused, BPF_PROG_TYPE_CGROUP_DEVICE, BPF_CGROUP_DEVICE,
	     NULL, 0, "cgroup_device (attach type 6)", "modifies-kernel-behaviour", 0);
TYPE_REFUSED(type_raw_tp_writable_refused, BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE, 0, NULL,
	     0, "raw_tracepoint_writable (attach type 0)", "modifies-kernel-behaviour", 0);
TYPE_REFUSED(type_sk_lookup_refused, BPF_PROG_TYPE_SK_LOOKUP, BPF_SK_LOOKUP, NULL, 0,
	     "sk_lookup (attach type 36)", "controls-network", 0);

TEST_HARNESS_MAIN
