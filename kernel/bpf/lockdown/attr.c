// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown - the BPF_PROG_LOAD fields: annotation and signature */

#define pr_fmt(fmt) "bpf_lockdown: " fmt

#include <linux/bpf.h>
#include <linux/bpf_verifier.h>
#include <linux/bpfptr.h>
#include <linux/mm.h>
#include <linux/slab.h>

#include "annot.h"
#include "lockdown.h"

/* Reasons are one line of at most this many bytes */
#define BPF_LOCKDOWN_REASON_MAX 160

/**
 * bpf_lockdown_read_annot_and_sig() - check the fields, copy and parse the
 *	annotation, verify the signature
 * @env: verifier environment of the load
 * @attr: the kernel copy of union bpf_attr
 * @uattr: where @attr came from, for the kernel/user flag of its pointers
 *
 * The annotation is copied once, with a bounded size, and parsed from the
 * kernel copy; the copy and the parsed form live until the load ends. A
 * signature is then verified by bpf_lockdown_check_signature(), in BPF
 * lockdown's format with an annotation and fd_array_cnt 0, or in
 * mainline's otherwise, and the verdict recorded on the program.
 * The checks are made in this order, each with one errno.
 *
 * Context: process context, at the start of bpf_check().
 * Return: 0; -EINVAL for fd_array_cnt with an annotation but no signature, for a pointer
 * without its size or the reverse, or for keyring_id without a signature;
 * -E2BIG for a signature over BPF_LOCKDOWN_SIG_MAX_SIZE or an annotation
 * over BPF_LOCKDOWN_ANNOT_MAX_SIZE; -EFAULT; -ENOMEM; the parser's
 * -EINVAL, -E2BIG or -EBADMSG; or an error of
 * bpf_lockdown_check_signature(). Each is explained in the log.
 */
int bpf_lockdown_read_annot_and_sig(struct bpf_verifier_env *env,
				    const union bpf_attr *attr, bpfptr_t uattr)
{
	struct bpf_lockdown_env *ld = &env->lockdown;
	char reason[BPF_LOCKDOWN_REASON_MAX];
	u32 size = attr->lockdown_annot_size;
	struct bpf_lockdown_annot *annot;
	void *blob;
	u64 start;
	int err;

	/*
	 * The digest covers the fd_array slots the program references; the
	 * kernel would bind the rest of an fd_array_cnt array unhashed. A
	 * loader signed in mainline's format binds its metadata so, and its
	 * signature covers its annotation too.
	 */
	if (attr->fd_array_cnt && attr->lockdown_annot && !attr->signature) {
		bpf_verifier_log_write(env,
				       "lockdown: fd_array_cnt must be 0 for an annotated program unless it is signed in mainline's format\n");
		return -EINVAL;
	}
	if (!attr->signature != !attr->signature_size) {
		bpf_verifier_log_write(env,
				       "lockdown: signature and signature_size must be set together\n");
		return -EINVAL;
	}
	if (attr->keyring_id && !attr->signature) {
		bpf_verifier_log_write(env, "lockdown: keyring_id is set without a signature\n");
		return -EINVAL;
	}
	if (attr->signature_size > BPF_LOCKDOWN_SIG_MAX_SIZE) {
		bpf_verifier_log_write(env,
				       "lockdown: signature of %u bytes exceeds the maximum of %u\n",
				       attr->signature_size, BPF_LOCKDOWN_SIG_MAX_SIZE);
		return -E2BIG;
	}
	if (!attr->lockdown_annot != !size) {
		bpf_verifier_log_write(env,
				       "lockdown: lockdown_annot and lockdown_annot_size must be set together\n");
		return -EINVAL;
	}
	if (!size) {
		if (!attr->signature)
			return 0;
		/* mainline's format: no annotation, the ceiling applies */
		err = bpf_lockdown_check_signature(env, attr, uattr);
		env->prog->aux->lockdown_sig = ld->sig;
		return err;
	}
	if (size > BPF_LOCKDOWN_ANNOT_MAX_SIZE) {
		bpf_verifier_log_write(env,
				       "lockdown: annotation of %u bytes exceeds the maximum of %u\n",
				       size, BPF_LOCKDOWN_ANNOT_MAX_SIZE);
		return -E2BIG;
	}

	start = ktime_get_ns();
	blob = kvmalloc(size, GFP_KERNEL | __GFP_NOWARN);
	annot = kzalloc(sizeof(*annot), GFP_KERNEL);
	err = -ENOMEM;
	if (!blob || !annot)
		goto err_free;
	err = -EFAULT;
	if (copy_from_bpfptr(blob, make_bpfptr(attr->lockdown_annot, uattr.is_kernel), size))
		goto err_free;
	err = bpf_lockdown_annot_parse(blob, size, annot, reason, sizeof(reason));
	if (err) {
		bpf_verifier_log_write(env, "lockdown: %s\n", reason);
		goto err_free;
	}
	ld->annot = annot;
	ld->annot_blob = blob;
	env->prog->aux->lockdown_annotated = true;
	bpf_lockdown_phase_end(BPF_LOCKDOWN_PHASE_ANNOT, start);
	if (!attr->signature)
		return 0;
	err = bpf_lockdown_check_signature(env, attr, uattr);
	env->prog->aux->lockdown_sig = ld->sig;
	return err;

err_free:
	kfree(annot);
	kvfree(blob);
	return err;
}

/**
 * bpf_lockdown_free_annot_and_sig() - release what bpf_lockdown_read_annot_and_sig() kept
 * @env: verifier environment of the load
 */
void bpf_lockdown_free_annot_and_sig(struct bpf_verifier_env *env)
{
	struct bpf_lockdown_env *ld = &env->lockdown;

	bpf_lockdown_free_signature(env);
	kfree(ld->annot);
	kvfree(ld->annot_blob);
	ld->annot = NULL;
	ld->annot_blob = NULL;
}
