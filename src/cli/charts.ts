/** Charts and the report after a command's files are written (loaded only when wanted: chart.js and canvas are heavy). */
export async function drawChartsAndReport(dir: string): Promise<string[]> {
  const { writeChartsAndReport } = await import('../output/report/index.js');
  return writeChartsAndReport(dir);
}
