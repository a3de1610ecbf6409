// earnVillages (src/model/economy.ts) ported to C operation for operation, with xoroshiro128+, the
// ziggurat normal and fastExp as in src/engine: a measure of what a compiled kernel gains over V8 on
// the model's largest pass. Run by bench/native-kernels.ts, which writes DIR/columns.txt (one line per
// array: name, type, length) and DIR/columns.bin (the arrays, in that order), compiles this file
// with `gcc -O2 -ffp-contract=off` (no fused multiply-adds: every operation rounds as in JavaScript)
// and compares DIR/out-native.bin with what earnVillages itself wrote.
//
//   earn DIR REPS: one month's earn (written to DIR/out-native.bin), its generator state printed,
//   then 5 warm-up calls and REPS timed ones (CPU time; the median is printed).
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <time.h>

// consts: wage / 12, shockPersistence, sqrt(1 - rho^2) x individualShockSd, the three health factors,
// the two project returns / 12, labourEarnings / 12, farmIncome / 12, remittancePerMigrant / 12,
// elderlySupport / 12, otherTransfers / 12, skillReturn, onsetChronic, recoveryChronic, the two
// illness rates, medicalCost, 1 - insuranceReimbursement, the medical cost's log SD (native-kernels.ts).
// state: the economy stream's words as RandomStream.saveState writes them (s0 high, s0 low, s1 high, s1 low).
static double consts[21]; static int32_t state[4]; static int32_t K[128]; static double W[128], F[128], EXP[5121];
static uint32_t *start; static double *vsf, *vmul;
static uint8_t *health, *labourers, *migrants, *elderly, *size; static float *shock, *ability, *skill, *effort, *capital, *capRet;
static double *familyFactor, *illnessCost, *medicalBill, *monthMarket, *monthCash; static int16_t *employer;
static int V, N;
static uint64_t S0, S1;

static inline int32_t next_int32(void) {
  uint64_t s0 = S0, s1 = S1;
  uint32_t out = (uint32_t)(s0 + s1);
  uint64_t t = s1 ^ s0;
  S0 = ((s0 << 24) | (s0 >> 40)) ^ t ^ (t << 16);
  S1 = (t << 37) | (t >> 27);
  return (int32_t)out;
}
static inline double uniform(void) { return (double)(uint32_t)next_int32() * (1.0 / 4294967296.0); }
static inline double fast_exp(double x) {
  if (!(x > -40 && x < 40)) return exp(x);
  // Rounds to the nearest integer by adding and subtracting 1.5 * 2^52, as fastExp does (without
  // -ffast-math the compiler keeps both operations).
  double k = x * 64 + 6755399441055744.0 - 6755399441055744.0;
  double r = x - k * (1.0 / 64);
  double em1 = r * (1 + r * (1.0 / 2 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120 + r * (1.0 / 720))))));
  double t = EXP[(int)(k + 2560)];
  return t + t * em1;
}
static double normal_slow(int layer, int position) {
  for (;;) {
    double x = position * W[layer];
    if (layer == 0) {
      double tx, ty;
      do { tx = -log(1 - uniform()) / 3.442619855899; ty = -log(1 - uniform()); } while (ty + ty < tx * tx);
      return position > 0 ? 3.442619855899 + tx : -3.442619855899 - tx;
    }
    double below = F[layer] + uniform() * (F[layer - 1] - F[layer]);
    if (below < fast_exp(-0.5 * x * x)) return x;
    int32_t bits = next_int32();
    layer = (uint32_t)bits >> 25; position = (int32_t)((uint32_t)bits << 7) >> 7;
    if ((position < 0 ? -position : position) < K[layer]) return position * W[layer];
  }
}
static inline double normal(void) {
  int32_t bits = next_int32();
  int layer = (uint32_t)bits >> 25; int position = (int32_t)((uint32_t)bits << 7) >> 7;
  if ((position < 0 ? -position : position) < K[layer]) return position * W[layer];
  return normal_slow(layer, position);
}

static void earn(void) {
  const double wage = consts[0], rho = consts[1], hInnov = consts[2];
  const double factors[3] = {consts[3], consts[4], consts[5]};
  const double rCap = consts[6], rEnt = consts[7], labourM = consts[8], farmM = consts[9], remitM = consts[10], suppM = consts[11], transM = consts[12];
  const double skillReturn = consts[13], onset = consts[14], recovery = consts[15], illH = consts[16], illC = consts[17], medCost = consts[18], oop = consts[19], sd = consts[20];
  for (int v = 0; v < V; v++) {
    const double vm = vmul[v], farmWorking = farmM * 1 * vsf[v], farmIdle = farmM * 0.5 * vsf[v];
    const uint32_t end = start[v + 1];
    for (uint32_t i = start[v]; i < end; i++) {
      double z = normal(); double uH = uniform(); double uI = uniform();
      int hl = health[i];
      if (hl == 0 && uH < onset) hl = 1; else if (hl == 1 && uH < recovery) hl = 0;
      health[i] = hl;
      double sh = rho * (double)shock[i] + hInnov * z; shock[i] = (float)sh;
      double hf = hl == 0 ? factors[0] : hl == 1 ? factors[1] : factors[2];
      int lab = labourers[i]; double earnings = 0;
      if (lab > 0) {
        double local = labourM * fast_exp(skillReturn * (double)skill[i] + (double)ability[i] + sh) * hf * (double)effort[i] * vm;
        earnings = employer[i] >= 0 ? (lab - 1) * local + wage : lab * local;
      }
      double farm = (lab > 0 ? farmWorking : farmIdle) * hf;
      int mig = migrants[i], eld = elderly[i]; double remit = 0, supp = 0;
      if (mig > 0 || eld) { double ff = familyFactor[i]; remit = mig * remitM * ff; if (eld) supp = suppM * ff; }
      double transfers = transM * size[i];
      double cap = capital[i];
      capRet[i] = cap > 0 ? (float)(cap * (lab > 0 && hl != 2 ? rCap : rEnt)) : 0;
      double rate = hl == 0 ? illH : illC;
      if (uI < rate) { double cost = medCost * fast_exp(sd * normal() - 0.5 * sd * sd); illnessCost[i] = cost; medicalBill[i] = cost * oop; }
      else { illnessCost[i] = 0; medicalBill[i] = 0; }
      monthMarket[i] = earnings + farm + remit + supp + transfers;
      monthCash[i] = 0;
    }
  }
}

static double cpu_ms(void) { struct timespec ts; clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts); return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6; }
static int cmpd(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return x < y ? -1 : x > y; }

int main(int argc, char **argv) {
  if (argc != 3) { fprintf(stderr, "usage: earn DIR REPS\n"); return 2; }
  const char *dir = argv[1]; int reps = atoi(argv[2]);
  char path[4096];
  snprintf(path, sizeof path, "%s/columns.txt", dir); FILE *ft = fopen(path, "r");
  snprintf(path, sizeof path, "%s/columns.bin", dir); FILE *fb = fopen(path, "rb");
  if (ft == NULL || fb == NULL || reps < 1) { fprintf(stderr, "earn: cannot read %s/columns.*\n", dir); return 2; }
  char name[64], type[64]; long len;
  while (fscanf(ft, "%63s %63s %ld", name, type, &len) == 3) {
    size_t el = strstr(type, "Float64") ? 8 : strstr(type, "Float32") || strstr(type, "Int32") || strstr(type, "Uint32") ? 4 : strstr(type, "Int16") ? 2 : 1;
    void *p = malloc(el * len);
    if (fread(p, el, len, fb) != (size_t)len) { fprintf(stderr, "earn: %s is short\n", name); return 2; }
    if (!strcmp(name, "consts")) memcpy(consts, p, sizeof consts);
    else if (!strcmp(name, "state")) memcpy(state, p, sizeof state);
    else if (!strcmp(name, "K")) memcpy(K, p, sizeof K);
    else if (!strcmp(name, "W")) memcpy(W, p, sizeof W);
    else if (!strcmp(name, "F")) memcpy(F, p, sizeof F);
    else if (!strcmp(name, "EXP")) memcpy(EXP, p, sizeof EXP);
    else if (!strcmp(name, "start")) { start = p; V = len - 1; }
    else if (!strcmp(name, "villageShockFactor")) vsf = p; else if (!strcmp(name, "villageMultiplier")) vmul = p;
    else if (!strcmp(name, "health")) { health = p; N = len; } else if (!strcmp(name, "shock")) shock = p;
    else if (!strcmp(name, "labourers")) labourers = p; else if (!strcmp(name, "ability")) ability = p;
    else if (!strcmp(name, "familyFactor")) familyFactor = p; else if (!strcmp(name, "skill")) skill = p;
    else if (!strcmp(name, "effort")) effort = p; else if (!strcmp(name, "employer")) employer = p;
    else if (!strcmp(name, "migrants")) migrants = p; else if (!strcmp(name, "elderly")) elderly = p;
    else if (!strcmp(name, "size")) size = p; else if (!strcmp(name, "capital")) capital = p;
  }
  capRet = calloc(N, 4); illnessCost = calloc(N, 8); medicalBill = calloc(N, 8); monthMarket = calloc(N, 8); monthCash = calloc(N, 8);
  S0 = ((uint64_t)(uint32_t)state[0] << 32) | (uint32_t)state[1];
  S1 = ((uint64_t)(uint32_t)state[2] << 32) | (uint32_t)state[3];
  earn();
  snprintf(path, sizeof path, "%s/out-native.bin", dir); FILE *fo = fopen(path, "wb");
  fwrite(health, 1, N, fo); fwrite(shock, 4, N, fo); fwrite(capRet, 4, N, fo); fwrite(illnessCost, 8, N, fo); fwrite(medicalBill, 8, N, fo); fwrite(monthMarket, 8, N, fo); fwrite(monthCash, 8, N, fo); fclose(fo);
  printf("state after: %d %d %d %d\n", (int32_t)(S0 >> 32), (int32_t)S0, (int32_t)(S1 >> 32), (int32_t)S1);
  for (int r = 0; r < 5; r++) earn();
  double *t = malloc(sizeof(double) * reps);
  for (int r = 0; r < reps; r++) { double a = cpu_ms(); earn(); t[r] = cpu_ms() - a; }
  qsort(t, reps, sizeof(double), cmpd);
  printf("median %.6f ms\n", t[reps / 2]);
  return 0;
}
