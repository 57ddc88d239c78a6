// SPDX-License-Identifier: GPL-2.0
/* bpf-annotate - a small JSON writer: compact output, commas and escapes */

#include <stdarg.h>
#include <stdlib.h>

#include "json_writer.h"

/**
 * jsonw_init() - start writing JSON to a stream
 * @w: the writer
 * @f: the stream
 */
void jsonw_init(struct json_writer *w, FILE *f)
{
	*w = (struct json_writer){ .f = f };
}

/**
 * jsonw_end() - end a JSON document: a newline, and the writer is reset
 * @w: the writer
 */
void jsonw_end(struct json_writer *w)
{
	fputc('\n', w->f);
	jsonw_init(w, w->f);
}

/* before each value or member name: a comma after a sibling */
static void sep(struct json_writer *w)
{
	if (w->after_name) {
		w->after_name = false;
		return;
	}
	if (w->has_value[w->depth])
		fputc(',', w->f);
	w->has_value[w->depth] = true;
}

static void open_(struct json_writer *w, char c)
{
	sep(w);
	fputc(c, w->f);
	if (w->depth < JSONW_MAX_DEPTH)
		w->depth++;
	w->has_value[w->depth] = false;
}

static void close_(struct json_writer *w, char c)
{
	fputc(c, w->f);
	if (w->depth)
		w->depth--;
}

/**
 * jsonw_start_object() - open an object
 * @w: the writer
 */
void jsonw_start_object(struct json_writer *w)
{
	open_(w, '{');
}

/**
 * jsonw_end_object() - close the object opened last
 * @w: the writer
 */
void jsonw_end_object(struct json_writer *w)
{
	close_(w, '}');
}

/**
 * jsonw_start_array() - open an array
 * @w: the writer
 */
void jsonw_start_array(struct json_writer *w)
{
	open_(w, '[');
}

/**
 * jsonw_end_array() - close the array opened last
 * @w: the writer
 */
void jsonw_end_array(struct json_writer *w)
{
	close_(w, ']');
}

/* a string with '"', '\' and control characters escaped, other bytes as they are */
static void put_string(struct json_writer *w, const char *s)
{
	fputc('"', w->f);
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			fprintf(w->f, "\\%c", c);
		else if (c < 0x20)
			fprintf(w->f, "\\u%04x", c);
		else
			fputc(c, w->f);
	}
	fputc('"', w->f);
}

/**
 * jsonw_name() - the name of the next member of the open object
 * @w: the writer
 * @name: the name
 */
void jsonw_name(struct json_writer *w, const char *name)
{
	sep(w);
	put_string(w, name);
	fputc(':', w->f);
	w->after_name = true;
}

/**
 * jsonw_string() - a string value
 * @w: the writer
 * @s: the string; NULL is written as ""
 */
void jsonw_string(struct json_writer *w, const char *s)
{
	sep(w);
	put_string(w, s ? s : "");
}

/**
 * jsonw_stringf() - a string value, formatted as printf() does
 * @w: the writer
 * @fmt: the format
 */
void jsonw_stringf(struct json_writer *w, const char *fmt, ...)
{
	char buf[256], *s = buf;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(buf)) {
		s = malloc(n + 1);
		if (s) {
			va_start(ap, fmt);
			vsnprintf(s, n + 1, fmt, ap);
			va_end(ap);
		}
	}
	jsonw_string(w, n < 0 || !s ? "" : s);
	if (s != buf)
		free(s);
}

/**
 * jsonw_null() - null
 * @w: the writer
 */
void jsonw_null(struct json_writer *w)
{
	sep(w);
	fputs("null", w->f);
}

/**
 * jsonw_string_or_null() - a string value, or null
 * @w: the writer
 * @s: the string, or NULL for null
 */
void jsonw_string_or_null(struct json_writer *w, const char *s)
{
	if (s)
		jsonw_string(w, s);
	else
		jsonw_null(w);
}

/**
 * jsonw_bool() - true or false
 * @w: the writer
 * @v: the value
 */
void jsonw_bool(struct json_writer *w, bool v)
{
	sep(w);
	fputs(v ? "true" : "false", w->f);
}

/**
 * jsonw_uint() - an unsigned number
 * @w: the writer
 * @v: the value
 */
void jsonw_uint(struct json_writer *w, unsigned long long v)
{
	sep(w);
	fprintf(w->f, "%llu", v);
}

/**
 * jsonw_int() - a signed number
 * @w: the writer
 * @v: the value
 */
void jsonw_int(struct json_writer *w, long long v)
{
	sep(w);
	fprintf(w->f, "%lld", v);
}

/**
 * jsonw_string_field() - a member whose value is a string
 * @w: the writer
 * @name: the member name
 * @s: the string
 */
void jsonw_string_field(struct json_writer *w, const char *name, const char *s)
{
	jsonw_name(w, name);
	jsonw_string(w, s);
}

/**
 * jsonw_string_or_null_field() - a member whose value is a string or null
 * @w: the writer
 * @name: the member name
 * @s: the string, or NULL for null
 */
void jsonw_string_or_null_field(struct json_writer *w, const char *name, const char *s)
{
	jsonw_name(w, name);
	jsonw_string_or_null(w, s);
}

/**
 * jsonw_bool_field() - a member whose value is true or false
 * @w: the writer
 * @name: the member name
 * @v: the value
 */
void jsonw_bool_field(struct json_writer *w, const char *name, bool v)
{
	jsonw_name(w, name);
	jsonw_bool(w, v);
}

/**
 * jsonw_uint_field() - a member whose value is an unsigned number
 * @w: the writer
 * @name: the member name
 * @v: the value
 */
void jsonw_uint_field(struct json_writer *w, const char *name, unsigned long long v)
{
	jsonw_name(w, name);
	jsonw_uint(w, v);
}

/**
 * jsonw_int_field() - a member whose value is a signed number
 * @w: the writer
 * @name: the member name
 * @v: the value
 */
void jsonw_int_field(struct json_writer *w, const char *name, long long v)
{
	jsonw_name(w, name);
	jsonw_int(w, v);
}
