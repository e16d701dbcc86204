import cliProgress from 'cli-progress';
import { type Progress, silentProgress } from '../platform/progress.js';

/**
 * A bar per phase on stderr with the rate and the time left, e.g.
 * `Derechohabientes |████░░░░| 41% | 553,500/1,350,000 filas | 61,204/s | quedan 13 s`.
 * Only on a terminal: piped output and tests stay quiet.
 */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || process.env.VITEST) return silentProgress;
  return {
    phase(name, total, unit = 'filas') {
      const started = Date.now();
      let value = 0;
      const bar = new cliProgress.SingleBar(
        {
          stream,
          format: `${name.padEnd(18)} |{bar}| {percentage}% | {shown}/{all} ${unit} | {rate}/s | quedan {eta_formatted}`,
          barCompleteChar: '█',
          barIncompleteChar: '░',
          hideCursor: true,
          etaBuffer: 50,
          fps: 5,
        },
        cliProgress.Presets.shades_classic,
      );
      const numbers = () => {
        const seconds = Math.max((Date.now() - started) / 1000, 0.001);
        return {
          shown: value.toLocaleString('es-MX'),
          all: total.toLocaleString('es-MX'),
          rate: Math.round(value / seconds).toLocaleString('es-MX'),
        };
      };
      bar.start(Math.max(total, 1), 0, numbers());
      return {
        advance(done) {
          value += done;
          bar.update(Math.min(value, total), numbers());
        },
        finish() {
          bar.update(Math.min(value, total), numbers());
          bar.stop();
        },
      };
    },
  };
}
