import { ScenarioNameSchema, ScenarioUpdateSchema, type ScenarioList, type ScenarioSwitch } from '@o11y-demo/scenarios';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const EXPECTED_BODY = 'a JSON body {"active": true} or {"active": false} with content-type: application/json';

/** `application/json`, with or without parameters such as `; charset=utf-8`. */
function isJson(contentType: string | undefined): boolean {
  return contentType !== undefined && /^application\/json\s*(;|$)/i.test(contentType);
}

/** Errors fastify raises before the handler (body parsing, size): same shape, saying what the route expects. */
function bodyErrorHandler(
  error: FastifyError,
  request: FastifyRequest<{ Params: { name: string } }>,
  reply: FastifyReply,
): void {
  const statusCode = error.statusCode ?? 500;
  if (statusCode >= 500) throw error; // the app's error handler records and logs it
  const code = statusCode === 415 ? 'unsupported_media_type' : statusCode === 413 ? 'payload_too_large' : 'invalid_body';
  reply
    .code(statusCode)
    .send({ error: code, message: `${error.message}; PUT /scenarios/${request.params.name} expects ${EXPECTED_BODY}` });
}

/**
 * The workshop's scenario switch: which failure scenarios are on. node-api owns
 * the state; the worker learns it from each request's baggage.
 *
 * - `GET /scenarios` lists the catalog with each scenario's state;
 * - `PUT /scenarios/:name` with `{"active": true|false}` switches one;
 * - `DELETE /scenarios` switches all off.
 *
 * Each answers with the whole list after the change.
 */
export function registerScenarioRoutes(app: FastifyInstance, scenarios: ScenarioSwitch): void {
  // Typed as the wire schema every client parses (@o11y-demo/scenarios), so a change to one is a compile error in the other.
  const listing = (): ScenarioList => ({ scenarios: scenarios.statuses().map((status) => ({ ...status, signals: [...status.signals] })), active: scenarios.active() });

  app.get('/scenarios', () => listing());

  app.put<{ Params: { name: string } }>(
    '/scenarios/:name',
    {
      // The name is checked before the body is read: an unknown scenario is a 404 whatever the body.
      onRequest: (request, reply, done) => {
        const name = ScenarioNameSchema.safeParse(request.params.name);
        if (name.success) {
          done();
          return;
        }
        // The answer ends the request here, so `done` is not called.
        reply.code(404).send({ error: 'unknown_scenario', message: name.error.issues[0]?.message ?? 'unknown scenario' });
      },
      errorHandler: bodyErrorHandler,
    },
    (request, reply) => {
      const name = ScenarioNameSchema.parse(request.params.name);
      const contentType = request.headers['content-type'];
      if (contentType !== undefined && !isJson(contentType)) {
        return reply.code(415).send({
          error: 'unsupported_media_type',
          message: `content-type ${JSON.stringify(contentType.slice(0, 100))} is not accepted; PUT /scenarios/${name} expects ${EXPECTED_BODY}`,
        });
      }
      const update = ScenarioUpdateSchema.safeParse(request.body);
      if (!update.success) {
        const problem = update.error.issues.map((issue) => issue.message).join('; ');
        return reply.code(400).send({ error: 'invalid_body', message: `${problem}; PUT /scenarios/${name} expects ${EXPECTED_BODY}` });
      }
      const was = scenarios.isActive(name);
      scenarios.set(name, update.data.active);
      request.log.info(
        {
          'demo.scenario.name': name,
          'demo.scenario.active': update.data.active,
          'demo.scenario.changed': was !== update.data.active,
          'demo.scenarios': scenarios.active(),
        },
        'scenario switched',
      );
      return listing();
    },
  );

  app.delete('/scenarios', (request) => {
    const was = scenarios.active();
    scenarios.reset();
    request.log.info({ 'demo.scenario.switched_off': was, 'demo.scenarios': [] }, 'scenarios switched off');
    return listing();
  });
}
