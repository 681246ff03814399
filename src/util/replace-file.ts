// Writing an output file (workbook, CSV, report) so that nobody ever sees half of it: written
// beside the target under a temporary name, then renamed over it. A rename within one folder is
// atomic, so a reader has the old file or the new one, and an export stopped halfway (Ctrl-C, a
// full disk) leaves the previous file whole and no temporary one.
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Calls `write` with a temporary path beside `file`, then renames it to `file`. */
export async function replaceFile(file: string, write: (tmp: string) => Promise<void>): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.partial`;
  try {
    await write(tmp);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true, recursive: true });
    throw err;
  }
}
