/** One file of a rendered project, held in memory until the whole project is ready to write. */
export interface TreeFile {
  content: Buffer;
  /** POSIX permission bits, kept so executable scripts stay executable. */
  mode: number;
  /**
   * Produced by rendering (a `.hbs` template or generated text) rather than copied verbatim.
   * Only these need formatting: verbatim template files are kept prettier-clean by a contract test.
   */
  rendered: boolean;
}

/**
 * An in-memory project: relative POSIX path → file. Rendering, formatting and dry runs work on
 * this tree; only the writer touches the disk.
 */
export class VirtualTree {
  private readonly files = new Map<string, TreeFile>();

  write(path: string, content: string | Buffer, mode = 0o644, rendered = true): void {
    this.files.set(path, {
      content: typeof content === 'string' ? Buffer.from(content, 'utf8') : content,
      mode,
      rendered,
    });
  }

  read(path: string): string | undefined {
    return this.files.get(path)?.content.toString('utf8');
  }

  get(path: string): TreeFile | undefined {
    return this.files.get(path);
  }

  has(path: string): boolean {
    return this.files.has(path);
  }

  delete(path: string): void {
    this.files.delete(path);
  }

  /** Paths in a stable, sorted order so output and snapshots never depend on walk order. */
  paths(): string[] {
    return [...this.files.keys()].sort();
  }

  get size(): number {
    return this.files.size;
  }
}
