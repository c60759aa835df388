// Prometheus metrics, one registry per Heraldo instance (tests run several in one process).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    connectedSockets: new Gauge({
      name: 'heraldo_connected_sockets',
      help: 'Socket.io clients connected to this node',
      registers: [registry],
    }),
    notificationsDelivered: new Counter({
      name: 'heraldo_notifications_delivered_total',
      help: 'Notifications delivered, by channel',
      labelNames: ['channel'] as const,
      registers: [registry],
    }),
    deliveryFailures: new Counter({
      name: 'heraldo_delivery_failures_total',
      help: 'Deliveries that failed for good, by channel',
      labelNames: ['channel'] as const,
      registers: [registry],
    }),
    fanoutDuration: new Histogram({
      name: 'heraldo_fanout_duration_seconds',
      help: 'Time from the start of a fan-out job to every in-app emit being done',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 40],
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
