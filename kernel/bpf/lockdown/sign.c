// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown - signature verification of a program at BPF_PROG_LOAD */

#define pr_fmt(fmt) "bpf_lockdown: " fmt

#include <crypto/sha2.h>
#include <linux/bpf.h>
#include <linux/bpf_verifier.h>
#include <linux/bpfptr.h>
#include <linux/bsearch.h>
#include <linux/file.h>
#include <linux/btf.h>
#include <linux/key.h>
#include <linux/license.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/verification.h>

#include "annot.h"
#include "digest.h"
#include "lockdown.h"
#include "sha256.h"

/* Reasons are one line of at most this many bytes */
#define BPF_LOCKDOWN_REASON_MAX 160

/**
 * struct bpf_lockdown_map_slot - an instruction that references a map
 * @insn: index of the ld_imm64 in the submitted program
 * @slot: the fd_array index it references
 */
struct bpf_lockdown_map_slot {
	u32 insn;
	u32 slot;
};

/**
 * struct bpf_lockdown_sig_state - what a signed load keeps until it ends
 * @fds: kernel copy of fd_array[0..@fd_cnt), read by the verifier instead
 *	of user memory
 * @fd_cnt: number of fd_array slots the program references
 * @maps: the map in each slot when the digest was computed, with a
 *	reference; NULL for a slot that holds a BTF
 * @slots: each map-referencing instruction and its slot, sorted by @insn
 * @slot_cnt: number of entries in @slots
 * @btf: the program BTF the digest covers, with a reference, or NULL
 * @func_info: kernel copy of the func_info records
 * @line_info: kernel copy of the line_info records
 * @core_relos: kernel copy of the CO-RE relocation records
 * @attr: copy of bpf_attr whose record pointers point to the kernel
 *	copies, for the verifier's check_btf_info()
 */
struct bpf_lockdown_sig_state {
	u32 *fds;
	u32 fd_cnt;
	struct bpf_map **maps;
	struct bpf_lockdown_map_slot *slots;
	u32 slot_cnt;
	struct btf *btf;
	void *func_info;
	void *line_info;
	void *core_relos;
	union bpf_attr attr;
	/* a signature in mainline's format (sig_check_mainline()) */
	bool mainline;
};

static const char * const bpf_lockdown_sig_names[] = {
	[BPF_LOCKDOWN_SIG_NONE] = "none",
	[BPF_LOCKDOWN_SIG_BUILTIN] = "builtin",
	[BPF_LOCKDOWN_SIG_SECONDARY] = "secondary",
	[BPF_LOCKDOWN_SIG_PLATFORM] = "platform",
	[BPF_LOCKDOWN_SIG_USER] = "user",
};

/**
 * bpf_lockdown_sig_name() - name of a keyring kind
 * @sig: &enum bpf_lockdown_sig
 *
 * Return: "builtin", "secondary", "platform", "user" or "none".
 */
const char *bpf_lockdown_sig_name(unsigned int sig)
{
	if (sig >= ARRAY_SIZE(bpf_lockdown_sig_names))
		return "none";
	return bpf_lockdown_sig_names[sig];
}

static const char * const bpf_lockdown_phase_names[] = {
	[BPF_LOCKDOWN_PHASE_ANNOT] = "annot",
	[BPF_LOCKDOWN_PHASE_SIG_SCAN] = "sig_scan",
	[BPF_LOCKDOWN_PHASE_SIG_MAPS] = "sig_maps",
	[BPF_LOCKDOWN_PHASE_SIG_COPY] = "sig_copy",
	[BPF_LOCKDOWN_PHASE_SIG_DIGEST] = "sig_digest",
	[BPF_LOCKDOWN_PHASE_SIG_VERIFY] = "sig_verify",
	[BPF_LOCKDOWN_PHASE_SIG_TOTAL] = "sig_total",
};

static atomic64_t bpf_lockdown_phase_loads[BPF_LOCKDOWN_PHASE_NR];
static atomic64_t bpf_lockdown_phase_ns[BPF_LOCKDOWN_PHASE_NR];

/**
 * bpf_lockdown_phase_end() - add the time since @start to a phase
 * @phase: &enum bpf_lockdown_phase
 * @start: ktime_get_ns() when the phase began
 *
 * Context: any context.
 * Return: ktime_get_ns() now, the start of the next phase.
 */
u64 bpf_lockdown_phase_end(enum bpf_lockdown_phase phase, u64 start)
{
	u64 now = ktime_get_ns();

	atomic64_inc(&bpf_lockdown_phase_loads[phase]);
	atomic64_add(now - start, &bpf_lockdown_phase_ns[phase]);
	return now;
}

/* Add the time since @start to a phase already counted for this load */
static u64 sig_phase_more(enum bpf_lockdown_phase phase, u64 start)
{
	u64 now = ktime_get_ns();

	atomic64_add(now - start, &bpf_lockdown_phase_ns[phase]);
	return now;
}

/**
 * bpf_lockdown_show_phases() - print the phase times, one line per phase
 * @m: output
 */
void bpf_lockdown_show_phases(struct seq_file *m)
{
	unsigned int i;

	seq_puts(m, "# time phase loads nanoseconds\n");
	for (i = 0; i < BPF_LOCKDOWN_PHASE_NR; i++)
		seq_printf(m, "time %s %llu %llu\n", bpf_lockdown_phase_names[i],
			   (u64)atomic64_read(&bpf_lockdown_phase_loads[i]),
			   (u64)atomic64_read(&bpf_lockdown_phase_ns[i]));
}

/*
 * Refuse a signed load: the reason in the verifier log and, since the loader
 * may not ask for that log, in the kernel log. Return @err.
 */
static __printf(3, 4) int sig_fail(struct bpf_verifier_env *env, int err,
				   const char *fmt, ...)
{
	struct bpf_lockdown_env *ld = &env->lockdown;
	char reason[BPF_LOCKDOWN_REASON_MAX];
	va_list args;

	va_start(args, fmt);
	vsnprintf(reason, sizeof(reason), fmt, args);
	va_end(args);
	bpf_verifier_log_write(env, "lockdown: signature: %s\n", reason);
	bpf_lockdown_report(BPF_LOCKDOWN_DECISION_REFUSED, "prog", env->prog->aux->name,
			    ld->level, ld->mode, "signature", "signature: %s", reason);
	return err;
}

/*
 * Largest func_info, line_info or CO-RE relocation record the verifier
 * accepts (its MAX_FUNCINFO_REC_SIZE)
 */
#define BPF_LOCKDOWN_REC_SIZE_MAX 252

/*
 * Copy @cnt records of @rec_size bytes from user or kernel memory, once.
 * Each kind has at most one record per instruction, so the size is bounded
 * by the program's before anything is allocated.
 */
static int sig_copy_records(struct bpf_verifier_env *env, const char *what, u64 ptr,
			    u32 cnt, u32 rec_size, bool is_kernel, void **out)
{
	u64 size = (u64)cnt * rec_size;
	void *p;

	*out = NULL;
	if (!cnt)
		return 0;
	if (cnt > env->prog->len || !rec_size || rec_size > BPF_LOCKDOWN_REC_SIZE_MAX)
		return sig_fail(env, -EINVAL,
				"%s: %u records of %u bytes; at most one per instruction (%u) of at most %u bytes",
				what, cnt, rec_size, env->prog->len, BPF_LOCKDOWN_REC_SIZE_MAX);
	p = kvmalloc(size, GFP_KERNEL | __GFP_NOWARN);
	if (!p)
		return -ENOMEM;
	if (copy_from_bpfptr(p, make_bpfptr(ptr, is_kernel), size)) {
		kvfree(p);
		return -EFAULT;
	}
	*out = p;
	return 0;
}

static int sig_slot_cmp(const void *a, const void *b)
{
	const struct bpf_lockdown_map_slot *x = a, *y = b;

	return x->insn < y->insn ? -1 : x->insn > y->insn;
}

/*
 * The fd_array slots the program references, from its map instructions (in
 * instruction order, for bsearch()) and the annotation's sealed list.
 * Module BTFs (kfunc off, ksym insn[1].imm) are not supported in signed
 * programs. Raw map fds are left to the digest, which refuses them.
 */
static int sig_scan_insns(struct bpf_verifier_env *env, struct bpf_lockdown_sig_state *st)
{
	const struct bpf_lockdown_annot *a = env->lockdown.annot;
	const struct bpf_insn *insn = env->prog->insnsi;
	u32 i, idx, n = 0, len = env->prog->len;

	for (i = 0; i < len; i++) {
		if (insn[i].code == BPF_LOCKDOWN_CALL &&
		    insn[i].src_reg == BPF_PSEUDO_KFUNC_CALL && insn[i].off)
			return sig_fail(env, -EINVAL,
					"instruction %u calls a module kfunc; signed programs may only call vmlinux kfuncs",
					i);
		if (insn[i].code != BPF_LOCKDOWN_LD_IMM64 || i + 1 >= len)
			continue;
		if (insn[i].src_reg == BPF_PSEUDO_BTF_ID && insn[i + 1].imm)
			return sig_fail(env, -EINVAL,
					"instruction %u loads a module ksym; signed programs may only use vmlinux ksyms",
					i);
		if (insn[i].src_reg == BPF_PSEUDO_MAP_IDX ||
		    insn[i].src_reg == BPF_PSEUDO_MAP_IDX_VALUE) {
			idx = insn[i].imm;
			if (idx >= BPF_LOCKDOWN_SIG_MAX_MAPS)
				return sig_fail(env, -E2BIG,
						"instruction %u references fd_array index %u; the maximum is %u",
						i, idx, BPF_LOCKDOWN_SIG_MAX_MAPS - 1);
			if (!st->slots) {
				/* at most one ld_imm64 per two instructions */
				st->slots = kvcalloc(len / 2, sizeof(*st->slots), GFP_KERNEL);
				if (!st->slots)
					return -ENOMEM;
			}
			st->slots[st->slot_cnt].insn = i;
			st->slots[st->slot_cnt].slot = idx;
			st->slot_cnt++;
			n = max(n, idx + 1);
		}
		i++;
	}
	for (i = 0; a && i < a->sealed_cnt; i++) {
		idx = bpf_lockdown_annot_sealed(a, i);
		if (idx >= BPF_LOCKDOWN_SIG_MAX_MAPS)
			return sig_fail(env, -E2BIG,
					"the annotation seals fd_array index %u; the maximum is %u",
					idx, BPF_LOCKDOWN_SIG_MAX_MAPS - 1);
		n = max(n, idx + 1);
	}
	/* the parser keeps kconfig map indices below BPF_LOCKDOWN_SIG_MAX_MAPS */
	for (i = 0; a && i < a->kconfig_cnt; i++) {
		struct bpf_lockdown_kconfig_extern e;

		if (!bpf_lockdown_annot_kconfig(a, i, &e))
			n = max(n, e.map_idx + 1);
	}
	st->fd_cnt = n;
	return 0;
}

/*
 * A map whose contents the kernel vouches for (sealed or kconfig): an array
 * map that neither programs nor user space can write any more
 */
static int sig_map_immutable(struct bpf_verifier_env *env, u32 idx, struct bpf_map *map,
			     const char *what)
{
	if (map->map_type != BPF_MAP_TYPE_ARRAY)
		return sig_fail(env, -EINVAL, "%s map at fd_array index %u is not an array map",
				what, idx);
	if (!(map->map_flags & BPF_F_RDONLY_PROG))
		return sig_fail(env, -EINVAL,
				"%s map at fd_array index %u is writable by programs (no BPF_F_RDONLY_PROG)",
				what, idx);
	if (!READ_ONCE(map->frozen))
		return sig_fail(env, -EINVAL,
				"%s map at fd_array index %u is not frozen (BPF_MAP_FREEZE)",
				what, idx);
	/* as bpf_map_is_rdonly(): no writable mapping left from before the freeze */
	if (bpf_map_write_active(map))
		return sig_fail(env, -EINVAL,
				"%s map at fd_array index %u is still mapped writable", what, idx);
	return 0;
}

/* SHA-256 of a frozen, program-read-only array map's values, in index order */
static int sig_hash_sealed(struct bpf_verifier_env *env, u32 idx, struct bpf_map *map,
			   u8 out[SHA256_DIGEST_SIZE])
{
	struct bpf_lockdown_sha256 s;
	struct bpf_array *array;
	u32 i;
	int err;

	err = sig_map_immutable(env, idx, map, "sealed");
	if (err)
		return err;
	array = container_of(map, struct bpf_array, map);
	bpf_lockdown_sha256_init(&s);
	for (i = 0; i < map->max_entries; i++)
		bpf_lockdown_sha256_update(&s, array->value + (u64)array->elem_size * i,
					   map->value_size);
	bpf_lockdown_sha256_final(&s, out);
	return 0;
}

/*
 * A kconfig map: one immutable element holding, at each extern the
 * annotation lists for it, the value this kernel gives that extern
 * (bpf_lockdown_kconfig_value(), libbpf's encoding), and zero elsewhere.
 * The annotation is signed, so the signature covers which externs the
 * program reads and where; the kernel covers their values.
 */
static noinline_for_stack int
sig_check_kconfig(struct bpf_verifier_env *env, u32 idx, struct bpf_map *map)
{
	const struct bpf_lockdown_annot *a = env->lockdown.annot;
	struct bpf_lockdown_kconfig_extern e;
	struct bpf_lockdown_kconfig_env kenv;
	u8 want[U8_MAX];	/* the largest extern, a char array */
	char why[128];
	u32 i, pos = 0;
	const u8 *have;
	int err;

	err = sig_map_immutable(env, idx, map, "kconfig");
	if (err)
		return err;
	if (map->max_entries != 1)
		return sig_fail(env, -EINVAL,
				"kconfig map at fd_array index %u has %u elements, not 1",
				idx, map->max_entries);
	if (map->value_size > BPF_LOCKDOWN_KCONFIG_MAP_MAX)
		return sig_fail(env, -E2BIG,
				"kconfig map at fd_array index %u has a %u-byte value; the maximum is %u",
				idx, map->value_size, BPF_LOCKDOWN_KCONFIG_MAP_MAX);
	have = container_of(map, struct bpf_array, map)->value;
	bpf_lockdown_kconfig_env(&kenv);
	/* the entries of a map are sorted by offset and do not overlap */
	for (i = 0; i <= a->kconfig_cnt; i++) {
		if (i < a->kconfig_cnt &&
		    (bpf_lockdown_annot_kconfig(a, i, &e) || e.map_idx != idx))
			continue;
		if (i == a->kconfig_cnt)
			e = (struct bpf_lockdown_kconfig_extern){ .value_off = map->value_size };
		if ((u64)e.value_off + e.size > map->value_size)
			return sig_fail(env, -EINVAL,
					"kconfig extern %s (offset %u, %u bytes) lies outside the %u-byte value of the map at fd_array index %u",
					e.name, e.value_off, e.size, map->value_size, idx);
		for (; pos < e.value_off; pos++)
			if (have[pos])
				return sig_fail(env, -EINVAL,
						"kconfig map at fd_array index %u: byte %u is no extern's and is not zero",
						idx, pos);
		if (i == a->kconfig_cnt)
			break;
		err = bpf_lockdown_kconfig_value(&kenv, &e, want, why, sizeof(why));
		if (err)
			return sig_fail(env, -EINVAL, "this kernel has no value for it: %s", why);
		if (memcmp(have + e.value_off, want, e.size))
			return sig_fail(env, -EINVAL,
					"kconfig extern %s: the map at fd_array index %u does not hold this kernel's value",
					e.name, idx);
		pos = e.value_off + e.size;
	}
	return 0;
}

/* Take a reference on the map or BTF in each slot and describe it */
static int sig_get_maps(struct bpf_verifier_env *env, struct bpf_lockdown_sig_state *st,
			const union bpf_attr *attr, bpfptr_t uattr,
			struct bpf_lockdown_digest_map *desc, u8 (*sealed)[SHA256_DIGEST_SIZE])
{
	const struct bpf_lockdown_annot *a = env->lockdown.annot;
	struct bpf_map *map;
	struct btf *btf;
	u32 i;
	int err;

	if (!st->fd_cnt)
		return 0;
	if (!attr->fd_array)
		return sig_fail(env, -EINVAL,
				"the program references fd_array index %u but fd_array is not set",
				st->fd_cnt - 1);
	st->fds = kcalloc(st->fd_cnt, sizeof(*st->fds), GFP_KERNEL);
	st->maps = kcalloc(st->fd_cnt, sizeof(*st->maps), GFP_KERNEL);
	if (!st->fds || !st->maps)
		return -ENOMEM;
	if (copy_from_bpfptr(st->fds, make_bpfptr(attr->fd_array, uattr.is_kernel),
			     st->fd_cnt * sizeof(*st->fds)))
		return -EFAULT;
	for (i = 0; i < st->fd_cnt; i++) {
		map = bpf_map_get(st->fds[i]);
		if (IS_ERR(map)) {
			btf = btf_get_by_fd(st->fds[i]);
			if (IS_ERR(btf))
				return sig_fail(env, -EBADF,
						"fd_array[%u] = %u is neither a map nor a BTF", i,
						st->fds[i]);
			btf_put(btf);
			if (a && bpf_lockdown_annot_is_kconfig_map(a, i))
				return sig_fail(env, -EINVAL,
						"kconfig map at fd_array index %u is a BTF, not a map",
						i);
			continue;	/* a slot without a map: described as type 0 */
		}
		st->maps[i] = map;
		desc[i].type = map->map_type;
		desc[i].key_size = map->key_size;
		desc[i].value_size = map->value_size;
		desc[i].max_entries = map->max_entries;
		desc[i].flags = map->map_flags;
		if (a && bpf_lockdown_annot_is_kconfig_map(a, i)) {
			err = sig_check_kconfig(env, i, map);
			if (err)
				return err;
		}
		if (!a || !bpf_lockdown_annot_is_sealed(a, i))
			continue;
		err = sig_hash_sealed(env, i, map, sealed[i]);
		if (err)
			return err;
		desc[i].sealed_sha256 = sealed[i];
	}
	return 0;
}

/* kfunc and ksym names, from vmlinux BTF */
static int sig_btf_name(void *ctx, enum bpf_lockdown_digest_kind kind, __u32 insn_idx,
			__u32 btf_id, __s32 btf_obj, const char **name)
{
	struct btf *btf = bpf_get_btf_vmlinux();
	const struct btf_type *t;

	if (IS_ERR_OR_NULL(btf))
		return -ENOENT;
	if (btf_obj)
		return -EOPNOTSUPP;
	t = btf_type_by_id(btf, btf_id);
	if (!t)
		return -ENOENT;
	if (kind == BPF_LOCKDOWN_DIGEST_KFUNC ? !btf_type_is_func(t) :
	    !btf_type_is_var(t) && !btf_type_is_func(t))
		return -EINVAL;
	*name = btf_name_by_offset(btf, t->name_off);
	return 0;
}

/* BTF name of the attach target, from the target program or kernel BTF */
static const char *sig_attach_name(const struct bpf_prog *prog)
{
	const struct btf *btf;
	const struct btf_type *t;

	if (!prog->aux->attach_btf_id)
		return NULL;
	btf = prog->aux->dst_prog ? prog->aux->dst_prog->aux->btf : prog->aux->attach_btf;
	if (!btf)
		return NULL;
	t = btf_type_by_id(btf, prog->aux->attach_btf_id);
	return t ? btf_name_by_offset(btf, t->name_off) : NULL;
}

/* Resolve keyring_id as mainline does; *@put is set for a user keyring */
static struct key *sig_keyring(struct bpf_verifier_env *env, s32 keyring_id, u8 *sig,
			       struct key **put)
{
	key_ref_t ref;

	*put = NULL;
	switch (keyring_id) {
	case 0:
		*sig = BPF_LOCKDOWN_SIG_BUILTIN;
		return NULL;
	case 1:
		*sig = BPF_LOCKDOWN_SIG_SECONDARY;
		return VERIFY_USE_SECONDARY_KEYRING;
	case 2:
		*sig = BPF_LOCKDOWN_SIG_PLATFORM;
		return VERIFY_USE_PLATFORM_KEYRING;
	}
	ref = lookup_user_key(keyring_id, 0, KEY_NEED_SEARCH);
	if (IS_ERR(ref))
		return ERR_CAST(ref);
	*sig = BPF_LOCKDOWN_SIG_USER;
	*put = key_ref_to_ptr(ref);
	return *put;
}

static int sig_verify(struct bpf_verifier_env *env, const union bpf_attr *attr,
		      bpfptr_t uattr, const void *data, size_t len)
{
	struct bpf_lockdown_env *ld = &env->lockdown;
	struct key *keyring, *put;
	u64 start = ktime_get_ns();
	void *sig;
	u8 kind;
	int err;

	sig = kvmalloc(attr->signature_size, GFP_KERNEL | __GFP_NOWARN);
	if (!sig)
		return -ENOMEM;
	if (copy_from_bpfptr(sig, make_bpfptr(attr->signature, uattr.is_kernel),
			     attr->signature_size)) {
		kvfree(sig);
		return -EFAULT;
	}
	start = sig_phase_more(BPF_LOCKDOWN_PHASE_SIG_COPY, start);
	keyring = sig_keyring(env, attr->keyring_id, &kind, &put);
	if (IS_ERR(keyring)) {
		kvfree(sig);
		return sig_fail(env, PTR_ERR(keyring), "keyring %d cannot be searched (error %ld)",
				attr->keyring_id, PTR_ERR(keyring));
	}
	err = verify_pkcs7_signature(data, len, sig, attr->signature_size, keyring,
				     VERIFYING_BPF_SIGNATURE, NULL, NULL);
	key_put(put);
	kvfree(sig);
	bpf_lockdown_phase_end(BPF_LOCKDOWN_PHASE_SIG_VERIFY, start);
	if (err == -ENOKEY)
		return sig_fail(env, err, "no key in the %s keyring matches the signer (error %d)",
				bpf_lockdown_sig_name(kind), err);
	if (err == -EKEYREJECTED)
		return sig_fail(env, err,
				"does not match the program, its maps or its annotation (error %d)",
				err);
	if (err)
		return sig_fail(env, err, "cannot be verified (error %d)", err);
	/* reported by bpf_lockdown_check_done(): the verifier rewinds its log */
	ld->sig = kind;
	return 0;
}

/*
 * sig_check() - verify the signature of a program
 * @env: verifier environment; its annotation is parsed
 * @attr: the kernel copy of union bpf_attr, with a signature
 * @uattr: where @attr came from, for the kernel/user flag of its pointers
 *
 * Every component the digest covers is read once: the instructions, name
 * and license from the copies bpf_prog_load() made, the BTF and attach
 * target from kernel objects, fd_array, func_info, line_info and core_relos
 * into kernel copies that the verifier then reads instead of user memory.
 * The maps in fd_array are kept with a reference so that the verifier's
 * own lookups can be checked against them when verification ends.
 *
 * Context: process context, at the start of bpf_check().
 * An extension's digest includes its target's signed digest: a signed
 * extension replaces functions only of the one system-signed program its
 * signer named.
 *
 * Return: 0 with the verdict in env->lockdown.sig; -EPERM for a signed
 * extension, fentry or fexit program whose target program holds no system
 * signature; -EINVAL for a program
 * the signature cannot cover (raw map fd, from the digest; module BTF;
 * license changed during the load; bad sealed map; more func_info,
 * line_info or CO-RE records than instructions, or records over 252
 * bytes); -E2BIG; -EBADF for an fd_array slot that is neither a map nor a
 * BTF; -EFAULT; -ENOMEM; or the error of
 * verify_pkcs7_signature() (-EKEYREJECTED, -ENOKEY, -EBADMSG, ...). Each
 * is explained in the log.
 */
static int sig_check(struct bpf_verifier_env *env, const union bpf_attr *attr, bpfptr_t uattr)
{
	struct bpf_lockdown_env *ld = &env->lockdown;
	struct bpf_prog *prog = env->prog;
	u8 (*sealed)[SHA256_DIGEST_SIZE] = NULL;
	struct bpf_lockdown_digest_map *desc = NULL;
	struct bpf_lockdown_digest_input in = { };
	struct bpf_lockdown_digest_ops ops = { .btf_name = sig_btf_name };
	char reason[BPF_LOCKDOWN_REASON_MAX];
	struct bpf_lockdown_sig_state *st;
	u8 digest[BPF_LOCKDOWN_DIGEST_SIZE];
	char license[128] = { };
	u64 t = ktime_get_ns();
	u32 btf_size = 0;
	int err;

	st = kzalloc(sizeof(*st), GFP_KERNEL);
	if (!st)
		return -ENOMEM;
	ld->sig_state = st;

	if (strncpy_from_bpfptr(license, make_bpfptr(attr->license, uattr.is_kernel),
				sizeof(license) - 1) < 0)
		return -EFAULT;
	if (license_is_gpl_compatible(license) != prog->gpl_compatible)
		return sig_fail(env, -EINVAL, "the license changed during the load");

	err = sig_scan_insns(env, st);
	if (err)
		return err;
	t = bpf_lockdown_phase_end(BPF_LOCKDOWN_PHASE_SIG_SCAN, t);
	desc = kcalloc(max(st->fd_cnt, 1U), sizeof(*desc), GFP_KERNEL);
	sealed = kcalloc(max(st->fd_cnt, 1U), sizeof(*sealed), GFP_KERNEL);
	err = -ENOMEM;
	if (!desc || !sealed)
		goto out;
	err = sig_get_maps(env, st, attr, uattr, desc, sealed);
	if (err)
		goto out;
	t = bpf_lockdown_phase_end(BPF_LOCKDOWN_PHASE_SIG_MAPS, t);

	if (attr->prog_btf_fd) {
		st->btf = btf_get_by_fd(attr->prog_btf_fd);
		if (IS_ERR(st->btf)) {
			err = PTR_ERR(st->btf);
			st->btf = NULL;
			err = sig_fail(env, err, "prog_btf_fd %u is not a BTF", attr->prog_btf_fd);
			goto out;
		}
		in.btf = btf_raw_data(st->btf, &btf_size);
		in.btf_size = btf_size;
	}
	err = sig_copy_records(env, "func_info", attr->func_info, attr->func_info_cnt,
			       attr->func_info_rec_size, uattr.is_kernel, &st->func_info);
	if (!err)
		err = sig_copy_records(env, "line_info", attr->line_info, attr->line_info_cnt,
				       attr->line_info_rec_size, uattr.is_kernel,
				       &st->line_info);
	if (!err)
		err = sig_copy_records(env, "core_relos", attr->core_relos,
				       attr->core_relo_cnt, attr->core_relo_rec_size,
				       uattr.is_kernel, &st->core_relos);
	if (err)
		goto out;
	t = bpf_lockdown_phase_end(BPF_LOCKDOWN_PHASE_SIG_COPY, t);

	in.prog_type = prog->type;
	in.expected_attach_type = prog->expected_attach_type;
	in.attach_name = sig_attach_name(prog);
	in.prog_name = prog->aux->name;
	in.license = license;
	in.insns = prog->insnsi;
	in.insn_cnt = prog->len;
	in.maps = desc;
	in.map_cnt = st->fd_cnt;
	in.func_info = st->func_info;
	in.func_info_cnt = st->func_info ? attr->func_info_cnt : 0;
	in.func_info_rec_size = attr->func_info_rec_size;
	in.line_info = st->line_info;
	in.line_info_cnt = st->line_info ? attr->line_info_cnt : 0;
	in.line_info_rec_size = attr->line_info_rec_size;
	in.core_relos = st->core_relos;
	in.core_relo_cnt = st->core_relos ? attr->core_relo_cnt : 0;
	in.core_relo_rec_size = attr->core_relo_rec_size;
	in.annot = ld->annot;
	if (prog->type == BPF_PROG_TYPE_EXT) {
		/* bpf_prog_load() holds the target: attach_prog_fd */
		if (!prog->aux->dst_prog || !bpf_lockdown_prog_trusted(prog->aux->dst_prog)) {
			err = sig_fail(env, -EPERM,
				       "a signed extension may only replace a function of a program with a verified system signature");
			goto out;
		}
		in.target_digest = prog->aux->dst_prog->aux->lockdown_digest;
	} else if (prog->aux->dst_prog && !bpf_lockdown_prog_trusted(prog->aux->dst_prog)) {
		/* fentry/fexit on a BPF program: the target decides its input */
		err = sig_fail(env, -EPERM,
			       "a signed program may only trace a program with a verified system signature");
		goto out;
	}
	err = bpf_lockdown_digest(&in, &ops, NULL, digest, reason, sizeof(reason));
	if (err) {
		err = sig_fail(env, err, "%s", reason);
		goto out;
	}
	bpf_lockdown_phase_end(BPF_LOCKDOWN_PHASE_SIG_DIGEST, t);
	err = sig_verify(env, attr, uattr, digest, sizeof(digest));
	if (err)
		goto out;

	/* what a signed extension of this program binds itself to */
	memcpy(prog->aux->lockdown_digest, digest, sizeof(digest));
	/* from here on, the verifier reads the kernel copies */
	st->attr = *attr;
	st->attr.func_info = (unsigned long)st->func_info;
	st->attr.line_info = (unsigned long)st->line_info;
	st->attr.core_relos = (unsigned long)st->core_relos;
	if (st->fd_cnt)
		env->fd_array = KERNEL_BPFPTR(st->fds);
out:
	kfree(desc);
	kfree(sealed);
	return err;
}

/* mainline's bound on the instructions and folded maps it verifies as one buffer */
#define BPF_LOCKDOWN_SIG_MAINLINE_MAX	(16U << 20)

/* Take the map of fd_array[@i], which mainline's format folds into what is signed */
static int sig_mainline_map(struct bpf_verifier_env *env, struct bpf_lockdown_sig_state *st,
			    u32 i)
{
	struct bpf_map *map;
	u32 j;

	CLASS(fd, f)(st->fds[i]);
	map = __bpf_map_get(f);
	if (IS_ERR(map))
		return sig_fail(env, PTR_ERR(map), "fd_array[%u] (fd %d) is not a map", i,
				(int)st->fds[i]);
	for (j = 0; j < i; j++)
		if (st->maps[j] == map)
			return sig_fail(env, -EINVAL,
					"fd_array[%u] repeats the map of fd_array[%u]", i, j);
	if (!map->excl_prog_sha)
		return sig_fail(env, -EINVAL,
				"the map of fd_array[%u] is not exclusive (excl_prog_hash)", i);
	if (map->map_type != BPF_MAP_TYPE_ARRAY || map->max_entries != 1)
		return sig_fail(env, -EINVAL,
				"the map of fd_array[%u] is not an array map of one element", i);
	/* their words are kernel pointers, which signature checks would test */
	if (!IS_ERR_OR_NULL(map->record))
		return sig_fail(env, -EINVAL,
				"the map of fd_array[%u] holds timers, kptrs or other special fields",
				i);
	if (!READ_ONCE(map->frozen) || bpf_map_write_active(map))
		return sig_fail(env, -EPERM,
				"the map of fd_array[%u] is not frozen (BPF_MAP_FREEZE), or still mapped writable",
				i);
	bpf_map_inc(map);
	st->maps[i] = map;
	return 0;
}

/*
 * What mainline's format signs is bytes: the program type, attach target,
 * flags, BTF and the records CO-RE rewrites instructions with are not in
 * them. Accept it for what mainline signs, a light skeleton's loader: a
 * syscall program without BTF or records, whose instructions reach maps
 * only through the one metadata map, and no kfunc or ksym.
 */
static int sig_mainline_shape(struct bpf_verifier_env *env, const union bpf_attr *attr)
{
	const struct bpf_prog *prog = env->prog;
	const struct bpf_insn *insn;
	u32 i;

	if (prog->type != BPF_PROG_TYPE_SYSCALL || prog->expected_attach_type ||
	    prog->aux->attach_btf_id || prog->aux->dst_prog)
		return sig_fail(env, -EINVAL,
				"in mainline's format only a syscall program (a light skeleton's loader) may be signed; others sign in BPF lockdown's format");
	if (attr->prog_flags & ~BPF_F_SLEEPABLE)
		return sig_fail(env, -EINVAL,
				"in mainline's format prog_flags may only be BPF_F_SLEEPABLE");
	if (attr->prog_btf_fd || attr->func_info_cnt || attr->line_info_cnt ||
	    attr->core_relo_cnt || attr->func_info || attr->line_info || attr->core_relos)
		return sig_fail(env, -EINVAL,
				"in mainline's format a program has no BTF, func_info, line_info or core_relos: the signature would not cover them");
	if (attr->fd_array_cnt > 1)
		return sig_fail(env, -E2BIG,
				"fd_array_cnt %u: in mainline's format the signature covers one metadata map",
				attr->fd_array_cnt);
	if (attr->fd_array_cnt && !attr->fd_array)
		return sig_fail(env, -EINVAL, "fd_array_cnt without fd_array");
	for (i = 0; i < prog->len; i++) {
		insn = &prog->insnsi[i];
		/* the BTF ID is signed, not the kfunc it names in this build */
		if (insn->code == BPF_LOCKDOWN_CALL && insn->src_reg == BPF_PSEUDO_KFUNC_CALL)
			return sig_fail(env, -EINVAL,
					"instruction %u calls a kfunc, whose BTF ID the signature covers but not its name",
					i);
		if (insn->code != BPF_LOCKDOWN_LD_IMM64)
			continue;
		switch (insn->src_reg) {
		case 0:
			break;
		case BPF_PSEUDO_MAP_IDX:
		case BPF_PSEUDO_MAP_IDX_VALUE:
			if ((u32)insn->imm < attr->fd_array_cnt)
				break;
			fallthrough;
		default:
			return sig_fail(env, -EINVAL,
					"instruction %u references an object the signature does not cover; in mainline's format only the metadata map (fd_array[0]) is",
					i);
		}
		i++;
	}
	return 0;
}

/*
 * sig_check_mainline() - verify a signature in mainline's format
 *
 * A program signed without an annotation, as mainline Linux signs a light
 * skeleton's loader: PKCS#7 over the instructions as loaded followed by the
 * value of each map of fd_array[0..fd_array_cnt-1], in that order. Each of
 * those maps is exclusive (the verifier then checks that its digest names
 * this program), a frozen array map of one element. The verifier reads
 * fd_array again, and instructions may reference slots past fd_array_cnt:
 * bpf_lockdown_check_signed_maps() checks that it bound these very maps
 * first, in order, and no other exclusive map.
 *
 * A loader with an annotation (and fd_array_cnt 1) signs
 * bpf_lockdown_mainline_annot_prefix() and the annotation before these
 * bytes; the annotation may name no sealed map, as only this format's
 * metadata map is hashed.
 *
 * An extension, or a program attached to a BPF program, needs an
 * annotated signature, whose digest binds its target.
 */
static int sig_check_mainline(struct bpf_verifier_env *env, const union bpf_attr *attr,
			      bpfptr_t uattr)
{
	const struct bpf_lockdown_annot *annot = env->lockdown.annot;
	u32 i, cnt = attr->fd_array_cnt, head = 0;
	struct bpf_lockdown_sig_state *st;
	struct bpf_prog *prog = env->prog;
	struct bpf_lockdown_sha256 sha;
	size_t len, off;
	void *data;
	int err;

	err = sig_mainline_shape(env, attr);
	if (err)
		return err;
	if (annot && (annot->sealed_cnt || annot->kconfig_cnt))
		return sig_fail(env, -EINVAL,
				"an annotation signed in mainline's format names no sealed map or kconfig extern: only the metadata map is hashed");
	if (annot)
		head = BPF_LOCKDOWN_MAINLINE_ANNOT_PREFIX_SIZE + annot->size;
	st = kzalloc(sizeof(*st), GFP_KERNEL);
	if (!st)
		return -ENOMEM;
	env->lockdown.sig_state = st;
	st->mainline = true;
	st->fd_cnt = cnt;
	st->fds = kcalloc(max(cnt, 1U), sizeof(*st->fds), GFP_KERNEL);
	st->maps = kcalloc(max(cnt, 1U), sizeof(*st->maps), GFP_KERNEL);
	if (!st->fds || !st->maps)
		return -ENOMEM;
	if (copy_from_bpfptr(st->fds, make_bpfptr(attr->fd_array, uattr.is_kernel),
			     cnt * sizeof(*st->fds)))
		return -EFAULT;

	len = head + (size_t)prog->len * sizeof(struct bpf_insn);
	for (i = 0; i < cnt; i++) {
		err = sig_mainline_map(env, st, i);
		if (err)
			return err;
		len += st->maps[i]->value_size;
	}
	if (len > BPF_LOCKDOWN_SIG_MAINLINE_MAX)
		return sig_fail(env, -E2BIG,
				"the instructions and metadata (%zu bytes) exceed the maximum of %u",
				len, BPF_LOCKDOWN_SIG_MAINLINE_MAX);
	data = kvmalloc(len, GFP_KERNEL | __GFP_NOWARN);
	if (!data)
		return -ENOMEM;
	if (annot) {
		bpf_lockdown_mainline_annot_prefix(data, annot->size, prog->len);
		memcpy(data + BPF_LOCKDOWN_MAINLINE_ANNOT_PREFIX_SIZE, annot->blob, annot->size);
	}
	off = (size_t)prog->len * sizeof(struct bpf_insn);
	memcpy(data + head, prog->insnsi, off);
	off += head;
	for (i = 0; i < cnt; i++) {
		struct bpf_array *array = container_of(st->maps[i], struct bpf_array, map);

		memcpy(data + off, array->value, st->maps[i]->value_size);
		off += st->maps[i]->value_size;
	}
	err = sig_verify(env, attr, uattr, data, len);
	if (!err) {
		/* what an annotated extension of this program would name */
		bpf_lockdown_sha256_init(&sha);
		bpf_lockdown_sha256_update(&sha, data, len);
		bpf_lockdown_sha256_final(&sha, prog->aux->lockdown_digest);
	}
	kvfree(data);
	return err;
}

/**
 * bpf_lockdown_check_signature() - verify the signature of a program
 * @env: verifier environment; its annotation is parsed
 * @attr: the kernel copy of union bpf_attr, with a signature
 * @uattr: where @attr came from, for the kernel/user flag of its pointers
 *
 * sig_check() with its time, and that of its phases, added to the stats
 * file (&enum bpf_lockdown_phase).
 *
 * Context: process context, at the start of bpf_check().
 * Return: as sig_check().
 */
int bpf_lockdown_check_signature(struct bpf_verifier_env *env, const union bpf_attr *attr,
				 bpfptr_t uattr)
{
	u64 start = ktime_get_ns();
	int err;

	if (env->lockdown.annot && !attr->fd_array_cnt)
		err = sig_check(env, attr, uattr);
	else
		err = sig_check_mainline(env, attr, uattr);
	bpf_lockdown_phase_end(BPF_LOCKDOWN_PHASE_SIG_TOTAL, start);
	return err;
}

/*
 * mainline's format: the verifier read fd_array again. Every map it bound,
 * by fd_array_cnt or for an instruction (sig_mainline_shape() allows no
 * other map than the metadata map), must be the one that was hashed.
 */
static int sig_check_mainline_maps(struct bpf_verifier_env *env,
				   const struct bpf_lockdown_sig_state *st)
{
	u32 i;

	for (i = 0; i < env->used_map_cnt; i++)
		if (i >= st->fd_cnt || env->used_maps[i] != st->maps[i])
			return sig_fail(env, -EINVAL,
					"the map of fd_array[%u] changed during the load", i);
	return 0;
}

/**
 * bpf_lockdown_check_signed_maps() - the verifier used the maps we hashed
 * @env: verifier environment, after the program's maps are resolved
 *
 * The verifier looks the fds of fd_array up again, after the digest was
 * computed; another thread may have changed what an fd refers to in
 * between. Each map instruction must resolve to the very map whose
 * descriptor the signature covered, in the same slot.
 *
 * Return: 0, or -EINVAL when a map changed during the load.
 */
int bpf_lockdown_check_signed_maps(struct bpf_verifier_env *env)
{
	struct bpf_lockdown_sig_state *st = env->lockdown.sig_state;
	struct bpf_lockdown_map_slot key, *found;
	const struct bpf_insn *insn;
	struct bpf_insn_aux_data *aux;
	u32 i;

	if (!st || !env->lockdown.sig)
		return 0;
	if (st->mainline)
		return sig_check_mainline_maps(env, st);
	if (st->btf && env->prog->aux->btf != st->btf)
		return sig_fail(env, -EINVAL, "the program BTF changed during the load");
	for (i = 0; i < env->prog->len; i++) {
		insn = &env->prog->insnsi[i];
		if (insn->code != BPF_LOCKDOWN_LD_IMM64)
			continue;
		aux = &env->insn_aux_data[i];
		if (insn->src_reg != BPF_PSEUDO_MAP_IDX &&
		    insn->src_reg != BPF_PSEUDO_MAP_IDX_VALUE) {
			i++;
			continue;
		}
		key.insn = aux->orig_idx;
		found = bsearch(&key, st->slots, st->slot_cnt, sizeof(*st->slots),
				sig_slot_cmp);
		if (!found || aux->map_index >= env->used_map_cnt ||
		    env->used_maps[aux->map_index] != st->maps[found->slot])
			return sig_fail(env, -EINVAL,
					"the map of instruction %u changed during the load",
					aux->orig_idx);
		i++;
	}
	return 0;
}

/**
 * bpf_lockdown_sig_mainline() - whether the load's signature is in mainline's format
 * @env: verifier environment of the load
 *
 * Return: true for a signature checked by sig_check_mainline(): without an
 * annotation, or with one and fd_array_cnt set.
 */
bool bpf_lockdown_sig_mainline(const struct bpf_verifier_env *env)
{
	return env->lockdown.sig_state && env->lockdown.sig_state->mainline;
}

/**
 * bpf_lockdown_free_signature() - release what a signed load kept
 * @env: verifier environment of the load
 */
void bpf_lockdown_free_signature(struct bpf_verifier_env *env)
{
	struct bpf_lockdown_sig_state *st = env->lockdown.sig_state;
	u32 i;

	if (!st)
		return;
	for (i = 0; st->maps && i < st->fd_cnt; i++)
		if (st->maps[i])
			bpf_map_put(st->maps[i]);
	if (st->btf)
		btf_put(st->btf);
	kfree(st->maps);
	kfree(st->fds);
	kvfree(st->slots);
	kvfree(st->func_info);
	kvfree(st->line_info);
	kvfree(st->core_relos);
	kfree(st);
	env->lockdown.sig_state = NULL;
}

/**
 * bpf_lockdown_info_attr() - where the verifier reads func_info, line_info
 *	and core_relos from
 * @env: verifier environment
 * @attr: the kernel copy of union bpf_attr
 *
 * Return: for a program signed in BPF lockdown's format, a copy of @attr
 * pointing to the kernel copies the digest covered; else @attr.
 */
const union bpf_attr *bpf_lockdown_info_attr(struct bpf_verifier_env *env,
					     const union bpf_attr *attr)
{
	struct bpf_lockdown_sig_state *st = env->lockdown.sig_state;

	return st && env->lockdown.sig && !st->mainline ? &st->attr : attr;
}

/**
 * bpf_lockdown_info_uattr() - the pointer kind for bpf_lockdown_info_attr()
 * @env: verifier environment
 * @uattr: where bpf_attr came from
 *
 * Return: for a program signed in BPF lockdown's format, a kernel pointer
 * to the copy that bpf_lockdown_info_attr() returns; else @uattr.
 */
bpfptr_t bpf_lockdown_info_uattr(struct bpf_verifier_env *env, bpfptr_t uattr)
{
	struct bpf_lockdown_sig_state *st = env->lockdown.sig_state;

	return st && env->lockdown.sig && !st->mainline ? KERNEL_BPFPTR(&st->attr) : uattr;
}
