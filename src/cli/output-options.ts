import { FORMATS, type Format } from '../outputs/report/index.js';

/** One report to write: a format and its file (stdout when absent). */
export interface ReportOutput {
  readonly format: Format;
  readonly file?: string;
}

const isFormat = (v: string): v is Format => (FORMATS as readonly string[]).includes(v);

/**
 * Resolves `--format` (repeatable, comma lists) and `-o` (`FORMAT=FILE`, or one plain `FILE` for the format
 * that would otherwise go to stdout) into the list of reports. Formats named only by `-o FORMAT=FILE` are
 * added; with no format at all, `text`. Problems are appended to `problems`, one line each, saying the fix.
 *
 * @example
 * ```ts
 * resolveOutputs(['sarif,html'], ['sarif=out.sarif', 'report.html'], []);
 * // [{ format: 'sarif', file: 'out.sarif' }, { format: 'html', file: 'report.html' }]
 * ```
 */
export function resolveOutputs(
  formatArgs: readonly string[],
  outputArgs: readonly string[],
  problems: string[],
): ReportOutput[] {
  const formats: Format[] = [];
  for (const value of formatArgs.flatMap((a) => a.split(',')).map((v) => v.trim())) {
    if (!isFormat(value)) {
      problems.push(`--format must be one of ${FORMATS.join(', ')}, got ${JSON.stringify(value)}`);
    } else if (formats.includes(value)) {
      problems.push(`--format ${value} is given twice; name each format once`);
    } else formats.push(value);
  }
  const files = new Map<Format, string>();
  const plain: string[] = [];
  for (const arg of outputArgs) {
    const m = /^([a-z]+)=(.*)$/.exec(arg);
    if (!m) {
      plain.push(arg);
      continue;
    }
    const [, name = '', file = ''] = m;
    if (!isFormat(name)) {
      problems.push(
        `-o ${arg}: ${name} is not a format; write -o FORMAT=FILE with FORMAT one of ${FORMATS.join(', ')}`,
      );
    } else if (file === '') {
      problems.push(`-o ${arg}: no file name after "${name}="; write it like -o ${name}=report.${name}`);
    } else if (files.has(name)) {
      problems.push(`-o ${name}=… is given twice; write each format to one file`);
    } else {
      files.set(name, file);
      if (!formats.includes(name)) formats.push(name);
    }
  }
  if (formats.length === 0) formats.push('text');
  if (plain.length > 1) {
    problems.push(
      `-o is given ${plain.length} plain file names (${plain.join(', ')}); give at most one, and name the others -o FORMAT=FILE`,
    );
  }
  const onStdout = formats.filter((f) => !files.has(f));
  const [plainFile] = plain;
  if (plainFile !== undefined && plain.length === 1) {
    const [only] = onStdout;
    if (onStdout.length === 1 && only) files.set(only, plainFile);
    else if (onStdout.length === 0) {
      problems.push(
        `-o ${plainFile}: every format already has a file; write -o FORMAT=${plainFile} to add one`,
      );
    } else {
      problems.push(
        `-o ${plainFile} is ambiguous with several formats (${onStdout.join(', ')}); write -o ${onStdout[0]}=${plainFile}`,
      );
    }
  }
  const stdout = formats.filter((f) => !files.has(f));
  if (stdout.length > 1) {
    problems.push(
      `only one format can go to stdout, got ${stdout.join(', ')}; give the others a file with -o FORMAT=FILE`,
    );
  }
  const byFile = new Map<string, Format>();
  for (const [format, file] of files) {
    const other = byFile.get(file);
    if (other) problems.push(`-o: ${other} and ${format} would both be written to ${file}; use two files`);
    byFile.set(file, format);
  }
  return formats.map((format) => {
    const file = files.get(format);
    return file === undefined ? { format } : { format, file };
  });
}
