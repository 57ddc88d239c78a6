// SPDX-License-Identifier: GPL-2.0
/*
 * BPF lockdown selftests - load an object as an application does with
 * the kernel tree's libbpf: bpf_object__open_file(), the map sizes the
 * application sets (bpf_map__set_max_entries(), bpf_map__set_value_size()),
 * bpf_object__load(). For measurements of real tools whose applications
 * size maps at run time (selftests/libbpf-tools-signed-survey --libbpf).
 *
 *   sealed_load OBJ [MAP:max_entries=N,value_size=N]...
 *
 * Prints "PROG: lockdown: VERDICT" per program; exits 0 when it loaded.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/libbpf.h>

#include "lockdown_util.h"

static int set_size(struct bpf_object *obj, char *spec)
{
	char *colon = strchr(spec, ':'), *f, *save = NULL;
	struct bpf_map *map;
	int err = 0;

	if (!colon)
		return -1;
	*colon = '\0';
	map = bpf_object__find_map_by_name(obj, spec);
	if (!map)
		return -1;
	for (f = strtok_r(colon + 1, ",", &save); f && !err; f = strtok_r(NULL, ",", &save)) {
		if (!strncmp(f, "max_entries=", 12))
			err = bpf_map__set_max_entries(map, strtoul(f + 12, NULL, 10));
		else if (!strncmp(f, "value_size=", 11))
			err = bpf_map__set_value_size(map, strtoul(f + 11, NULL, 10));
		else
			err = -1;
	}
	return err;
}

int main(int argc, char **argv)
{
	struct bpf_program *prog;
	struct bpf_object *obj;
	char v[64];
	int i;

	if (argc < 2) {
		fprintf(stderr, "usage: sealed_load OBJ [MAP:max_entries=N,value_size=N]...\n");
		return 2;
	}
	obj = bpf_object__open_file(argv[1], NULL);
	if (!obj)
		return 1;
	for (i = 2; i < argc; i++)
		if (set_size(obj, argv[i])) {
			fprintf(stderr, "sealed_load: cannot set %s\n", argv[i]);
			return 1;
		}
	if (bpf_object__load(obj))
		return 1;
	bpf_object__for_each_program(prog, obj) {
		ld_fdinfo_verdict(bpf_program__fd(prog), v, sizeof(v));
		printf("%s: lockdown: %s\n", bpf_program__name(prog), v);
	}
	bpf_object__close(obj);
	return 0;
}
