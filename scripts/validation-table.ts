/**
 * The table of docs/validation.md: every published figure of the validation suite beside what
 * povsim gives in the study's setting (mean and range over the seeds), generated from
 * tests/validation/studies.ts so that the doc cannot drift from the model.
 *
 *   npx tsx scripts/validation-table.ts                            # print the table
 *   npx tsx scripts/validation-table.ts --write docs/validation.md # replace it in the doc, between
 *                                                                  # <!-- validation:start --> and
 *                                                                  # <!-- validation:end -->
 *
 * tests/validation/validation.test.ts fails when the doc's table differs from `validationTable()`.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VALIDATION_SEEDS, alatasDetails, meanOf, passes, validationRows, type ArmDetail, type StudyRow } from '../tests/validation/studies.js';
import { cell, printOrWrite } from './parameter-tables.js';

export const VALIDATION_START = '<!-- validation:start -->';
export const VALIDATION_END = '<!-- validation:end -->';

const HEADER =
  '| Study | Setting | Measure | Published | povsim: mean (range) over seeds | Accepted band | Verdict |\n|---|---|---|---|---|---|---|';

/** A value as the table shows it: four decimals (so that a mean just outside a band edge shows it), a minus sign, no plus. */
function figure(x: number): string {
  if (Number.isNaN(x)) return 'n/a';
  return (Object.is(x, -0) ? 0 : x).toFixed(4);
}

function row(r: StudyRow): string {
  const values = `${figure(meanOf(r.values))} (${figure(Math.min(...r.values))} to ${figure(Math.max(...r.values))})`;
  const band = `${figure(r.low)} to ${figure(r.high)}: ${r.tolerance}`;
  const verdict = passes(r) ? 'within' : `**outside**${r.disagreement === undefined ? '' : `: ${r.disagreement} (see below)`}`;
  const cells = [r.study, r.setting, r.measure, r.published, values, band, verdict];
  return `| ${cells.map(cell).join(' | ')} |`;
}

const DETAILS_HEADER =
  '| Arm | Inclusion error | Exclusion error | Mistargeting | Score R-squared on true log income | Correlation | PMT formula fit on its survey |\n|---|---|---|---|---|---|---|';

function detailRow(d: ArmDetail): string {
  return `| ${d.arm} | ${[d.inclusion, d.exclusion, d.mistargeting, d.scoreR2, Math.sqrt(d.scoreR2), d.pmtR2].map(figure).join(' | ')} |`;
}

/**
 * The markdown of the doc's generated part: the table of `rows` (the suite's rows by default), then
 * the Alatas arms against true income (means over the seeds).
 */
export function validationTable(rows: readonly StudyRow[] = validationRows(), details: readonly ArmDetail[] = alatasDetails()): string {
  return [
    [HEADER, ...rows.map(row)].join('\n'),
    `Seeds ${VALIDATION_SEEDS.join(', ')}; each study's scenario is in \`tests/validation/scenarios/\`.`,
    'The Alatas et al. (2012) arms against true income (no survey error), and the quality of their scores (means over the seeds; the formula is fitted only where a method uses it):',
    [DETAILS_HEADER, ...details.map(detailRow)].join('\n'),
  ].join('\n\n') + '\n';
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) printOrWrite(process.argv.slice(2), () => validationTable(), VALIDATION_START, VALIDATION_END, 'validation table');
