// SPDX-License-Identifier: GPL-2.0
/*
 * BPF lockdown test object: kfunc calls from a tp_btf program, and a typed
 * __ksym load from an fentry program.
 */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

struct task_struct {
	int pid;
} __attribute__((preserve_access_index));

struct linux_binprm;

extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym;
extern struct task_struct *bpf_task_from_pid(__s32 pid) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;
extern const int bpf_prog_active __ksym;

__u64 seen;

SEC("tp_btf/sched_process_exec")
int BPF_PROG(exec_kfunc, struct task_struct *p, int old_pid, struct linux_binprm *bprm)
{
	struct task_struct *t;

	bpf_rcu_read_lock();
	t = bpf_task_from_pid(old_pid);
	if (t) {
		seen += t->pid;
		bpf_task_release(t);
	}
	bpf_rcu_read_unlock();
	return 0;
}

SEC("fentry/do_nanosleep")
int BPF_PROG(nanosleep_ksym)
{
	const int *active = bpf_this_cpu_ptr(&bpf_prog_active);

	seen += *active;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
