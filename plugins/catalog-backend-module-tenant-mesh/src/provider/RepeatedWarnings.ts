import { LoggerService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/config';

/**
 * Logs a warning when a problem first appears, and again only after it was
 * gone for a run. A refresh runs every few seconds; warning about the same
 * broken record on each run would bury every other line of the log.
 */
export class RepeatedWarnings {
  readonly #logger: LoggerService;
  #previousRun = new Set<string>();
  #thisRun = new Set<string>();

  constructor(logger: LoggerService) {
    this.#logger = logger;
  }

  /** Warns with `message` and `meta` unless `key` was warned about last run. */
  warn(key: string, message: string, meta: JsonObject): void {
    this.#thisRun.add(key);
    if (!this.#previousRun.has(key)) {
      this.#logger.warn(message, meta);
    }
  }

  /** Ends a run: problems not seen in it will warn again when they return. */
  endRun(): void {
    this.#previousRun = this.#thisRun;
    this.#thisRun = new Set();
  }
}
