// settleVillages (src/model/economy.ts) ported to C operation for operation, with poorByOwnMeans for
// the households that had left poverty: the second measure of what a compiled kernel gains over V8
// (see earn.c). bench/native-kernels.ts hands it its arrays (port.h) as the township stands after a
// month's assistance, compiles it natively (`gcc -O2 -ffp-contract=off`) and as WebAssembly (clang),
// and compares what each computes with what settleVillages itself wrote.
//
//   settle DIR CALLS (native): the month's settle (its outputs written to DIR/out-native.bin, its
//   returns to poverty printed), then 5 warm-up calls and CALLS timed ones (CPU time; the median is
//   printed). The repeated calls close the same month again: the same work, on incomes that move a
//   little. As WebAssembly: `bind`, then `run` for each call; `after(0)` is the returns to poverty.
#include <stdint.h>
#include "port.h"

// Households' health and history flags (township.ts).
#define DISABLED 2
#define EXITED_OUT_OF_POVERTY 4
#define RENOVATED 64

// Constants of economy.ts.
#define INCOME_WEIGHT (1.0 / 12)
#define EFFORT_ADJUSTMENT (1.0 / 6)
#define EFFORT_MIN 0.5
#define EFFORT_MAX 1.0
#define CASH_RESIDUE 1e-6

// The month's constants, in this order (native-kernels.ts, settleKernel): the poverty line, the
// housing floor (1 or 0), 1 - insuranceReimbursement, dependency, the two annual project returns,
// and the month (returns to poverty are counted from month 0).
enum { POVERTY_LINE, HOUSING_FLOOR, OUT_OF_POCKET, DEPENDENCY, RETURN_CAPABLE, RETURN_ENTRUSTED, MONTH, CONSTANTS };

static const double *constants;
static const uint32_t *villageStart;
static long villages, households;
static const uint8_t *size, *unsafeHousing, *labourers, *health;
static uint8_t *poor, *history;
static const double *illnessCost, *medicalBill, *monthMarket, *monthCash;
static double *marketIncome, *income;
static const float *monthCapitalReturn, *capital;
static float *effort;

/** poorByOwnMeans, after settle has updated the household's market income. */
static inline int poor_by_own_means(uint32_t i) {
  const double projectCapital = capital[i];
  const double rate = labourers[i] > 0 && health[i] != DISABLED ? constants[RETURN_CAPABLE] : constants[RETURN_ENTRUSTED];
  const double ownMeans = projectCapital > 0 ? marketIncome[i] + (projectCapital * rate) / size[i] : marketIncome[i];
  return ownMeans < constants[POVERTY_LINE] || (constants[HOUSING_FLOOR] != 0 && unsafeHousing[i] == 1);
}

static int returnsToPoverty;

/** settleVillages over every village, in the same order of operations. */
static void settle(void) {
  // The constants in local variables, as settleVillages holds them (see earn.c).
  const double line = constants[POVERTY_LINE];
  const int housingFloor = constants[HOUSING_FLOOR] != 0;
  const int trackReturns = constants[MONTH] >= 0;
  const double outOfPocket = constants[OUT_OF_POCKET], dependency = constants[DEPENDENCY];
  const double keep = 1 - INCOME_WEIGHT;
  returnsToPoverty = 0;
  const uint32_t end = villageStart[villages];
  for (uint32_t i = villageStart[0]; i < end; i += 1) {
    const double persons = size[i];
    const double originalBill = illnessCost[i] * outOfPocket;
    const double ownMonth = monthMarket[i] - originalBill;
    const double cash = monthCash[i];
    const double programmeMonth = cash + (double)monthCapitalReturn[i];
    const double market = keep * marketIncome[i] + ownMonth / persons;
    const double total = keep * income[i] + (ownMonth + programmeMonth) / persons;
    marketIncome[i] = market;
    income[i] = total;

    const int flags = history[i];
    const int housingNeed = housingFloor && (unsafeHousing[i] == 1 || (flags & RENOVATED) != 0);
    poor[i] = market < line || housingNeed ? 1 : 0;
    if (trackReturns && (flags & EXITED_OUT_OF_POVERTY) != 0 && poor_by_own_means(i)) {
      history[i] = (uint8_t)(flags & ~EXITED_OUT_OF_POVERTY);
      returnsToPoverty += 1;
    }

    const double medicalHelp = originalBill - medicalBill[i];
    const double unconditional = cash - medicalHelp > CASH_RESIDUE ? cash - medicalHelp : 0;
    const double monthIncome = ownMonth + programmeMonth;
    const double cashShare = unconditional <= 0 ? 0 : monthIncome > unconditional ? unconditional / monthIncome : 1;
    const double target = 1 - dependency * cashShare;
    const double previousEffort = effort[i];
    double nextEffort = previousEffort + EFFORT_ADJUSTMENT * (target - previousEffort);
    nextEffort = nextEffort < EFFORT_MIN ? EFFORT_MIN : nextEffort > EFFORT_MAX ? EFFORT_MAX : nextEffort;
    effort[i] = (float)nextEffort;
  }
}

/** Binds the arrays (port.h). */
static void bind(void) {
  constants = column("consts", "Float64Array", CONSTANTS, NULL);
  size = column("size", "Uint8Array", -1, &households);
  villageStart = village_starts(households, &villages);
  poor = column("poor", "Uint8Array", households, NULL);
  unsafeHousing = column("unsafeHousing", "Uint8Array", households, NULL);
  history = column("history", "Uint8Array", households, NULL);
  labourers = column("labourers", "Uint8Array", households, NULL);
  health = column("health", "Uint8Array", households, NULL);
  illnessCost = column("illnessCost", "Float64Array", households, NULL);
  medicalBill = column("medicalBill", "Float64Array", households, NULL);
  monthMarket = column("monthMarket", "Float64Array", households, NULL);
  monthCash = column("monthCash", "Float64Array", households, NULL);
  marketIncome = column("marketIncome", "Float64Array", households, NULL);
  income = column("income", "Float64Array", households, NULL);
  monthCapitalReturn = column("monthCapitalReturn", "Float32Array", households, NULL);
  effort = column("effort", "Float32Array", households, NULL);
  capital = column("capital", "Float32Array", households, NULL);
}

#ifdef __wasm__

WASM_EXPORT("bind") void wasm_bind(void) { bind(); }
WASM_EXPORT("run") void wasm_run(void) { settle(); }
WASM_EXPORT("after") int32_t wasm_after(int k) { return k == 0 ? returnsToPoverty : 0; }

#else

int main(int argc, char **argv) {
  if (argc != 3 || atoi(argv[2]) < 1) {
    fprintf(stderr, "usage: settle DIR CALLS\n");
    return 2;
  }
  read_columns(argv[1]);
  bind();
  settle();
  FILE *out = open_output(argv[1]);
  write_values(out, marketIncome, 8, households);
  write_values(out, income, 8, households);
  write_values(out, poor, 1, households);
  write_values(out, history, 1, households);
  write_values(out, effort, 4, households);
  fclose(out);
  printf("state after: %d\n", returnsToPoverty);
  time_pass(settle, atoi(argv[2]));
  return 0;
}

#endif
