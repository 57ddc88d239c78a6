// SPDX-License-Identifier: GPL-2.0
/* bpf-annotate - the tier command: print or compare unsigned tier tables */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "main.h"
#include "tier_file.h"

static void json_row(const struct ba_tier_row *r)
{
	jsonw_start_object(json_wtr);
	jsonw_string_field(json_wtr, "kind", r->kind);
	jsonw_string_field(json_wtr, "id", r->id);
	jsonw_string_field(json_wtr, "name", r->name);
	jsonw_string_field(json_wtr, bpf_lockdown_level_name(BA_TIER_LEVEL(0)), r->integ);
	jsonw_string_field(json_wtr, bpf_lockdown_level_name(BA_TIER_LEVEL(1)), r->conf);
	jsonw_string_field(json_wtr, "class", r->class);
	jsonw_end_object(json_wtr);
}

static int print_builtin(const struct ba_opts *opts)
{
	char line[256];
	struct ba_tier_row r;
	unsigned int i;

	if (opts->json)
		jsonw_start_array(json_wtr);
	for (i = 0; bpf_lockdown_tier_line(i, line, sizeof(line)) > 0; i++) {
		if (!opts->json) {
			fputs(line, stdout);
			continue;
		}
		if (line[0] == '#' || ba_tier_parse_row(line, &r))
			continue;
		json_row(&r);
	}
	if (opts->json) {
		jsonw_end_array(json_wtr);
		jsonw_end(json_wtr);
	}
	return 0;
}

struct tier_file {
	struct ba_tier_row *rows;
	size_t cnt;
};

static int load_tier(const char *path, struct tier_file *t)
{
	char err[512];

	if (ba_tier_read(path, &t->rows, &t->cnt, err, sizeof(err)))
		return ba_error("%s", err);
	return 0;
}

static const struct ba_tier_row *find_row(const struct tier_file *t, const struct ba_tier_row *r)
{
	size_t i;

	for (i = 0; i < t->cnt; i++)
		if (!strcmp(t->rows[i].kind, r->kind) && !strcmp(t->rows[i].name, r->name))
			return &t->rows[i];
	return NULL;
}

static bool same_verdict(const struct ba_tier_row *a, const struct ba_tier_row *b)
{
	return !strcmp(a->integ, b->integ) && !strcmp(a->conf, b->conf) &&
	       !strcmp(a->class, b->class);
}

/* Items are matched by kind and name: helper IDs are stable, names too. */
static int diff_tiers(const struct ba_opts *opts, const char *pa, const char *pb)
{
	struct tier_file a, b;
	size_t changes = 0, i;
	int err;

	err = load_tier(pa, &a);
	if (err)
		return 1;
	err = load_tier(pb, &b);
	if (err) {
		free(a.rows);
		return 1;
	}
	if (opts->json)
		jsonw_start_array(json_wtr);
	for (i = 0; i < a.cnt; i++) {
		const struct ba_tier_row *o = &a.rows[i], *n = find_row(&b, o);

		if (n && same_verdict(o, n))
			continue;
		changes++;
		if (opts->json) {
			jsonw_start_object(json_wtr);
			jsonw_string_field(json_wtr, "change", n ? "changed" : "removed");
			jsonw_name(json_wtr, "old");
			json_row(o);
			if (n) {
				jsonw_name(json_wtr, "new");
				json_row(n);
			}
			jsonw_end_object(json_wtr);
		} else if (n) {
			printf("~ %s %s: %s %s %s -> %s %s %s\n", o->kind, o->name, o->integ,
			       o->conf, o->class, n->integ, n->conf, n->class);
		} else {
			printf("- %s %s %s %s %s\n", o->kind, o->name, o->integ, o->conf, o->class);
		}
	}
	for (i = 0; i < b.cnt; i++) {
		const struct ba_tier_row *n = &b.rows[i];

		if (find_row(&a, n))
			continue;
		changes++;
		if (opts->json) {
			jsonw_start_object(json_wtr);
			jsonw_string_field(json_wtr, "change", "added");
			jsonw_name(json_wtr, "new");
			json_row(n);
			jsonw_end_object(json_wtr);
		} else {
			printf("+ %s %s %s %s %s\n", n->kind, n->name, n->integ, n->conf, n->class);
		}
	}
	if (opts->json) {
		jsonw_end_array(json_wtr);
		jsonw_end(json_wtr);
	} else if (!changes) {
		printf("no differences\n");
	}
	free(a.rows);
	free(b.rows);
	return 0;
}

/**
 * ba_cmd_tier() - tier [diff A B]: print the built-in unsigned tier, or compare two
 * @opts: global options
 * @argc: number of arguments after the command
 * @argv: the arguments after the command
 *
 * Return: 0; 1 when a file cannot be read; 2 for a usage error.
 */
int ba_cmd_tier(const struct ba_opts *opts, int argc, char **argv)
{
	if (argc == 0)
		return print_builtin(opts);
	if (!strcmp(argv[0], "diff")) {
		if (argc != 3) {
			fprintf(stderr, "bpf-annotate: usage: tier diff A B\n");
			return 2;
		}
		return diff_tiers(opts, argv[1], argv[2]);
	}
	fprintf(stderr, "bpf-annotate: tier: unknown argument '%s'\n", argv[0]);
	return 2;
}
