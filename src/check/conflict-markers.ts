/**
 * Leftovers of an unfinished merge in a file's text: the opening and closing conflict-marker
 * lines git writes (`<<<<<<< ours`, `>>>>>>> theirs`). Returns the 1-based line numbers of the
 * opening markers; empty when the file is clean. Pure.
 */
export function conflictMarkerLines(text: string): number[] {
  const lines = text.split('\n');
  const opened: number[] = [];
  let open: number | undefined;
  lines.forEach((line, index) => {
    if (/^<{7}( |$)/.test(line)) open = index + 1;
    else if (/^>{7}( |$)/.test(line) && open !== undefined) {
      opened.push(open);
      open = undefined;
    }
  });
  return opened;
}

/** Patch rejects (`--conflict rej` style) and git's merge backups count as unfinished too. */
export function isLeftoverFile(path: string): boolean {
  return /\.(rej|orig)$/.test(path);
}
