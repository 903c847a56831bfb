import { LoggerService } from '@backstage/backend-plugin-api';

/** A logger that keeps every line, message and metadata, as text. */
export function captureLogger(): { logger: LoggerService; lines: string[] } {
  const lines: string[] = [];
  const write = (level: string) => (message: string, meta?: Error | object) => {
    lines.push(`${level} ${message} ${JSON.stringify(meta ?? {})}`);
  };
  const logger: LoggerService = {
    error: write('error'),
    warn: write('warn'),
    info: write('info'),
    debug: write('debug'),
    child: () => logger,
  };
  return { logger, lines };
}
