// What the ports (earn.c, settle.c) share: the arrays bench/native-kernels.ts hands them, by name,
// and, natively, timing. A port asks for each array by name, type and (where it is fixed) length;
// anything else stops the port with a message, so that a change on the JavaScript side cannot be
// read as something else.
//
// Each port builds two ways:
// - natively (gcc): DIR/columns.txt names each array (name, JavaScript type, length, one line each)
//   and DIR/columns.bin holds them in that order; the C library's log and exp.
// - as WebAssembly (clang --target=wasm32, no C library; __wasm__ defined): native-kernels.ts copies
//   the arrays into the module's memory and names each with add_column; the logarithm and the
//   exponential are V8's own Math.log and Math.exp, imported, so the module computes what the model
//   computes bit for bit, the ziggurat's tail included.
#ifndef POVSIM_PORT_H
#define POVSIM_PORT_H

#include <stddef.h>
#include <stdint.h>

#if !defined(__FLT_EVAL_METHOD__) || __FLT_EVAL_METHOD__ != 0
#error "the ports need every double operation rounded as a double (FLT_EVAL_METHOD 0), as in JavaScript"
#endif

#define MAX_COLUMNS 64

struct column {
  char name[64];
  char type[64];
  long length;
  void *data;
};

static struct column columns[MAX_COLUMNS];
static int column_count;

#ifdef __wasm__

#define WASM_IMPORT(name) __attribute__((import_module("env"), import_name(name)))
#define WASM_EXPORT(name) __attribute__((export_name(name)))

WASM_IMPORT("log") double log(double x);
WASM_IMPORT("exp") double exp(double x);
/** Stops the port: native-kernels.ts throws, naming `what` and the array `name`. */
WASM_IMPORT("fail") _Noreturn void fail(const char *what, const char *name);

/** Copies the string `from` (at most 63 characters) to `to`. */
static void copy_name(char *to, const char *from) {
  int k = 0;
  for (; k < 63 && from[k] != 0; k += 1) to[k] = from[k];
  to[k] = 0;
}

static int same_name(const char *a, const char *b) {
  for (; *a != 0 && *a == *b; a += 1, b += 1) {}
  return *a == *b;
}

/** Names the array of `length` values of JavaScript type `type` at `data` (in the module's memory). */
WASM_EXPORT("add_column") void add_column(const char *name, const char *type, long length, void *data) {
  if (column_count == MAX_COLUMNS) fail("more arrays than the port holds, at", name);
  struct column *c = &columns[column_count++];
  copy_name(c->name, name);
  copy_name(c->type, type);
  c->length = length;
  c->data = data;
}

#else

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define same_name(a, b) (strcmp((a), (b)) == 0)

static size_t element_size(const char *type) {
  if (!strcmp(type, "Float64Array")) return 8;
  if (!strcmp(type, "Float32Array") || !strcmp(type, "Int32Array") || !strcmp(type, "Uint32Array")) return 4;
  if (!strcmp(type, "Int16Array") || !strcmp(type, "Uint16Array")) return 2;
  if (!strcmp(type, "Uint8Array") || !strcmp(type, "Int8Array")) return 1;
  fprintf(stderr, "columns: unknown array type %s\n", type);
  exit(2);
}

/** Reads every array of DIR/columns.txt and DIR/columns.bin. */
static void read_columns(const char *dir) {
  char path[4096];
  snprintf(path, sizeof path, "%s/columns.txt", dir);
  FILE *names = fopen(path, "r");
  snprintf(path, sizeof path, "%s/columns.bin", dir);
  FILE *data = fopen(path, "rb");
  if (names == NULL || data == NULL) {
    fprintf(stderr, "columns: cannot read %s/columns.txt and columns.bin\n", dir);
    exit(2);
  }
  struct column c;
  while (fscanf(names, "%63s %63s %ld", c.name, c.type, &c.length) == 3) {
    if (column_count == MAX_COLUMNS) {
      fprintf(stderr, "columns: more than %d arrays\n", MAX_COLUMNS);
      exit(2);
    }
    size_t size = element_size(c.type);
    c.data = malloc(size * (size_t)c.length + 1);
    if (c.data == NULL || fread(c.data, size, (size_t)c.length, data) != (size_t)c.length) {
      fprintf(stderr, "columns: %s is shorter than %ld values\n", c.name, c.length);
      exit(2);
    }
    columns[column_count++] = c;
  }
  fclose(names);
  fclose(data);
}

#endif

/**
 * The array called `name`, which must be of JavaScript type `type` and, unless `length` is -1, of
 * that length; its length is stored in *found_length when that is not NULL.
 */
static void *column(const char *name, const char *type, long length, long *found_length) {
  for (int k = 0; k < column_count; k += 1) {
    if (!same_name(columns[k].name, name)) continue;
    if (!same_name(columns[k].type, type) || (length >= 0 && columns[k].length != length)) {
#ifdef __wasm__
      fail("not of the type or length the port expects:", name);
#else
      fprintf(stderr, "columns: %s is %s[%ld], expected %s[%ld]\n", name, columns[k].type, columns[k].length, type, length);
      exit(2);
#endif
    }
    if (found_length != NULL) *found_length = columns[k].length;
    return columns[k].data;
  }
#ifdef __wasm__
  fail("no array", name);
#else
  fprintf(stderr, "columns: no array %s\n", name);
  exit(2);
#endif
}

/**
 * The villages' first households ("start", villages + 1 entries), checked to cover the `households`
 * households; the number of villages is stored in *villages.
 */
static const uint32_t *village_starts(long households, long *villages) {
  long starts;
  const uint32_t *start = column("start", "Uint32Array", -1, &starts);
  *villages = starts - 1;
  if (*villages < 1 || (long)start[*villages] != households) {
#ifdef __wasm__
    fail("the villages' starts do not cover the households:", "start");
#else
    fprintf(stderr, "columns: the villages' starts do not cover the %ld households\n", households);
    exit(2);
#endif
  }
  return start;
}

#ifndef __wasm__

/** CPU time of this process, ms. */
static double cpu_ms(void) {
  struct timespec now;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

static int compare_doubles(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/** Runs `pass` 5 times, then `calls` timed times; prints the median ("median M ms"). */
static void time_pass(void (*pass)(void), int calls) {
  for (int r = 0; r < 5; r += 1) pass();
  double *times = malloc(sizeof(double) * (size_t)calls);
  for (int r = 0; r < calls; r += 1) {
    double start = cpu_ms();
    pass();
    times[r] = cpu_ms() - start;
  }
  qsort(times, (size_t)calls, sizeof(double), compare_doubles);
  printf("median %.6f ms\n", times[calls / 2]);
  free(times);
}

/** DIR/out-native.bin, open for writing (the port's outputs, compared by native-kernels.ts). */
static FILE *open_output(const char *dir) {
  char path[4096];
  snprintf(path, sizeof path, "%s/out-native.bin", dir);
  FILE *file = fopen(path, "wb");
  if (file == NULL) {
    fprintf(stderr, "port: cannot write %s\n", path);
    exit(2);
  }
  return file;
}

/** Writes `count` values of `size` bytes to `file`. */
static void write_values(FILE *file, const void *values, size_t size, long count) {
  if (fwrite(values, size, (size_t)count, file) != (size_t)count) {
    fprintf(stderr, "port: cannot write its output\n");
    exit(2);
  }
}

#endif

#endif
