// GET /health: 200 once the database answers, 503 otherwise (for load balancers and orchestrators).
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';

const HealthSchema = Type.Object({ status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]), store: Type.String() });

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/health', { schema: { hide: true, response: { 200: HealthSchema, 503: HealthSchema } } }, async (_request, reply) => {
    const up = await app.ctx.store.ping();
    return reply.code(up ? 200 : 503).send({ status: up ? 'ok' : 'unavailable', store: app.ctx.store.kind });
  });
}
