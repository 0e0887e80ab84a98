import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { unauthorized, ValidationError } from '../lib/errors.ts';
import type { Viewer } from '../features/sessions/sessions.service.ts';
import { zodFieldErrors } from '../web/form-submit.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface ApiRoute<Body extends z.ZodType, Query extends z.ZodType, Response extends z.ZodType> {
  method: Method;
  /** Fastify-style path under /api/v1, e.g. `/users/:username`. */
  path: string;
  summary: string;
  tag: string;
  /** `token`: a personal access token is required; `optional`: anyone. */
  auth: 'token' | 'optional';
  body?: Body;
  query?: Query;
  response: Response;
  status?: number;
  handler: (input: {
    request: FastifyRequest;
    viewer: Viewer | null;
    body: z.infer<Body>;
    query: z.infer<Query>;
    params: Record<string, string>;
  }) => Promise<z.infer<Response>>;
}

const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});

/**
 * The JSON API's routes: each declares its zod schemas once; they validate the request
 * and the same schemas produce the OpenAPI document, so the document cannot drift.
 */
export class ApiRegistry {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a heterogeneous list of routes
  private readonly routes: ApiRoute<any, any, any>[] = [];

  constructor(private readonly app: FastifyInstance) {}

  add<
    B extends z.ZodType = z.ZodUndefined,
    Q extends z.ZodType = z.ZodUndefined,
    R extends z.ZodType = z.ZodType,
  >(route: ApiRoute<B, Q, R>): void {
    this.routes.push(route);
    this.app.route({
      method: route.method,
      url: `/api/v1${route.path}`,
      handler: async (request, reply) => {
        if (route.auth === 'token' && !request.viewer) {
          throw unauthorized(
            'This call needs a personal access token: send "Authorization: Bearer <token>".',
          );
        }
        const body = route.body ? parse(route.body, request.body ?? {}) : undefined;
        const query = route.query ? parse(route.query, request.query ?? {}) : undefined;
        const result = await route.handler({
          request,
          viewer: request.viewer,
          body: body as z.infer<B>,
          query: query as z.infer<Q>,
          params: request.params as Record<string, string>,
        });
        return reply.code(route.status ?? 200).send(result);
      },
    });
  }

  /** The OpenAPI 3.1 document (JSON Schema 2020-12, which zod emits). */
  document(baseUrl: string) {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const route of this.routes) {
      const path = `/api/v1${route.path}`.replace(/:(\w+)/g, '{$1}');
      const params = [...route.path.matchAll(/:(\w+)/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
      }));
      const queryParams = route.query ? queryParameters(route.query) : [];
      paths[path] ??= {};
      paths[path][route.method.toLowerCase()] = {
        summary: route.summary,
        tags: [route.tag],
        security: route.auth === 'token' ? [{ bearerAuth: [] }] : [],
        parameters: [...params, ...queryParams],
        ...(route.body
          ? {
              requestBody: {
                required: true,
                content: { 'application/json': { schema: toSchema(route.body, 'input') } },
              },
            }
          : {}),
        responses: {
          [String(route.status ?? 200)]: {
            description: 'Success',
            content: { 'application/json': { schema: toSchema(route.response, 'output') } },
          },
          default: {
            description: 'An error: `{ "error": { "code", "message", "field"? } }`',
            content: { 'application/json': { schema: toSchema(errorSchema, 'output') } },
          },
        },
      };
    }
    return {
      openapi: '3.1.0',
      info: {
        title: 'Quire API',
        version: '1',
        description:
          'Quire’s JSON API. Authenticate with a personal access token (create one on your account page, or `quire token create`): `Authorization: Bearer quire_…`.',
      },
      servers: [{ url: baseUrl }],
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
      paths,
    };
  }
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(zodFieldErrors(result.error));
  return result.data;
}

function toSchema(schema: z.ZodType, io: 'input' | 'output') {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
}

function queryParameters(schema: z.ZodType) {
  const json = toSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    schema: property,
  }));
}
