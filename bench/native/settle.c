// settleVillages (src/model/economy.ts) ported to C operation for operation, with poorByOwnMeans for
// the households that had left poverty: the second measure of what a compiled kernel gains over V8
// (see earn.c). Run by bench/native-kernels.ts, which writes DIR/columns.txt and DIR/columns.bin as
// for earn.c, with the township as it stands after a month's assistance.
//
//   settle DIR REPS: the month's settle (written to DIR/out-native.bin) and its returns to poverty
//   printed, then 5 warm-up calls and REPS timed ones (CPU time; the median is printed). The repeated
//   calls close the same month again: the same work, on incomes that move a little each time.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RENOVATED 64
#define EXITED_OUT_OF_POVERTY 4
#define DISABLED 2

// consts: povertyLine, housingFloor (1 or 0), 1 - insuranceReimbursement, dependency,
// projectReturnCapable, projectReturnEntrusted, month (settle counts returns to poverty from month 0).
static double consts[7];
static uint32_t *start;
static uint8_t *size, *poor, *unsafeHousing, *history, *labourers, *health;
static double *illnessCost, *medicalBill, *monthMarket, *monthCash, *marketIncome, *income;
static float *capitalReturn, *effort, *capital;
static int V, N;

static inline int poor_by_own_means(uint32_t i) {
  double cap = capital[i];
  double own = cap > 0 ? marketIncome[i] + (cap * (labourers[i] > 0 && health[i] != DISABLED ? consts[4] : consts[5])) / size[i] : marketIncome[i];
  return own < consts[0] || (consts[1] != 0 && unsafeHousing[i] == 1);
}

static int settle(void) {
  const double line = consts[0], oop = consts[2], dependency = consts[3];
  const int housingFloor = consts[1] != 0, trackReturns = consts[6] >= 0;
  const double keep = 1 - 1.0 / 12;
  int returns = 0;
  const uint32_t end = start[V];
  for (uint32_t i = start[0]; i < end; i++) {
    double sz = size[i];
    double originalBill = illnessCost[i] * oop;
    double ownMonth = monthMarket[i] - originalBill;
    double cash = monthCash[i];
    double programmeMonth = cash + (double)capitalReturn[i];
    double market = keep * marketIncome[i] + ownMonth / sz;
    double inc = keep * income[i] + (ownMonth + programmeMonth) / sz;
    marketIncome[i] = market;
    income[i] = inc;
    int flags = history[i];
    int housingNeed = housingFloor && (unsafeHousing[i] == 1 || (flags & RENOVATED) != 0);
    poor[i] = market < line || housingNeed ? 1 : 0;
    if ((flags & EXITED_OUT_OF_POVERTY) != 0 && trackReturns && poor_by_own_means(i)) {
      history[i] = flags & ~EXITED_OUT_OF_POVERTY;
      returns += 1;
    }
    double medicalHelp = originalBill - medicalBill[i];
    double unconditional = cash - medicalHelp > 1e-6 ? cash - medicalHelp : 0;
    double monthIncome = ownMonth + programmeMonth;
    double cashShare = unconditional <= 0 ? 0 : monthIncome > unconditional ? unconditional / monthIncome : 1;
    double target = 1 - dependency * cashShare;
    double previous = effort[i];
    double e = previous + (1.0 / 6) * (target - previous);
    e = e < 0.5 ? 0.5 : e > 1 ? 1 : e;
    effort[i] = (float)e;
  }
  return returns;
}

static double cpu_ms(void) { struct timespec ts; clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts); return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6; }
static int cmpd(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return x < y ? -1 : x > y; }

int main(int argc, char **argv) {
  if (argc != 3) { fprintf(stderr, "usage: settle DIR REPS\n"); return 2; }
  const char *dir = argv[1]; int reps = atoi(argv[2]);
  char path[4096];
  snprintf(path, sizeof path, "%s/columns.txt", dir); FILE *ft = fopen(path, "r");
  snprintf(path, sizeof path, "%s/columns.bin", dir); FILE *fb = fopen(path, "rb");
  if (ft == NULL || fb == NULL || reps < 1) { fprintf(stderr, "settle: cannot read %s/columns.*\n", dir); return 2; }
  char name[64], type[64]; long len;
  while (fscanf(ft, "%63s %63s %ld", name, type, &len) == 3) {
    size_t el = strstr(type, "Float64") ? 8 : strstr(type, "Float32") || strstr(type, "Int32") || strstr(type, "Uint32") ? 4 : strstr(type, "Int16") ? 2 : 1;
    void *p = malloc(el * len);
    if (fread(p, el, len, fb) != (size_t)len) { fprintf(stderr, "settle: %s is short\n", name); return 2; }
    if (!strcmp(name, "consts")) memcpy(consts, p, sizeof consts);
    else if (!strcmp(name, "start")) { start = p; V = len - 1; }
    else if (!strcmp(name, "size")) { size = p; N = len; }
    else if (!strcmp(name, "poor")) poor = p; else if (!strcmp(name, "unsafeHousing")) unsafeHousing = p;
    else if (!strcmp(name, "history")) history = p; else if (!strcmp(name, "labourers")) labourers = p;
    else if (!strcmp(name, "health")) health = p; else if (!strcmp(name, "illnessCost")) illnessCost = p;
    else if (!strcmp(name, "medicalBill")) medicalBill = p; else if (!strcmp(name, "monthMarket")) monthMarket = p;
    else if (!strcmp(name, "monthCash")) monthCash = p; else if (!strcmp(name, "marketIncome")) marketIncome = p;
    else if (!strcmp(name, "income")) income = p; else if (!strcmp(name, "monthCapitalReturn")) capitalReturn = p;
    else if (!strcmp(name, "effort")) effort = p; else if (!strcmp(name, "capital")) capital = p;
  }
  int returns = settle();
  snprintf(path, sizeof path, "%s/out-native.bin", dir); FILE *fo = fopen(path, "wb");
  fwrite(marketIncome, 8, N, fo); fwrite(income, 8, N, fo); fwrite(poor, 1, N, fo); fwrite(history, 1, N, fo); fwrite(effort, 4, N, fo); fclose(fo);
  printf("state after: %d\n", returns);
  for (int r = 0; r < 5; r++) settle();
  double *t = malloc(sizeof(double) * reps);
  for (int r = 0; r < reps; r++) { double a = cpu_ms(); settle(); t[r] = cpu_ms() - a; }
  qsort(t, reps, sizeof(double), cmpd);
  printf("median %.6f ms\n", t[reps / 2]);
  return 0;
}
