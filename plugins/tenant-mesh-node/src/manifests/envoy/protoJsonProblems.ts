import {
  fromJson,
  type DescField,
  type DescMessage,
  type JsonValue,
  type Registry,
} from '@bufbuild/protobuf';
import { isObject } from '../isObject';

/** A problem found in a message's JSON, before it is attributed to an object. */
export interface JsonProblem {
  path: string;
  message: string;
}

/** Well-known types whose JSON form is not an object of their fields. */
const SCALAR_JSON_TYPES = new Set(
  [
    'Duration',
    'Timestamp',
    'FieldMask',
    'Struct',
    'Value',
    'ListValue',
    'DoubleValue',
    'FloatValue',
    'Int64Value',
    'UInt64Value',
    'Int32Value',
    'UInt32Value',
    'BoolValue',
    'StringValue',
    'BytesValue',
  ].map(name => `google.protobuf.${name}`),
);

/** Narrows a decoding error down to the fields that cause it. */
class ProblemLocator {
  constructor(private readonly registry: Registry) {}

  checkMessage(desc: DescMessage, json: unknown, path: string): JsonProblem[] {
    const error = this.decodeError(desc, json);
    if (!error) return [];

    const located = isObject(json) ? this.locate(desc, json, path) : [];
    // Nothing narrower failed: the problem is in the message as a whole (e.g. a oneof set twice).
    return located.length > 0 ? located : [{ path, message: error }];
  }

  private locate(
    desc: DescMessage,
    json: Record<string, unknown>,
    path: string,
  ): JsonProblem[] {
    if (SCALAR_JSON_TYPES.has(desc.typeName)) return [];
    if (desc.typeName === 'google.protobuf.Any') {
      return this.locateInAny(json, path);
    }

    return Object.entries(json).flatMap(([key, value]) => {
      const at = join(path, key);
      const field = desc.fields.find(f => f.name === key || f.jsonName === key);
      if (!field) {
        return [
          { path: at, message: `unknown field "${key}" in ${desc.typeName}` },
        ];
      }
      if (value === null) return [];
      return this.checkField(desc, field, value, at);
    });
  }

  private checkField(
    desc: DescMessage,
    field: DescField,
    value: unknown,
    path: string,
  ): JsonProblem[] {
    if (field.fieldKind === 'message') {
      return this.checkMessage(field.message, value, path);
    }
    if (
      field.fieldKind === 'list' &&
      field.listKind === 'message' &&
      Array.isArray(value)
    ) {
      return value.flatMap((item, index) =>
        this.checkMessage(field.message, item, `${path}[${index}]`),
      );
    }
    if (
      field.fieldKind === 'map' &&
      field.mapKind === 'message' &&
      isObject(value)
    ) {
      return Object.entries(value).flatMap(([key, item]) =>
        this.checkMessage(
          field.message,
          item,
          `${path}[${JSON.stringify(key)}]`,
        ),
      );
    }

    // A scalar, an enum or a wrongly shaped list or map: decode the field alone.
    const error = this.decodeError(desc, { [field.name]: value });
    return error ? [{ path, message: error }] : [];
  }

  private locateInAny(
    json: Record<string, unknown>,
    path: string,
  ): JsonProblem[] {
    const { '@type': typeUrl, ...fields } = json;
    if (typeof typeUrl !== 'string') return [];
    const desc = this.registry.getMessage(
      typeUrl.slice(typeUrl.lastIndexOf('/') + 1),
    );
    if (!desc) {
      return [
        {
          path: join(path, '@type'),
          message: `unknown type "${typeUrl}" (not in the loaded Envoy API files)`,
        },
      ];
    }
    return SCALAR_JSON_TYPES.has(desc.typeName)
      ? this.checkMessage(desc, fields.value, join(path, 'value'))
      : this.checkMessage(desc, fields, path);
  }

  private decodeError(desc: DescMessage, json: unknown): string | undefined {
    try {
      // Input comes from JSON or YAML, so it is a JsonValue; fromJson rejects anything else.
      fromJson(desc, json as JsonValue, { registry: this.registry });
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }
}

/**
 * Checks `json` against the proto3 JSON mapping of `desc`: unknown fields, enum names,
 * Durations, `Any` by its `@type`. @bufbuild/protobuf decides what is valid; its errors name the
 * field but not where it is, so a failing message is narrowed down field by field to report the
 * path of each problem.
 */
export function protoJsonProblems(options: {
  desc: DescMessage;
  json: unknown;
  registry: Registry;
  path?: string;
}): JsonProblem[] {
  return new ProblemLocator(options.registry).checkMessage(
    options.desc,
    options.json,
    options.path ?? '',
  );
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
