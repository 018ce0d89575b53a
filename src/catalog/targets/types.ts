import type { FrameworkId } from '../../profile/ids.js';

/**
 * A framework this CLI can scaffold. `id` is also the template folder (`templates/targets/<id>/`),
 * the `--framework` flag value and the answers-file value. The contract tests in
 * test/contract/ fail when this file and the template folder drift apart.
 */
export interface TargetDefinition {
  id: FrameworkId;
  displayName: string;
  /** One line under the label in prompts and help. */
  description: string;
  ecosystem: 'node' | 'python' | 'jvm' | 'go';
  /**
   * Shared template folders, applied in order before the target's own folder:
   * `templates/layers/<layer>/` for the project and `templates/modules/<layer>/<generator>/` for
   * `add`. A target's own files override a layer's; what a layer expects from the target (for
   * `node`: src/app.ts, src/main.ts, src/platform/app-module.ts) is listed in its README.
   */
  layers: readonly string[];
  /** Features with an overlay folder `templates/features/<feature>/<id>/`. */
  supports: readonly string[];
  /** Commands, each an argv array run in the generated project directory (never a shell string). */
  commands: {
    /** Frozen install from the committed lockfile. */
    install: readonly string[];
    build: readonly string[];
    typecheck?: readonly string[];
    lint?: readonly string[];
    test: readonly string[];
    /** Production start, identical to the Dockerfile's exec-form ENTRYPOINT + CMD (contract-tested). */
    start: readonly string[];
    /** Applies schema migrations; a separate step, never run on start in production (C68). */
    migrate: readonly string[];
    /** Development start with the embedded database (no services needed). */
    dev: readonly string[];
  };
  /**
   * What the `dev` command needs, shown after it in the CLI's next steps. Unset: it runs with an
   * embedded database and needs nothing else installed.
   */
  devNote?: string;
  /** Files whose content the snapshot tests pin, besides the file list. */
  keyFiles: readonly string[];
}
