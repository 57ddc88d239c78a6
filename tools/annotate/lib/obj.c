// SPDX-License-Identifier: GPL-2.0
/* bpf-annotate - objects in memory: free, find a program */

#include <stdlib.h>
#include <string.h>

#include "bpf_annotate.h"
#include "obj.h"

/**
 * ba_map_free() - free what a map of an object owns, not the map itself
 * @m: the map
 */
void ba_map_free(struct bpf_annotate_map *m)
{
	__u32 i;

	free(m->name);
	free(m->data);
	for (i = 0; i < m->kconfig_cnt; i++)
		free(m->kconfig[i].name);
	free(m->kconfig);
}

/**
 * ba_prog_free() - free what a program of an object owns, not the program itself
 * @p: the program
 */
void ba_prog_free(struct bpf_annotate_prog *p)
{
	__u32 i;

	free(p->name);
	free(p->sec_name);
	free(p->license);
	free(p->attach_name);
	free(p->insns);
	free(p->func_info);
	free(p->line_info);
	free(p->core_relos);
	for (i = 0; i < p->extern_cnt; i++)
		free(p->externs[i].name);
	free(p->externs);
	free(p->annot);
	free(p->target_digest);
	free(p->sig);
	free(p->manifest);
}

/**
 * bpf_annotate_free() - free an object
 * @obj: object from bpf_annotate_record() or bpf_annotate_open(), or NULL
 */
void bpf_annotate_free(struct bpf_annotate_obj *obj)
{
	__u32 i;

	if (!obj)
		return;
	for (i = 0; i < obj->map_cnt; i++)
		ba_map_free(&obj->maps[i]);
	for (i = 0; i < obj->prog_cnt; i++)
		ba_prog_free(&obj->progs[i]);
	free(obj->maps);
	free(obj->progs);
	free(obj->btf);
	free(obj->elf);
	free(obj->name);
	free(obj);
}

/**
 * bpf_annotate_find_prog() - find a program by name
 * @obj: the object
 * @name: the full program name
 *
 * Return: the program, or NULL.
 */
struct bpf_annotate_prog *bpf_annotate_find_prog(const struct bpf_annotate_obj *obj,
						 const char *name)
{
	__u32 i;

	for (i = 0; i < obj->prog_cnt; i++)
		if (!strcmp(obj->progs[i].name, name))
			return &obj->progs[i];
	return NULL;
}
