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
 * bpf_lockdown_copy_attr() - check the fields and copy the annotation in
 * @env: verifier environment of the load
 * @attr: the kernel copy of union bpf_attr
 * @uattr: where @attr came from, for the kernel/user flag of its pointers
 *
 * The annotation is copied once, with a bounded size, and parsed from the
 * kernel copy; the copy and the parsed form live until the load ends.
 * The checks are made in this order, each with one errno.
 *
 * Context: process context, at the start of bpf_check().
 * Return: 0; -EINVAL for fd_array_cnt, or for an annotation pointer without
 * a size or the reverse; -EOPNOTSUPP for a signature; -E2BIG for an
 * annotation over BPF_LOCKDOWN_ANNOT_MAX_SIZE; -EFAULT; -ENOMEM; or the
 * parser's -EINVAL, -E2BIG or -EBADMSG. Each is explained in the log.
 */
int bpf_lockdown_copy_attr(struct bpf_verifier_env *env, const union bpf_attr *attr,
			   bpfptr_t uattr)
{
	struct bpf_lockdown_env *ld = &env->lockdown;
	char reason[BPF_LOCKDOWN_REASON_MAX];
	u32 size = attr->lockdown_annot_size;
	struct bpf_lockdown_annot *annot;
	void *blob;
	int err;

	if (attr->fd_array_cnt) {
		bpf_verifier_log_write(env, "lockdown: fd_array_cnt must be 0 on this kernel\n");
		return -EINVAL;
	}
	if (attr->signature || attr->signature_size || attr->keyring_id) {
		bpf_verifier_log_write(env,
				       "lockdown: program signatures are not supported by this kernel yet\n");
		return -EOPNOTSUPP;
	}
	if (!attr->lockdown_annot != !size) {
		bpf_verifier_log_write(env,
				       "lockdown: lockdown_annot and lockdown_annot_size must be set together\n");
		return -EINVAL;
	}
	if (!size)
		return 0;
	if (size > BPF_LOCKDOWN_ANNOT_MAX_SIZE) {
		bpf_verifier_log_write(env,
				       "lockdown: annotation of %u bytes exceeds the maximum of %u\n",
				       size, BPF_LOCKDOWN_ANNOT_MAX_SIZE);
		return -E2BIG;
	}

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
	return 0;

err_free:
	kfree(annot);
	kvfree(blob);
	return err;
}

/**
 * bpf_lockdown_free_attr() - release what bpf_lockdown_copy_attr() kept
 * @env: verifier environment of the load
 */
void bpf_lockdown_free_attr(struct bpf_verifier_env *env)
{
	struct bpf_lockdown_env *ld = &env->lockdown;

	kfree(ld->annot);
	kvfree(ld->annot_blob);
	ld->annot = NULL;
	ld->annot_blob = NULL;
}
