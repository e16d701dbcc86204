import type { FastifyInstance } from 'fastify';

/**
 * The recent response time of a scope's requests, as an exponentially weighted moving average
 * (each answer weighs a tenth): what the waiting room reads to slow admissions while the server
 * struggles, before it has to shed load with 503s.
 */
export interface LatencyGauge {
  record(ms: number): void;
  /** Milliseconds; 0 before the first answer. */
  current(): number;
}

const WEIGHT = 0.1;

export function latencyGauge(): LatencyGauge {
  let average = 0;
  let seen = false;
  return {
    record(ms) {
      average = seen ? average + WEIGHT * (ms - average) : ms;
      seen = true;
    },
    current: () => average,
  };
}

/** Feeds `gauge` with the time of every answer of `scope`. */
export function measureLatency(scope: FastifyInstance, gauge: LatencyGauge) {
  scope.addHook('onResponse', async (_request, reply) => {
    gauge.record(reply.elapsedTime);
  });
}
