import type { Lab } from '../../../capabilities/lab/index.js';
import { startLab } from '../../../capabilities/lab/index.js';
import { Engine, scanTarget } from '../../../capabilities/scan/index.js';
import { type ReportTarget, withGrade } from '../target.js';

/** Scans every lab endpoint in-process and returns the graded results by path, plus the running lab. */
export async function scanLab(existing?: Lab): Promise<{
  lab: Lab;
  byPath: Map<string, ReportTarget>;
  targets: ReportTarget[];
}> {
  const lab = existing ?? (await startLab());
  const engine = new Engine({ resolve: lab.resolve, insecure: true });
  try {
    const targets = await Promise.all(
      lab.targets.map(async (t) =>
        withGrade(await scanTarget(t.url, { resolve: lab.resolve, insecure: true }, engine)),
      ),
    );
    const byPath = new Map(lab.targets.map((t, i) => [t.endpoint.path, targets[i] as ReportTarget]));
    return { lab, byPath, targets };
  } finally {
    await engine.close();
  }
}

/** The result of one lab path, or a thrown error naming it. */
export function at(byPath: ReadonlyMap<string, ReportTarget>, path: string): ReportTarget {
  const t = byPath.get(path);
  if (!t) throw new Error(`no lab result for ${path}`);
  return t;
}
