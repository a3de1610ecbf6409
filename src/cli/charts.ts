import { inspectOutputFolder, listInManifest, withdrawOutputs } from '../io/output-folder.js';

/**
 * Charts and the report after a command's files are written (loaded only when wanted: chart.js and
 * canvas are heavy). Once the folder's files are read, and before anything is drawn, every file in
 * the folder must be povsim's (inspectOutputFolder: no chart or report overwrites a file povsim did
 * not write); the manifest then lists each file before it is drawn. If drawing fails part-way (a
 * full disk), the files drawn are removed again and the manifest lists the data files only
 * (`povsim chart DIR` draws them once there is room). The caller holds the folder's lock.
 */
export async function drawChartsAndReport(dir: string, options: { metric?: string; report?: boolean } = {}): Promise<string[]> {
  const { drawCharts, writeChartsAndReport } = await import('../output/report/index.js');
  const draw = options.report === false ? drawCharts : writeChartsAndReport;
  let planned: readonly string[] = [];
  try {
    return await draw(dir, {
      ...(options.metric === undefined ? {} : { metric: options.metric }),
      onPlanned: (files) => {
        inspectOutputFolder(dir);
        listInManifest(dir, files);
        planned = files;
      },
    });
  } catch (error) {
    withdrawOutputs(dir, planned);
    throw error;
  }
}
