// earnVillages (src/model/economy.ts) ported to C operation for operation, with xoroshiro128+, the
// ziggurat normal and fastExp as in src/engine: a measure of what a compiled kernel gains over V8 on
// the model's largest pass. bench/native-kernels.ts hands it its arrays (port.h), compiles it with
// `gcc -O2 -ffp-contract=off` (no fused multiply-adds: every operation rounds as in JavaScript) and
// as WebAssembly with clang, and compares what each computes with what earnVillages itself wrote.
//
//   earn DIR CALLS (native): one month's earn (its outputs written to DIR/out-native.bin, the
//   generator's state printed), then 5 warm-up calls and CALLS timed ones (CPU time; the median is
//   printed). As WebAssembly: `bind`, then `run` for each call; `after(k)` is the state's word k.
//
// One difference from the model is left in the native build: the ziggurat's tail (a draw beyond
// 3.44, about 1 in 2,000 normals) takes two logarithms, there from the C library, in V8 from its own
// port of fdlibm. The two differ in the last place for some arguments, which now and then changes a
// tail draw's last bit and, rarely, an output; native-kernels.ts then reports the outputs as
// different and does not time the port. The WebAssembly build takes V8's own Math.log (port.h).
#include <stdint.h>
#include "port.h"

// Households' health (township.ts).
#define HEALTHY 0
#define CHRONIC 1
#define DISABLED 2

#define ZIGGURAT_R 3.442619855899
#define EXP_TABLE_LENGTH 5121

// The month's constants, in this order (native-kernels.ts, earnKernel).
enum {
  WAGE_MONTHLY, SHOCK_PERSISTENCE, HOUSEHOLD_INNOVATION, HEALTH_FACTOR_HEALTHY, HEALTH_FACTOR_CHRONIC,
  HEALTH_FACTOR_DISABLED, RETURN_CAPABLE_MONTHLY, RETURN_ENTRUSTED_MONTHLY, LABOUR_MONTHLY, FARM_MONTHLY,
  REMITTANCE_MONTHLY, SUPPORT_MONTHLY, TRANSFERS_MONTHLY, SKILL_RETURN, ONSET_CHRONIC, RECOVERY_CHRONIC,
  ILLNESS_RATE_HEALTHY, ILLNESS_RATE_CHRONIC, MEDICAL_COST, OUT_OF_POCKET, MEDICAL_COST_LOG_SD, CONSTANTS
};

static const double *constants;
static const int32_t *zigguratK;
static const double *zigguratW, *zigguratF, *expTable;
static const uint32_t *villageStart;
static const double *villageShockFactor, *villageMultiplier;
static long villages;
static uint8_t *health;
static float *shock, *monthCapitalReturn;
static const uint8_t *labourers, *migrants, *elderly, *size;
static const float *ability, *skill, *effort, *capital;
static const double *familyFactor;
static const int16_t *employer;
static double *illnessCost, *medicalBill, *monthMarket, *monthCash;

// xoroshiro128+ (a = 24, b = 16, c = 37): the two 64-bit words of RandomStream's four 32-bit halves.
static uint64_t s0, s1;

/** RandomStream.nextInt32: the low 32 bits of s0 + s1, then the state update. */
static inline int32_t next_int32(void) {
  uint64_t a = s0, b = s1;
  uint32_t out = (uint32_t)(a + b);
  uint64_t t = b ^ a;
  s0 = ((a << 24) | (a >> 40)) ^ t ^ (t << 16);
  s1 = (t << 37) | (t >> 27);
  return (int32_t)out;
}

static inline double uniform(void) { return (double)(uint32_t)next_int32() * (1.0 / 4294967296.0); }

/** fastExp (src/engine/fast-exp.ts): the table for |x| < 40, exp outside (never reached by earn). */
static inline double fast_exp(double x) {
  if (!(x > -40 && x < 40)) return exp(x);
  // Rounds to the nearest integer by adding and subtracting 1.5 * 2^52, as fastExp does (without
  // -ffast-math the compiler keeps both operations).
  double k = x * 64 + 6755399441055744.0 - 6755399441055744.0;
  double r = x - k * (1.0 / 64);
  double expm1 = r * (1 + r * (1.0 / 2 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120 + r * (1.0 / 720))))));
  double t = expTable[(int)(k + 2560)];
  return t + t * expm1;
}

/** The layer (top 7 bits) and signed 25-bit position of a ziggurat word, as RandomStream.normal takes them. */
static inline void split_word(int32_t bits, int *layer, int *position) {
  *layer = (int)((uint32_t)bits >> 25);
  *position = (int32_t)((uint32_t)bits << 7) >> 7;
}

/** RandomStream.normalSlow. */
static double normal_slow(int layer, int position) {
  for (;;) {
    double x = position * zigguratW[layer];
    if (layer == 0) {
      double tailX, tailY;
      do {
        tailX = -log(1 - uniform()) / ZIGGURAT_R;
        tailY = -log(1 - uniform());
      } while (tailY + tailY < tailX * tailX);
      return position > 0 ? ZIGGURAT_R + tailX : -ZIGGURAT_R - tailX;
    }
    double below = zigguratF[layer] + uniform() * (zigguratF[layer - 1] - zigguratF[layer]);
    if (below < fast_exp(-0.5 * x * x)) return x;
    split_word(next_int32(), &layer, &position);
    if ((position < 0 ? -position : position) < zigguratK[layer]) return position * zigguratW[layer];
  }
}

/** RandomStream.normal. */
static inline double normal(void) {
  int layer, position;
  split_word(next_int32(), &layer, &position);
  if ((position < 0 ? -position : position) < zigguratK[layer]) return position * zigguratW[layer];
  return normal_slow(layer, position);
}

/** earnVillages over every village, in the same order of draws and operations. */
static void earn(void) {
  // The constants in local variables, as earnVillages holds them: through the pointer the compiler
  // would load them again after every store to a household's uint8 column (which may alias them).
  const double wage = constants[WAGE_MONTHLY], rho = constants[SHOCK_PERSISTENCE];
  const double householdInnovation = constants[HOUSEHOLD_INNOVATION];
  const double healthFactors[3] = {constants[HEALTH_FACTOR_HEALTHY], constants[HEALTH_FACTOR_CHRONIC], constants[HEALTH_FACTOR_DISABLED]};
  const double returnCapable = constants[RETURN_CAPABLE_MONTHLY], returnEntrusted = constants[RETURN_ENTRUSTED_MONTHLY];
  const double labourMonthly = constants[LABOUR_MONTHLY], farmMonthly = constants[FARM_MONTHLY];
  const double remittanceMonthly = constants[REMITTANCE_MONTHLY], supportMonthly = constants[SUPPORT_MONTHLY];
  const double transfersMonthly = constants[TRANSFERS_MONTHLY], skillReturn = constants[SKILL_RETURN];
  const double onsetChronic = constants[ONSET_CHRONIC], recoveryChronic = constants[RECOVERY_CHRONIC];
  const double illnessRateHealthy = constants[ILLNESS_RATE_HEALTHY], illnessRateChronic = constants[ILLNESS_RATE_CHRONIC];
  const double medicalCost = constants[MEDICAL_COST], outOfPocket = constants[OUT_OF_POCKET];
  const double logSd = constants[MEDICAL_COST_LOG_SD];
  for (long v = 0; v < villages; v += 1) {
    const double multiplier = villageMultiplier[v];
    const double farmWorking = farmMonthly * 1 * villageShockFactor[v];
    const double farmIdle = farmMonthly * 0.5 * villageShockFactor[v];
    const uint32_t end = villageStart[v + 1];
    for (uint32_t i = villageStart[v]; i < end; i += 1) {
      const double zShock = normal();
      const double uHealth = uniform();
      const double uIllness = uniform();

      int state = health[i];
      if (state == HEALTHY && uHealth < onsetChronic) state = CHRONIC;
      else if (state == CHRONIC && uHealth < recoveryChronic) state = HEALTHY;
      health[i] = (uint8_t)state;

      const double householdShock = rho * (double)shock[i] + householdInnovation * zShock;
      shock[i] = (float)householdShock;

      const double healthFactor = healthFactors[state];
      const int workers = labourers[i];
      double earnings = 0;
      if (workers > 0) {
        const double localEarnings = labourMonthly *
          fast_exp(skillReturn * (double)skill[i] + (double)ability[i] + householdShock) * healthFactor *
          (double)effort[i] * multiplier;
        earnings = employer[i] >= 0 ? (workers - 1) * localEarnings + wage : workers * localEarnings;
      }
      const double farm = (workers > 0 ? farmWorking : farmIdle) * healthFactor;
      const int away = migrants[i];
      double remittances = 0, support = 0;
      if (away > 0 || elderly[i]) {
        remittances = away * remittanceMonthly * familyFactor[i];
        if (elderly[i]) support = supportMonthly * familyFactor[i];
      }
      const double transfers = transfersMonthly * size[i];
      const double projectCapital = capital[i];
      monthCapitalReturn[i] = projectCapital > 0
        ? (float)(projectCapital * (workers > 0 && state != DISABLED ? returnCapable : returnEntrusted))
        : 0;

      const double illnessRate = state == HEALTHY ? illnessRateHealthy : illnessRateChronic;
      if (uIllness < illnessRate) {
        const double cost = medicalCost * fast_exp(logSd * normal() - 0.5 * logSd * logSd);
        illnessCost[i] = cost;
        medicalBill[i] = cost * outOfPocket;
      } else {
        illnessCost[i] = 0;
        medicalBill[i] = 0;
      }
      monthMarket[i] = earnings + farm + remittances + support + transfers;
      monthCash[i] = 0;
    }
  }
}

/** Binds the arrays (port.h) and the generator's state; returns the number of households. */
static long bind(void) {
  long households;
  constants = column("consts", "Float64Array", CONSTANTS, NULL);
  const int32_t *state = column("state", "Int32Array", 4, NULL);
  zigguratK = column("K", "Int32Array", 128, NULL);
  zigguratW = column("W", "Float64Array", 128, NULL);
  zigguratF = column("F", "Float64Array", 128, NULL);
  expTable = column("EXP", "Float64Array", EXP_TABLE_LENGTH, NULL);
  health = column("health", "Uint8Array", -1, &households);
  villageStart = village_starts(households, &villages);
  villageShockFactor = column("villageShockFactor", "Float64Array", villages, NULL);
  villageMultiplier = column("villageMultiplier", "Float64Array", villages, NULL);
  shock = column("shock", "Float32Array", households, NULL);
  labourers = column("labourers", "Uint8Array", households, NULL);
  ability = column("ability", "Float32Array", households, NULL);
  familyFactor = column("familyFactor", "Float64Array", households, NULL);
  skill = column("skill", "Float32Array", households, NULL);
  effort = column("effort", "Float32Array", households, NULL);
  employer = column("employer", "Int16Array", households, NULL);
  migrants = column("migrants", "Uint8Array", households, NULL);
  elderly = column("elderly", "Uint8Array", households, NULL);
  size = column("size", "Uint8Array", households, NULL);
  capital = column("capital", "Float32Array", households, NULL);
  monthCapitalReturn = column("monthCapitalReturn", "Float32Array", households, NULL);
  illnessCost = column("illnessCost", "Float64Array", households, NULL);
  medicalBill = column("medicalBill", "Float64Array", households, NULL);
  monthMarket = column("monthMarket", "Float64Array", households, NULL);
  monthCash = column("monthCash", "Float64Array", households, NULL);
  // RandomStream.saveState's order: s0's high and low halves, then s1's.
  s0 = ((uint64_t)(uint32_t)state[0] << 32) | (uint32_t)state[1];
  s1 = ((uint64_t)(uint32_t)state[2] << 32) | (uint32_t)state[3];
  return households;
}

/** Word k of the generator's state, in RandomStream.saveState's order. */
static int32_t state_word(int k) {
  const uint64_t word = k < 2 ? s0 : s1;
  return (int32_t)(k % 2 == 0 ? word >> 32 : word);
}

#ifdef __wasm__

WASM_EXPORT("bind") void wasm_bind(void) { bind(); }
WASM_EXPORT("run") void wasm_run(void) { earn(); }
WASM_EXPORT("after") int32_t wasm_after(int k) { return state_word(k); }

#else

int main(int argc, char **argv) {
  if (argc != 3 || atoi(argv[2]) < 1) {
    fprintf(stderr, "usage: earn DIR CALLS\n");
    return 2;
  }
  read_columns(argv[1]);
  const long households = bind();
  earn();
  FILE *out = open_output(argv[1]);
  write_values(out, health, 1, households);
  write_values(out, shock, 4, households);
  write_values(out, monthCapitalReturn, 4, households);
  write_values(out, illnessCost, 8, households);
  write_values(out, medicalBill, 8, households);
  write_values(out, monthMarket, 8, households);
  write_values(out, monthCash, 8, households);
  fclose(out);
  printf("state after: %d %d %d %d\n", state_word(0), state_word(1), state_word(2), state_word(3));
  time_pass(earn, atoi(argv[2]));
  return 0;
}

#endif
