// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown - enforcement in the verifier */

#define pr_fmt(fmt) "bpf_lockdown: " fmt

#include <linux/bpf.h>
#include <linux/bpf_verifier.h>
#include <linux/btf.h>
#include <linux/security.h>
#include <linux/string.h>
#include <linux/tnum.h>

#include "annot.h"
#include "digest.h"
#include "lockdown.h"

static bool bpf_lockdown_allows(const struct bpf_lockdown_env *ld,
				const struct bpf_lockdown_rule *rule)
{
	return bpf_lockdown_verdict_at(rule, ld->level) == BPF_LOCKDOWN_ALLOW;
}

/*
 * The annotation grants reading any kernel memory at @level: one of the
 * probe helpers that read an address the program chooses. Other items of
 * the reads-kernel-memory class read only what the verifier hands the
 * program (a BTF pointer, a socket, a path), and btf_read needs ksym at
 * confidentiality anyway, so they do not count.
 */
static bool bpf_lockdown_annot_reads_kernel(const struct bpf_lockdown_annot *a,
					    unsigned int level)
{
	static const int readers[] = {
		BPF_FUNC_probe_read_kernel, BPF_FUNC_probe_read_kernel_str,
		BPF_FUNC_probe_read, BPF_FUNC_probe_read_str,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(readers); i++)
		if (bpf_lockdown_annot_has_helper(a, level, readers[i]))
			return true;
	return false;
}

/*
 * The kernel-reads policy lifts the confidentiality part of the ceiling
 * only for what an annotation grants: a signature without one (mainline's
 * format) names nothing, and gets no kernel reads.
 */
static bool bpf_lockdown_ceiling_reads(const struct bpf_lockdown_env *ld)
{
	return bpf_lockdown_kernel_reads() && ld->annot;
}

/*
 * At confidentiality, a program may not learn a kernel address: it is
 * verified as the verifier verifies programs of unprivileged users, which
 * refuses to store a pointer into a map, pass one to a helper as a number,
 * compare pointers or return one (allow_ptr_leaks), and refuses loads
 * through BTF pointers outright ("access is allowed only to CAP_PERFMON"),
 * before the tier's own btf_pointer_read check would. It may not read
 * stack slots it never wrote, which hold what earlier frames spilled
 * (allow_uninit_stack), and the verifier's Spectre v1 and v4 mitigations
 * apply, as for unprivileged programs. Root always has all of these
 * otherwise.
 *
 * A signed program under the kernel-reads policy keeps all of them when
 * its annotation grants kernel addresses (ksym) at this level. When it
 * grants a probe helper that reads any kernel address but not ksym, the
 * Spectre mitigations are lifted and nothing else: they keep a program
 * from reading kernel memory speculatively, which it may read outright,
 * and verifying speculative paths as for unprivileged users refuses what
 * compilers emit for root (pointer arithmetic across paths, dead branches
 * on constants). Audit mode cannot report these refusals without making
 * them, so only enforce mode turns leaks off.
 */
static void bpf_lockdown_limit_ptr_leaks(struct bpf_verifier_env *env)
{
	struct bpf_lockdown_env *ld = &env->lockdown;
	bool reads = false;

	if (ld->level != BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY)
		return;
	if (ld->mode != BPF_LOCKDOWN_MODE_ENFORCE || (!ld->active && !ld->ceiling))
		return;
	if (ld->ceiling && bpf_lockdown_ceiling_reads(ld)) {
		if (bpf_lockdown_annot_has_cap(ld->annot, ld->level, BPF_LOCKDOWN_CAP_KSYM))
			return;
		reads = bpf_lockdown_annot_reads_kernel(ld->annot, ld->level);
	}
	env->allow_ptr_leaks = false;
	/* a never-written stack slot holds an earlier frame's pointers */
	env->allow_uninit_stack = false;
	ld->no_ptr_leaks = true;
	if (reads)
		return;
	/* and speculation reads what the verifier's bounds keep from it */
	env->bypass_spec_v1 = false;
	env->bypass_spec_v4 = false;
}

/* The iterator's target, from its attach function bpf_iter_<target> */
static const char *bpf_lockdown_iter_target(const struct bpf_prog *prog)
{
	const struct btf_type *t;
	const char *name;

	if (!prog->aux->attach_btf || prog->aux->dst_prog)
		return NULL;
	t = btf_type_by_id(prog->aux->attach_btf, prog->aux->attach_btf_id);
	if (!t)
		return NULL;
	name = btf_name_by_offset(prog->aux->attach_btf, t->name_off);
	if (!name || strncmp(name, "bpf_iter_", 9))
		return NULL;
	return name + 9;
}

/* tracing/iter by target: what each target hands its program */
static int bpf_lockdown_check_iter(struct bpf_verifier_env *env)
{
	static const struct bpf_lockdown_rule unlisted = {
		.name = "iter",
		.class = BPF_LOCKDOWN_CLASS_UNCLASSIFIED,
	};
	const char *target = bpf_lockdown_iter_target(env->prog);
	const struct bpf_lockdown_rule *rule;

	/* fail closed: a target named by anything but kernel BTF is unknown */
	rule = target ? bpf_lockdown_iter_rule(target) ?: &unlisted : &unlisted;
	if (bpf_lockdown_allows(&env->lockdown, rule))
		return 0;
	return bpf_lockdown_deny(env, rule, -EPERM, "load an iterator over %s",
				 target ?: "a target not in kernel BTF");
}

/*
 * A sleepable fentry, fexit or fmod_ret program runs wherever its target
 * function is called, with no more than the sleepable trampoline's
 * protection. The verifier lets it sleep on a function the kernel declares
 * sleepable (KF_SLEEPABLE in a fmod_ret set) and on any function that
 * allows error injection, and some of those are called in softirq
 * (page_pool_alloc_pages() from a NAPI poll, or from a live-frames test
 * run of any XDP program): bpf_copy_from_user_task() would sleep there.
 * Unsigned, it may sleep only on the former and on the entries of system
 * calls of vmlinux, which run in process context: a name with one of
 * these prefixes that the verifier lets sleep is a system call's entry,
 * since only those allow error injection (a module's function may be
 * named anything). Architectures that name their entries sys_* (powerpc,
 * mips, loongarch, arm) are not listed: sys_ names other functions too.
 */
static const char * const bpf_lockdown_syscall_prefixes[] = {
	"__x64_sys_", "__ia32_sys_", "__x64_compat_sys_", "__ia32_compat_sys_",
	"__arm64_sys_", "__arm64_compat_sys_", "__riscv_sys_", "__riscv_compat_sys_",
	"__s390x_sys_", "__s390_sys_", "__se_sys_", "__do_sys_", "__se_compat_sys_",
	"__do_compat_sys_",
};

static int bpf_lockdown_check_sleepable(struct bpf_verifier_env *env)
{
	static const struct bpf_lockdown_rule anywhere = {
		.name = "sleepable tracing",
		.class = BPF_LOCKDOWN_CLASS_MODIFIES_KERNEL_BEHAVIOUR,
	};
	const struct bpf_prog *prog = env->prog;
	const struct btf *btf = prog->aux->attach_btf;
	const char *name = NULL;
	const struct btf_type *t;
	u32 *flags;
	size_t i;

	if (prog->aux->dst_prog)
		return bpf_lockdown_deny(env, &anywhere, -EPERM,
					 "load a sleepable program on a BPF program");
	if (btf) {
		t = btf_type_by_id(btf, prog->aux->attach_btf_id);
		name = t ? btf_name_by_offset(btf, t->name_off) : NULL;
	}
	if (!name)
		return bpf_lockdown_deny(env, &anywhere, -EPERM,
					 "load a sleepable program on a target not in kernel BTF");
	flags = btf_kfunc_is_modify_return(btf, prog->aux->attach_btf_id, prog);
	if (flags && (*flags & KF_SLEEPABLE))
		return 0;
	for (i = 0; i < ARRAY_SIZE(bpf_lockdown_syscall_prefixes) && !btf_is_module(btf); i++)
		if (str_has_prefix(name, bpf_lockdown_syscall_prefixes[i]))
			return 0;
	return bpf_lockdown_deny(env, &anywhere, -EPERM,
				 "load a sleepable program on %.40s, not a system call", name);
}

/**
 * bpf_lockdown_check_prog() - start of a load: attr fields, program type
 * @env: verifier environment; env->prog has its type and attach type
 * @attr: the kernel copy of union bpf_attr
 * @uattr: where @attr came from
 *
 * Reads the lockdown level and the enforcement mode once for the whole
 * load, copies and parses the program's annotation, verifies its signature,
 * and decides whether the unsigned tier or the ceiling for signed programs
 * applies. A program signed by a user keyring gets the unsigned tier.
 *
 * Context: process context, at the start of bpf_check().
 * Return: 0; an errno of bpf_lockdown_read_annot_and_sig(); or -EPERM when the
 * annotation does not allow loading at this level or the tier refuses the
 * program or attach type.
 */
int bpf_lockdown_check_prog(struct bpf_verifier_env *env, const union bpf_attr *attr,
			    bpfptr_t uattr)
{
	struct bpf_lockdown_env *ld = &env->lockdown;
	const struct bpf_prog *prog = env->prog;
	const struct bpf_lockdown_rule *rule;
	int err;

	ld->level = bpf_lockdown_level();
	ld->mode = bpf_lockdown_mode();
	err = bpf_lockdown_read_annot_and_sig(env, attr, uattr);
	if (err)
		return err;
	/* lent for the load: bpf_lockdown_probe_read_proto() reads it */
	env->prog->aux->lockdown_annot = ld->annot;
	if (ld->annot && !bpf_lockdown_annot_may_load(ld->annot, ld->level))
		return bpf_lockdown_deny(env, NULL, -EPERM, "load");
	ld->active = ld->level != BPF_LOCKDOWN_LEVEL_NONE &&
		     ld->mode != BPF_LOCKDOWN_MODE_OFF;
	if (ld->active && bpf_lockdown_prog_trusted(prog)) {
		ld->active = false;
		ld->ceiling = true;
	}
	bpf_lockdown_limit_ptr_leaks(env);
	if (!ld->active)
		return 0;
	if (ld->sig == BPF_LOCKDOWN_SIG_USER)
		bpf_verifier_log_write(env,
				       "lockdown: a user keyring signature earns nothing beyond the unsigned tier in %s mode\n",
				       bpf_lockdown_level_name(ld->level));

	rule = bpf_lockdown_prog_rule(prog->type, prog->expected_attach_type);
	if (!rule)
		return 0;	/* not a program type: the verifier says so */
	if (!bpf_lockdown_allows(ld, rule))
		return bpf_lockdown_deny(env, rule, -EPERM, "load program type %s (attach type %u)",
					 rule->name, prog->expected_attach_type);
	if (prog->type == BPF_PROG_TYPE_TRACING && prog->expected_attach_type == BPF_TRACE_ITER)
		return bpf_lockdown_check_iter(env);
	if (prog->type == BPF_PROG_TYPE_TRACING && prog->sleepable)
		return bpf_lockdown_check_sleepable(env);
	return 0;
}

static bool bpf_lockdown_is_stack_helper(int func_id)
{
	return bpf_lockdown_stack_flags_reg(func_id) >= 0;
}

/*
 * The value of argument register @regno at this call when the verifier
 * knows it, marked precise: a path that reaches the call with another
 * value is then not pruned as equivalent to this one, and is checked too.
 */
static bool bpf_lockdown_const_arg(struct bpf_verifier_env *env, u32 regno, u64 *val)
{
	struct bpf_verifier_state *state = env->cur_state;
	const struct bpf_reg_state *reg = &state->frame[state->curframe]->regs[regno];

	if (reg->type != SCALAR_VALUE || !tnum_is_const(reg->var_off))
		return false;
	*val = reg->var_off.value;
	return !mark_chain_precision(env, regno);
}

/* The flags argument of a stack helper asks for the user stack, on every path */
static bool bpf_lockdown_user_stack_only(struct bpf_verifier_env *env, int func_id)
{
	int regno = bpf_lockdown_stack_flags_reg(func_id);
	u64 flags;

	return regno >= 0 && bpf_lockdown_const_arg(env, regno, &flags) &&
	       (flags & BPF_F_USER_STACK);
}

/*
 * A loader signed in mainline's format runs with a context its caller
 * writes. At confidentiality, whatever its annotation grants, it may call
 * only the helpers libbpf's loaders call (bpf_lockdown_loader_helper()),
 * and bpf_probe_read_kernel() only from address 0, to zero its stack: a
 * read from an address taken from the context is one of the caller's
 * choosing (libbpf's copy of a map's initial value when the caller sets
 * BPF_SKEL_KERNEL), and so is a format helper's "%s". Sets *@why.
 */
static bool bpf_lockdown_loader_call_refused(struct bpf_verifier_env *env, int func_id,
					     const char **why)
{
	u64 src;

	if (env->lockdown.level != BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY ||
	    !bpf_lockdown_sig_mainline(env))
		return false;
	*why = ", a helper loaders do not call,";
	if (!bpf_lockdown_loader_helper(func_id))
		return true;
	*why = " from an address other than 0";
	return func_id == BPF_FUNC_probe_read_kernel &&
	       (!bpf_lockdown_const_arg(env, BPF_REG_3, &src) || src);
}

/* After the ceiling allowed a helper: 0, or the refusal of a loader's call */
static int bpf_lockdown_check_loader_call(struct bpf_verifier_env *env,
					  const struct bpf_lockdown_rule *rule, int func_id)
{
	struct bpf_lockdown_env *ld = &env->lockdown;
	const char *why;

	if (!ld->ceiling || !bpf_lockdown_loader_call_refused(env, func_id, &why))
		return 0;
	if (ld->mode != BPF_LOCKDOWN_MODE_ENFORCE && __test_and_set_bit(func_id, ld->reported))
		return 0;
	return bpf_lockdown_deny(env, rule, -EACCES, "call bpf_%s#%d%s", rule->name, func_id,
				 why);
}

/*
 * The verdict on a helper: the ceiling's for a signed program, the tier's
 * otherwise. The ceiling allows a stack helper only for user stacks unless
 * it allows kernel stacks.
 */
static int bpf_lockdown_helper_verdict(const struct bpf_lockdown_env *ld,
				       const struct bpf_lockdown_rule *rule, int func_id)
{
	u32 caps;

	if (!ld->ceiling)
		return bpf_lockdown_verdict_at(rule, ld->level);
	if (bpf_lockdown_is_stack_helper(func_id)) {
		caps = bpf_lockdown_ceiling_caps(ld->level, bpf_lockdown_ceiling_reads(ld));
		return caps & BPF_LOCKDOWN_CAP_KERNEL_STACK ? BPF_LOCKDOWN_ALLOW :
							      BPF_LOCKDOWN_USER_STACK;
	}
	return bpf_lockdown_ceiling_allows(rule, ld->level, bpf_lockdown_ceiling_reads(ld)) ?
	       BPF_LOCKDOWN_ALLOW : BPF_LOCKDOWN_DENY;
}

static const char bpf_lockdown_kstack_why[] =
	" for a kernel stack (flags without BPF_F_USER_STACK)";

/*
 * Make the refusal of a helper on a speculative path that the verifier did not
 * end with a speculation barrier (see bpf_lockdown_spec_recover()).
 */
static void bpf_lockdown_spec_refuse(struct bpf_verifier_env *env)
{
	struct bpf_lockdown_env *ld = &env->lockdown;
	const struct bpf_lockdown_rule *rule = ld->spec_rule;

	if (!rule)
		return;
	ld->spec_rule = NULL;
	bpf_lockdown_deny(env, rule, -EACCES, "call bpf_%s#%d%s", rule->name, ld->spec_func,
			  ld->spec_kstack ? bpf_lockdown_kstack_why : "");
}

/*
 * Refuse a helper the tier or the ceiling refuses (for a kernel stack when
 * @kstack). On a speculative path in enforce mode the refusal waits for
 * the verifier, which may end the path with a speculation barrier instead
 * (bpf_lockdown_spec_recover()); bpf_lockdown_check_done() makes it if the
 * verifier does not. Nothing is reported meanwhile, and @ld->reported is
 * left alone: a call of the same helper on a path that runs is refused.
 */
static int bpf_lockdown_deny_helper(struct bpf_verifier_env *env,
				    const struct bpf_lockdown_rule *rule, int func_id,
				    bool kstack)
{
	struct bpf_lockdown_env *ld = &env->lockdown;

	if (ld->mode == BPF_LOCKDOWN_MODE_ENFORCE) {
		if (env->cur_state && env->cur_state->speculative) {
			bpf_lockdown_spec_refuse(env);	/* one never recovered */
			ld->spec_rule = rule;
			ld->spec_idx = env->insn_idx;
			ld->spec_func = func_id;
			ld->spec_kstack = kstack;
			return -EACCES;
		}
	} else if (__test_and_set_bit(func_id, ld->reported)) {
		return 0;
	}
	return bpf_lockdown_deny(env, rule, -EACCES, "call bpf_%s#%d%s", rule->name, func_id,
				 kstack ? bpf_lockdown_kstack_why : "");
}

/**
 * bpf_lockdown_check_helper() - a helper call site
 * @env: verifier environment
 * @func_id: the helper ID in the call instruction
 *
 * In audit mode each refused helper is reported once per load, however
 * many times the verifier walks its call sites. A refusal on a speculative
 * path waits for the verifier (bpf_lockdown_deny_helper()).
 *
 * Context: process context, from check_helper_call().
 * Return: 0, or -EACCES when the helper is refused.
 */
int bpf_lockdown_check_helper(struct bpf_verifier_env *env, int func_id)
{
	struct bpf_lockdown_env *ld = &env->lockdown;
	const struct bpf_lockdown_rule *rule;
	int verdict;

	rule = bpf_lockdown_helper_rule(func_id);
	if (!rule)
		return 0;	/* not a helper: the verifier says so */
	if (ld->annot) {
		if (!bpf_lockdown_annot_has_helper(ld->annot, ld->level, func_id))
			return bpf_lockdown_deny(env, NULL, -EACCES, "call bpf_%s#%d",
						 rule->name, func_id);
		/* the capability first: judging the flags costs their pruning */
		if (bpf_lockdown_is_stack_helper(func_id) &&
		    !bpf_lockdown_annot_has_cap(ld->annot, ld->level,
						BPF_LOCKDOWN_CAP_KERNEL_STACK) &&
		    !bpf_lockdown_user_stack_only(env, func_id))
			return bpf_lockdown_deny(env, NULL, -EACCES,
						 "call bpf_%s#%d for a kernel stack",
						 rule->name, func_id);
	}
	if (!ld->active && !ld->ceiling)
		return 0;
	verdict = bpf_lockdown_helper_verdict(ld, rule, func_id);
	/* the kernel gives the user-memory form: bpf_lockdown_probe_read_proto() */
	if (verdict == BPF_LOCKDOWN_ALLOW || verdict == BPF_LOCKDOWN_USER_MEMORY)
		return bpf_lockdown_check_loader_call(env, rule, func_id);
	if (verdict == BPF_LOCKDOWN_USER_STACK) {
		if (bpf_lockdown_user_stack_only(env, func_id))
			return bpf_lockdown_check_loader_call(env, rule, func_id);
		return bpf_lockdown_deny_helper(env, rule, func_id, true);
	}
	return bpf_lockdown_deny_helper(env, rule, func_id, false);
}

/*
 * The kernel-reads policy gives a system-signed program a kernel-reading
 * helper at confidentiality when its annotation grants that helper there.
 * The annotation is lent to prog->aux for the load
 * (bpf_lockdown_check_prog()); in mode off BPF lockdown adds nothing to
 * stock lockdown, and stock lockdown's rule holds. Below confidentiality
 * nothing is granted here: a refusal there is not lockdown's (an LSM's
 * locked_down hook) and stands.
 */
static bool bpf_lockdown_kernel_read_granted(const struct bpf_prog *prog,
					     enum bpf_func_id func_id)
{
	const struct bpf_lockdown_annot *a = prog->aux->lockdown_annot;

	return bpf_lockdown_kernel_reads() && bpf_lockdown_mode() != BPF_LOCKDOWN_MODE_OFF &&
	       bpf_lockdown_level() >= BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY &&
	       bpf_lockdown_prog_trusted(prog) && a &&
	       bpf_lockdown_annot_has_helper(a, BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY, func_id);
}

/**
 * bpf_lockdown_probe_read_proto() - the kernel-reading probe_read helpers
 *	where lockdown refuses kernel reads
 * @func_id: BPF_FUNC_probe_read_kernel, BPF_FUNC_probe_read_kernel_str,
 *	BPF_FUNC_probe_read or BPF_FUNC_probe_read_str
 * @prog: the program being verified
 * @kernel: the helper, which stock lockdown gives where it does not refuse
 *	LOCKDOWN_BPF_READ_KERNEL
 *
 * Stock lockdown takes these helpers away wherever it refuses
 * LOCKDOWN_BPF_READ_KERNEL (for an address above TASK_SIZE the compat
 * bpf_probe_read{,_str}() read kernel memory too). Two programs get more:
 *
 * A system-signed program whose annotation grants the helper at the
 * confidentiality level gets @kernel when the kernel-reads policy is on
 * (bpf_lockdown_kernel_reads()): the ceiling for signed programs, which
 * bpf_lockdown_check_helper() applied to the call first, lets it through
 * only then, too.
 *
 * A program without a system signature gets, for the compat helpers, the
 * user-memory helpers in their place. libbpf, whose probe of
 * bpf_probe_read_kernel() fails where kernel reads are refused, rewrites
 * every bpf_probe_read_user{,_str}() of a program into the compat helpers,
 * and a program that reads only user memory would fail to load. The user
 * forms take the same arguments, and for an address outside user space
 * they return -EFAULT with the destination zeroed, never a kernel byte. The
 * unsigned tier allows the compat helpers on these terms
 * (%BPF_LOCKDOWN_USER_MEMORY at confidentiality).
 *
 * The rule follows BPF lockdown's own level, which the tier judges by, and
 * not only stock lockdown's answer: with the lockdown LSM built but not
 * enabled, lockdown=confidentiality sets the level while stock lockdown
 * refuses nothing, and the tier's %BPF_LOCKDOWN_USER_MEMORY verdict must
 * still mean the user-memory form. The level only rises, so a level raised
 * between check_helper_call() and do_misc_fixups() gives the user-memory
 * form at the second, whose arguments are those the first verified.
 *
 * Context: from bpf_base_func_proto() and bpf_tracing_func_proto().
 * Return: @kernel, &bpf_probe_read_user_proto or
 * &bpf_probe_read_user_str_proto; otherwise stock lockdown's answer,
 * @kernel or NULL.
 */
const struct bpf_func_proto *bpf_lockdown_probe_read_proto(enum bpf_func_id func_id,
							   const struct bpf_prog *prog,
							   const struct bpf_func_proto *kernel)
{
	const struct bpf_func_proto *stock =
		security_locked_down(LOCKDOWN_BPF_READ_KERNEL) < 0 ? NULL : kernel;

	if (stock && bpf_lockdown_level() < BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY)
		return stock;
	if (bpf_lockdown_kernel_read_granted(prog, func_id))
		return kernel;
	if (bpf_lockdown_prog_trusted(prog))
		return stock;
	switch (func_id) {
	case BPF_FUNC_probe_read:
		return &bpf_probe_read_user_proto;
	case BPF_FUNC_probe_read_str:
		return &bpf_probe_read_user_str_proto;
	default:
		return stock;
	}
}

/**
 * bpf_lockdown_check_kfunc() - a kfunc, once per kfunc per load
 * @env: verifier environment
 * @name: BTF name of the kfunc
 *
 * Context: process context, from add_kfunc_call().
 * Return: 0, or -EACCES when the kfunc is refused.
 */
int bpf_lockdown_check_kfunc(struct bpf_verifier_env *env, const char *name)
{
	static const struct bpf_lockdown_rule unlisted = {
		.name = "kfunc",
		.class = BPF_LOCKDOWN_CLASS_UNCLASSIFIED,
	};
	struct bpf_lockdown_env *ld = &env->lockdown;
	const struct bpf_lockdown_rule *rule;

	if (ld->annot && !bpf_lockdown_annot_has_kfunc(ld->annot, ld->level, name))
		return bpf_lockdown_deny(env, NULL, -EACCES, "call kfunc %s", name);
	if (!ld->active && !ld->ceiling)
		return 0;
	rule = bpf_lockdown_kfunc_rule(name) ?: &unlisted;
	if (ld->ceiling ?
	    bpf_lockdown_ceiling_allows(rule, ld->level, bpf_lockdown_ceiling_reads(ld)) :
	    bpf_lockdown_allows(ld, rule))
		return 0;
	return bpf_lockdown_deny(env, rule, -EACCES, "call kfunc %s", name);
}

/* The instruction reads kernel memory through a BTF-typed pointer */
static bool bpf_lockdown_is_btf_read(struct bpf_verifier_env *env, u32 i)
{
	enum bpf_reg_type type = env->insn_aux_data[i].ptr_type;

	return BPF_CLASS(env->prog->insnsi[i].code) == BPF_LDX &&
	       base_type(type) == PTR_TO_BTF_ID && !(type & MEM_ALLOC);
}

/* The instruction loads the address of a kernel variable (__ksym) */
static bool bpf_lockdown_is_ksym(struct bpf_verifier_env *env, u32 i)
{
	const struct bpf_insn *insn = &env->prog->insnsi[i];

	return insn->code == BPF_LOCKDOWN_LD_IMM64 &&
	       insn->src_reg == BPF_PSEUDO_BTF_ID;
}

/*
 * The BTF type of the argument of a tracing or LSM program's context at
 * byte @off: btf_ctx_access()'s own walk (get_ctx_arg_idx()), modifiers
 * skipped; the return value for the slot after the last argument. NULL
 * where there is no such argument or no prototype.
 */
static const struct btf_type *bpf_lockdown_ctx_arg(const struct bpf_prog *prog, int off)
{
	const struct btf_type *proto = prog->aux->attach_func_proto;
	struct btf *btf = bpf_prog_get_target_btf(prog);
	const struct btf_param *args;
	const struct btf_type *t;
	u32 i, nr_args, end = 0;

	if (!proto || !btf || off < 0)
		return NULL;
	args = btf_params(proto);
	nr_args = btf_type_vlen(proto);
	for (i = 0; i <= nr_args; i++) {
		t = btf_type_skip_modifiers(btf, i < nr_args ? args[i].type : proto->type, NULL);
		if (!t)
			return NULL;
		end += btf_type_is_ptr(t) ? 8 : roundup(t->size, 8);
		if (off < end)
			break;
	}
	if (prog->aux->attach_btf_trace) {
		/* the first argument of btf_trace_<name> is "void *__data" */
		args++;
		nr_args--;
	}
	if (i > nr_args)
		return NULL;
	return btf_type_skip_modifiers(btf, i < nr_args ? args[i].type : proto->type, NULL);
}

/* btf.c's btf_type_is_modifier(), which is static */
static bool bpf_lockdown_btf_modifier(const struct btf_type *t)
{
	switch (BTF_INFO_KIND(t->info)) {
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPE_TAG:
		return true;
	default:
		return false;
	}
}

/* A pointer whose pointee carries the "user" type tag: a user address */
static bool bpf_lockdown_user_ptr(const struct btf *btf, const struct btf_type *t)
{
	while (t && bpf_lockdown_btf_modifier(t)) {
		if (btf_type_is_type_tag(t) &&
		    !strcmp(btf_name_by_offset(btf, t->name_off), "user"))
			return true;
		t = btf_type_by_id(btf, t->type);
	}
	return false;
}

/*
 * An argument the verifier types as a number although it holds a kernel
 * pointer, or may: one whose type is a pointer that btf_ctx_access() hands
 * out as a scalar ("void *", pointers to integers, the struct pointers of
 * the tracepoints it marks as maybe-bad), unless tagged __user, and a
 * struct or union passed by value. Typed pointers are not numbers: without
 * pointer leaks they cannot be stored, compared or passed on.
 */
static bool bpf_lockdown_arg_is_pointer_number(const struct bpf_prog *prog, int off)
{
	struct btf *btf = bpf_prog_get_target_btf(prog);
	struct bpf_insn_access_aux info = {};
	const struct btf_type *t;

	/*
	 * Without a prototype (a BPF target whose BTF did not match, see
	 * btf_ctx_access()) every argument is a number; a BPF target's
	 * prototype is its loader's word, which may call a pointer a long
	 */
	if (!prog->aux->attach_func_proto || prog->aux->dst_prog)
		return true;
	t = bpf_lockdown_ctx_arg(prog, off);
	if (!t)
		return false;
	if (__btf_type_is_struct(t))
		return true;
	if (!btf_type_is_ptr(t) || bpf_lockdown_user_ptr(btf, btf_type_by_id(btf, t->type)))
		return false;
	/* the verifier's own answer for this load, which it accepted */
	if (!btf_ctx_access(off, sizeof(u64), BPF_READ, prog, &info))
		return true;
	return base_type(info.reg_type) == NOT_INIT || base_type(info.reg_type) == SCALAR_VALUE;
}

/* The offset of the instruction pointer in bpf_user_pt_regs_t, or -1 */
#if defined(CONFIG_X86_64)
#define BPF_LOCKDOWN_REGS_IP ((int)offsetof(struct pt_regs, ip))
#else
#define BPF_LOCKDOWN_REGS_IP (-1)
#endif

/*
 * The instruction loads a kernel pointer from the context that the
 * verifier types as a number: an argument of a tracing or LSM program
 * (above), or a register of a perf event sample other than the instruction
 * pointer. A kernel sample's registers are the kernel's: perf itself
 * refuses them at confidentiality (PERF_SAMPLE_REGS_INTR), while it gives
 * the instruction pointer (PERF_SAMPLE_IP). After convert_ctx_accesses()
 * a register load is the second of two loads, at the register's offset,
 * with the original's aux data; sample_period and addr record a field size.
 */
static bool bpf_lockdown_is_pointer_number(struct bpf_verifier_env *env, u32 i)
{
	const struct bpf_insn *insn = &env->prog->insnsi[i];
	const struct bpf_insn_aux_data *aux = &env->insn_aux_data[i];
	const struct bpf_prog *prog = env->prog;

	if (BPF_CLASS(insn->code) != BPF_LDX || base_type(aux->ptr_type) != PTR_TO_CTX)
		return false;
	switch (prog->type) {
	case BPF_PROG_TYPE_TRACING:
	case BPF_PROG_TYPE_LSM:
		return bpf_lockdown_arg_is_pointer_number(prog, insn->off);
	case BPF_PROG_TYPE_PERF_EVENT:
		return !aux->ctx_field_size && insn->off != BPF_LOCKDOWN_REGS_IP;
	default:
		return false;
	}
}

/*
 * Whether the program's annotation, the tier or the ceiling refuses a
 * capability; *@rulep is the rule to report, NULL for the annotation.
 */
static bool bpf_lockdown_cap_refused(struct bpf_verifier_env *env, const char *cap,
				     u32 annot_cap, const struct bpf_lockdown_rule **rulep)
{
	const struct bpf_lockdown_rule *rule = bpf_lockdown_cap_rule(cap);
	struct bpf_lockdown_env *ld = &env->lockdown;
	bool by_annot, by_tier, by_ceiling;
	u32 caps;

	by_annot = ld->annot && !bpf_lockdown_annot_has_cap(ld->annot, ld->level, annot_cap);
	by_tier = ld->active && rule && !bpf_lockdown_allows(ld, rule);
	caps = bpf_lockdown_ceiling_caps(ld->level, bpf_lockdown_ceiling_reads(ld));
	by_ceiling = ld->ceiling && !(annot_cap & caps);
	*rulep = by_annot ? NULL : rule;
	return by_annot || by_tier || by_ceiling;
}

static int bpf_lockdown_check_cap(struct bpf_verifier_env *env, const char *cap,
				  u32 annot_cap,
				  bool (*match)(struct bpf_verifier_env *env, u32 i),
				  const char *what)
{
	const struct bpf_lockdown_rule *rule;
	u32 i;

	if (!bpf_lockdown_cap_refused(env, cap, annot_cap, &rule))
		return 0;
	for (i = 0; i < env->prog->len; i++) {
		if (!match(env, i))
			continue;
		return bpf_lockdown_deny(env, rule, -EACCES, "%s (insn %u)",
					 what, env->insn_aux_data[i].orig_idx);
	}
	return 0;
}

/**
 * bpf_lockdown_check_btf_mem() - a BTF pointer passed as helper memory
 * @env: verifier environment, at a helper or kfunc call
 * @regno: the argument register
 *
 * The verifier lets a program pass a trusted BTF pointer where a helper
 * reads memory (bpf_ringbuf_output(), bpf_perf_event_output(),
 * bpf_seq_write(), bpf_strncmp(), ...) and as a global function's memory
 * argument: the callee then reads kernel memory without a load instruction
 * of the program's own. It is the same
 * read as a load through the pointer, so it needs the same capability
 * (btf_pointer_read, the annotation's btf_read). Reported once per load.
 *
 * Context: process context, from check_helper_mem_access().
 * Return: 0, or -EACCES when such reads are refused.
 */
int bpf_lockdown_check_btf_mem(struct bpf_verifier_env *env, u32 regno)
{
	const struct bpf_lockdown_rule *rule;
	struct bpf_lockdown_env *ld = &env->lockdown;

	if (!bpf_lockdown_cap_refused(env, "btf_pointer_read", BPF_LOCKDOWN_CAP_BTF_READ, &rule))
		return 0;
	if (ld->btf_mem_reported)
		return rule && ld->mode != BPF_LOCKDOWN_MODE_ENFORCE ? 0 : -EACCES;
	ld->btf_mem_reported = true;
	return bpf_lockdown_deny(env, rule, -EACCES,
				 "pass kernel memory behind a BTF pointer to a helper (R%u, insn %d)",
				 regno, env->insn_idx);
}

/**
 * bpf_lockdown_map_refused() - the tier's rule that refuses an unsigned
 * program a map at a level
 * @map: the map
 * @level: &enum bpf_lockdown_level
 *
 * A map of maps is judged by its inner maps' type too.
 *
 * Return: the refusing rule, or NULL when the tier allows @map at @level.
 */
const struct bpf_lockdown_rule *bpf_lockdown_map_refused(const struct bpf_map *map,
							 unsigned int level)
{
	const struct bpf_lockdown_rule *rule = bpf_lockdown_map_rule(map->map_type);

	if (rule && bpf_lockdown_verdict_at(rule, level) == BPF_LOCKDOWN_ALLOW &&
	    map->inner_map_meta)
		rule = bpf_lockdown_map_rule(map->inner_map_meta->map_type);
	if (!rule || bpf_lockdown_verdict_at(rule, level) == BPF_LOCKDOWN_ALLOW)
		return NULL;
	return rule;
}

/*
 * The maps an unsigned program uses, by type: a map that steers packets or
 * sockets (sockmap, devmap, xskmap, ...) acts on the network for whichever
 * program updates it, whatever that program's own type. A map of maps is
 * judged by its inner map's type too.
 */
static int bpf_lockdown_check_maps(struct bpf_verifier_env *env)
{
	const struct bpf_lockdown_rule *rule;
	const struct bpf_map *map;
	u32 i;
	int err;

	if (!env->lockdown.active)
		return 0;
	for (i = 0; i < env->used_map_cnt; i++) {
		map = env->used_maps[i];
		rule = bpf_lockdown_map_refused(map, env->lockdown.level);
		if (!rule)
			continue;
		err = bpf_lockdown_deny(env, rule, -EACCES, "use a map of type %s (map %s)",
					rule->name, map->name);
		if (err)
			return err;
	}
	return 0;
}

/*
 * A program array filled before the level or mode was raised holds
 * programs judged by older rules (a raw tracepoint or tracepoint program
 * that reads its context, which bpf_lockdown_ctx_callee_ok() keeps out of
 * arrays only from then on), and they would run where the program being
 * loaded is attached. As bpf_lockdown_map_trust_ok() refuses to put such
 * a program into an array, a program loaded now does not call through an
 * array that holds one. An entry put there later is judged when it is
 * put there.
 */
static int bpf_lockdown_check_prog_arrays(struct bpf_verifier_env *env)
{
	struct bpf_lockdown_env *ld = &env->lockdown;
	bool enforce = ld->mode == BPF_LOCKDOWN_MODE_ENFORCE;
	const struct bpf_prog *p;
	struct bpf_array *array;
	struct bpf_map *map;
	bool old;
	u32 i, j;

	if (ld->level == BPF_LOCKDOWN_LEVEL_NONE || ld->mode == BPF_LOCKDOWN_MODE_OFF)
		return 0;
	for (i = 0; i < env->used_map_cnt; i++) {
		map = env->used_maps[i];
		if (map->map_type != BPF_MAP_TYPE_PROG_ARRAY)
			continue;
		array = container_of(map, struct bpf_array, map);
		old = false;
		rcu_read_lock();
		for (j = 0; j < map->max_entries && !old; j++) {
			p = READ_ONCE(array->ptrs[j]);
			old = p && bpf_lockdown_loaded_before_raise(p);
		}
		rcu_read_unlock();
		if (!old)
			continue;
		bpf_verifier_log_write(env,
				       "lockdown: program may not call through program array %s: it holds a program loaded before the level or mode was raised; %s\n",
				       map->name, enforce ? "refused" : "would be refused");
		bpf_lockdown_report(enforce ? BPF_LOCKDOWN_DECISION_REFUSED :
				    BPF_LOCKDOWN_DECISION_WOULD_REFUSE, "prog",
				    env->prog->aux->name, ld->level, ld->mode, "level",
				    "call through program array %s: it holds a program loaded before the level or mode was raised",
				    map->name);
		ld->denials++;
		if (enforce) {
			ld->refused = true;
			return -EPERM;
		}
	}
	return 0;
}

/**
 * bpf_lockdown_check_maps_and_reads() - the maps a program uses, and kernel
 *	memory reads that are not calls
 * @env: verifier environment, after convert_ctx_accesses()
 *
 * A load whose source the verifier typed PTR_TO_BTF_ID reads kernel memory,
 * whether it became a BPF_PROBE_MEM load (untrusted pointers) or stayed a
 * plain load (trusted pointers such as tp_btf arguments). Objects the
 * program allocated itself (MEM_ALLOC) are not kernel memory. A ld_imm64 of
 * a __ksym variable hands the program a kernel address.
 *
 * For a signed program, first checks that its maps are the ones the
 * signature covered (bpf_lockdown_check_signed_maps()); for an unsigned
 * one, that the tier allows the type of each map it uses.
 *
 * Context: process context, from bpf_check().
 * Return: 0, -EINVAL when a signed program's map changed during the load,
 * -EPERM when a program array holds a program loaded before the level or
 * mode was raised, or -EACCES when such loads or map types are refused.
 */
int bpf_lockdown_check_maps_and_reads(struct bpf_verifier_env *env)
{
	int err;

	err = bpf_lockdown_check_signed_maps(env);
	if (!err)
		err = bpf_lockdown_check_maps(env);
	if (!err)
		err = bpf_lockdown_check_prog_arrays(env);
	if (err)
		return err;
	err = bpf_lockdown_check_cap(env, "btf_pointer_read", BPF_LOCKDOWN_CAP_BTF_READ,
				     bpf_lockdown_is_btf_read,
				     "read kernel memory through a BTF pointer");
	err = err ?: bpf_lockdown_check_cap(env, "ksym_address", BPF_LOCKDOWN_CAP_KSYM,
					    bpf_lockdown_is_ksym,
					    "load the address of a kernel variable (__ksym)");
	/* the pointer-leak rules see these only as numbers */
	if (err || env->lockdown.level != BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY)
		return err;
	return bpf_lockdown_check_cap(env, "ksym_address", BPF_LOCKDOWN_CAP_KSYM,
				      bpf_lockdown_is_pointer_number,
				      "read a kernel pointer from the context as a number");
}

/**
 * bpf_lockdown_check_done() - end of a load: audit lines and counters
 * @env: verifier environment
 * @ret: the verifier's result
 *
 * Context: process context, at the end of bpf_check().
 */
void bpf_lockdown_check_done(struct bpf_verifier_env *env, int ret)
{
	struct bpf_lockdown_env *ld = &env->lockdown;
	bool mainline = bpf_lockdown_sig_mainline(env);

	/*
	 * A helper refused on a speculative path with no barrier for it: the
	 * call failed that path (-EACCES from check_helper_call(), its first
	 * check), so @ret is that error
	 */
	bpf_lockdown_spec_refuse(env);
	if (!ret)
		bpf_lockdown_keep_for_attach(env);
	else
		env->prog->aux->lockdown_annot = NULL;	/* the loan ends */
	bpf_lockdown_free_annot_and_sig(env);
	if (ld->no_ptr_leaks && (ret == -EACCES || ret == -EPERM) && !ld->refused)
		bpf_verifier_log_write(env,
				       "lockdown: in %s mode this program is verified without pointer leaks, as for unprivileged users: a refusal above about a pointer, the stack or pointer arithmetic comes from these rules\n",
				       bpf_lockdown_level_name(ld->level));
	if (ld->sig)
		bpf_verifier_log_write(env, "lockdown: signature verified (%s keyring%s)\n",
				       bpf_lockdown_sig_name(ld->sig),
				       mainline ? ", mainline format" : "");
	if (!ld->active && !ld->ceiling)
		return;
	bpf_lockdown_flush_audit(env);
	if (!ld->active)
		return;
	if (ld->refused)
		bpf_lockdown_count(ld->level, BPF_LOCKDOWN_REFUSED);
	else if (!ret)
		bpf_lockdown_count(ld->level, ld->denials ? BPF_LOCKDOWN_WOULD_REFUSE :
					      BPF_LOCKDOWN_ALLOWED);
}
