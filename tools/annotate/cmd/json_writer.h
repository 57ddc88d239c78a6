/* SPDX-License-Identifier: GPL-2.0 */
/* bpf-annotate - a small JSON writer: compact output, commas and escapes */

#ifndef _BPF_ANNOTATE_JSON_WRITER_H
#define _BPF_ANNOTATE_JSON_WRITER_H

#include <stdbool.h>
#include <stdio.h>

#define JSONW_MAX_DEPTH	16

/**
 * struct json_writer - where JSON goes, and where in it the writer is
 * @f: the stream
 * @depth: number of objects and arrays open
 * @has_value: per depth, a value was written (the next one needs a comma)
 * @after_name: a member name was written: its value follows, no comma
 *
 * The writer prints compact JSON (no spaces, no newline except from
 * jsonw_end()): it adds the commas between values and escapes strings.
 */
struct json_writer {
	FILE *f;
	unsigned int depth;
	bool has_value[JSONW_MAX_DEPTH + 1];
	bool after_name;
};

void jsonw_init(struct json_writer *w, FILE *f);
void jsonw_end(struct json_writer *w);

void jsonw_start_object(struct json_writer *w);
void jsonw_end_object(struct json_writer *w);
void jsonw_start_array(struct json_writer *w);
void jsonw_end_array(struct json_writer *w);
void jsonw_name(struct json_writer *w, const char *name);

void jsonw_string(struct json_writer *w, const char *s);
__attribute__((format(printf, 2, 3)))
void jsonw_stringf(struct json_writer *w, const char *fmt, ...);
void jsonw_string_or_null(struct json_writer *w, const char *s);
void jsonw_null(struct json_writer *w);
void jsonw_bool(struct json_writer *w, bool v);
void jsonw_uint(struct json_writer *w, unsigned long long v);
void jsonw_int(struct json_writer *w, long long v);

/* "name":value members of the object being written */
void jsonw_string_field(struct json_writer *w, const char *name, const char *s);
void jsonw_string_or_null_field(struct json_writer *w, const char *name, const char *s);
void jsonw_bool_field(struct json_writer *w, const char *name, bool v);
void jsonw_uint_field(struct json_writer *w, const char *name, unsigned long long v);
void jsonw_int_field(struct json_writer *w, const char *name, long long v);

#endif /* _BPF_ANNOTATE_JSON_WRITER_H */
