import { applyDecorators } from '@nestjs/common';
import { ApiQuery, ApiResponse, type SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';
import { zodToJsonSchema, type Options } from 'zod-to-json-schema';

// Its signature is typed against zod/v3, and matching it to these schemas is too deep for the compiler.
const toJsonSchema = zodToJsonSchema as unknown as (schema: z.ZodTypeAny, options: Partial<Options<'openApi3'>>) => object;

/** The OpenAPI schema of a zod schema, so the docs and the validation never disagree. */
export function openApiSchema(schema: z.ZodTypeAny, strategy: 'input' | 'output' = 'output'): SchemaObject {
  const options: Partial<Options<'openApi3'>> = {
    target: 'openApi3',
    $refStrategy: 'none',
    effectStrategy: 'input',
    pipeStrategy: strategy,
  };
  const { $schema: _ignored, ...rest } = toJsonSchema(schema, options) as SchemaObject & { $schema?: string };
  return rest;
}

/** One documented query parameter per key of a query schema, with its default. */
export function ApiQueryFrom(schema: z.AnyZodObject): MethodDecorator {
  return applyDecorators(
    ...Object.entries(schema.shape as Record<string, z.ZodTypeAny>).map(([name, field]) => {
      const defaultValue: unknown = field instanceof z.ZodDefault ? field._def.defaultValue() : undefined;
      const parameter = {
        ...openApiSchema(requiredPart(field), 'input'),
        ...(defaultValue === undefined ? {} : { default: defaultValue }),
      };
      return ApiQuery({ name, required: !field.isOptional(), schema: parameter, description: field.description });
    }),
  );
}

/** A parameter's own schema: being optional is said by `required`, not by the schema. */
function requiredPart(field: z.ZodTypeAny): z.ZodTypeAny {
  if (field instanceof z.ZodOptional) return requiredPart(field.unwrap());
  if (field instanceof z.ZodDefault) return requiredPart(field.removeDefault());
  return field;
}

/** A documented answer whose body a zod schema describes. */
export function ApiAnswer(status: number, description: string, schema?: z.ZodTypeAny): MethodDecorator {
  return ApiResponse({ status, description, ...(schema ? { schema: openApiSchema(schema) } : {}) });
}

export const errorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** The error answers every authenticated route can give. */
export function ApiErrors(...statuses: { status: number; description: string }[]): MethodDecorator {
  const common = [
    { status: 401, description: 'No API key, or not a valid one.' },
    {
      status: 503,
      description: 'A service or engine behind the gateway (search index, encoder) is unreachable or did not answer in time; try again.',
    },
  ];
  return applyDecorators(...[...statuses, ...common].map(({ status, description }) => ApiAnswer(status, description, errorBodySchema)));
}
