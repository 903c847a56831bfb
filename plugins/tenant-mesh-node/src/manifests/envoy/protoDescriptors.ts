/*
 * protobufjs parses .proto files but its own descriptor export (ext/descriptor) writes one file
 * per package, relative type names and no imports, which @bufbuild/protobuf cannot link. This
 * writes FileDescriptorProtos the way protoc would: one per source file, fully qualified type
 * names, imports taken from the types the fields use.
 */
import { create, type MessageInitShape } from '@bufbuild/protobuf';
import { protoCamelCase } from '@bufbuild/protobuf/reflect';
import {
  FieldDescriptorProto_Label as Label,
  FieldDescriptorProto_Type as FieldType,
  FileDescriptorProtoSchema,
  type DescriptorProtoSchema,
  type EnumDescriptorProtoSchema,
  type FileDescriptorProto,
} from '@bufbuild/protobuf/wkt';
import {
  Enum,
  MapField,
  Namespace,
  Type,
  type FieldBase,
  type Root,
} from 'protobufjs';

type MessageInit = MessageInitShape<typeof DescriptorProtoSchema>;
/** The parts of a FieldDescriptorProto that JSON decoding uses. */
interface FieldInit {
  name: string;
  number: number;
  jsonName?: string;
  label?: Label;
  type?: FieldType;
  typeName?: string;
  oneofIndex?: number;
}
type EnumInit = MessageInitShape<typeof EnumDescriptorProtoSchema>;

/** Options of {@link toFileDescriptorProtos}. */
export interface ToFileDescriptorProtosOptions {
  /** Files whose types are converted, together with every file their fields reach. */
  rootFiles: string[];
  /** The import name (`envoy/config/core/v3/base.proto`) of a file protobufjs loaded. */
  importName(filename: string): string;
  /**
   * The file that provides a type protobufjs knows without a source file (the well-known
   * types it bundles); the caller adds that file to the registry itself.
   */
  externalFile(typeName: string): string;
}

const SCALARS: Record<string, FieldType> = {
  double: FieldType.DOUBLE,
  float: FieldType.FLOAT,
  int64: FieldType.INT64,
  uint64: FieldType.UINT64,
  int32: FieldType.INT32,
  fixed64: FieldType.FIXED64,
  fixed32: FieldType.FIXED32,
  bool: FieldType.BOOL,
  string: FieldType.STRING,
  bytes: FieldType.BYTES,
  uint32: FieldType.UINT32,
  sfixed32: FieldType.SFIXED32,
  sfixed64: FieldType.SFIXED64,
  sint32: FieldType.SINT32,
  sint64: FieldType.SINT64,
};

/**
 * Converts the types of a resolved protobufjs Root into FileDescriptorProtos, dependencies
 * first. Only proto3 files are expected (the Envoy v3 API); options, extensions and services
 * are left out because validating JSON needs none of them.
 */
export function toFileDescriptorProtos(
  root: Root,
  options: ToFileDescriptorProtosOptions,
): FileDescriptorProto[] {
  const byFile = groupTopLevelTypes(root, options.importName);
  const fileOf = (type: Type | Enum) =>
    type.filename
      ? options.importName(type.filename)
      : options.externalFile(type.fullName.slice(1));

  // Insertion order is dependency order: a file is stored after its imports.
  const converted = new Map<string, FileDescriptorProto>();
  const visiting = new Set<string>();
  const visit = (name: string) => {
    const types = byFile.get(name);
    // Files without types here are provided by the caller (externalFile).
    if (!types || converted.has(name) || visiting.has(name)) return;
    visiting.add(name);

    const dependencies = new Set<string>();
    const useType = (type: Type | Enum) => {
      const file = fileOf(type);
      if (file !== name) dependencies.add(file);
    };
    const messageType: MessageInit[] = [];
    const enumType: EnumInit[] = [];
    for (const type of types) {
      if (type instanceof Type) messageType.push(toMessage(type, useType));
      else enumType.push(toEnum(type));
    }
    dependencies.forEach(visit);

    converted.set(
      name,
      create(FileDescriptorProtoSchema, {
        name,
        package: types[0].parent?.fullName.slice(1) ?? '',
        syntax: 'proto3',
        dependency: [...dependencies],
        messageType,
        enumType,
      }),
    );
  };
  options.rootFiles.forEach(visit);
  return [...converted.values()];
}

/** Top-level messages and enums of each source file, keyed by import name. */
function groupTopLevelTypes(
  root: Root,
  importName: (filename: string) => string,
): Map<string, Array<Type | Enum>> {
  const byFile = new Map<string, Array<Type | Enum>>();
  const walk = (ns: Namespace) => {
    for (const nested of ns.nestedArray) {
      if (nested instanceof Type || nested instanceof Enum) {
        if (nested.filename) {
          const name = importName(nested.filename);
          byFile.set(name, [...(byFile.get(name) ?? []), nested]);
        }
      } else if (nested instanceof Namespace) {
        walk(nested);
      }
    }
  };
  walk(root);
  return byFile;
}

function toMessage(type: Type, useType: (t: Type | Enum) => void): MessageInit {
  const nestedType: MessageInit[] = [];
  const enumType: EnumInit[] = [];
  for (const nested of type.nestedArray) {
    if (nested instanceof Type) nestedType.push(toMessage(nested, useType));
    else if (nested instanceof Enum) enumType.push(toEnum(nested));
  }

  const field: FieldInit[] = [];
  for (const f of type.fieldsArray) {
    // Extensions of other messages show up as "sister" fields; they are not part of the type.
    if (f.declaringField) continue;
    if (f instanceof MapField) {
      const entry = mapEntry(f, useType);
      nestedType.push(entry);
      field.push({
        ...fieldBase(f),
        label: Label.REPEATED,
        type: FieldType.MESSAGE,
        typeName: `${type.fullName}.${entry.name}`,
      });
    } else {
      field.push({
        ...fieldBase(f),
        ...fieldType(f, useType),
        label: f.repeated ? Label.REPEATED : Label.OPTIONAL,
        ...(f.partOf && { oneofIndex: type.oneofsArray.indexOf(f.partOf) }),
      });
    }
  }

  return {
    name: type.name,
    field,
    nestedType,
    enumType,
    oneofDecl: type.oneofsArray.map(oneof => ({ name: oneof.name })),
  };
}

function fieldBase(f: FieldBase): FieldInit {
  const jsonName = f.options?.json_name;
  return {
    name: f.name,
    number: f.id,
    jsonName: typeof jsonName === 'string' ? jsonName : protoCamelCase(f.name),
  };
}

function fieldType(
  f: FieldBase,
  useType: (t: Type | Enum) => void,
): Pick<FieldInit, 'type' | 'typeName'> {
  const scalar = SCALARS[f.type];
  if (scalar !== undefined) return { type: scalar };
  const resolved = f.resolve().resolvedType;
  if (!resolved) {
    throw new Error(`Unresolved type ${f.type} of field ${f.fullName}`);
  }
  useType(resolved);
  return {
    type: resolved instanceof Enum ? FieldType.ENUM : FieldType.MESSAGE,
    typeName: resolved.fullName,
  };
}

/** The `XxxEntry` message protoc generates for a map field. */
function mapEntry(
  f: MapField,
  useType: (t: Type | Enum) => void,
): MessageInit & { name: string } {
  const value = { ...fieldType(f, useType), name: 'value', number: 2 };
  return {
    name: `${protoCamelCase(f.name).replace(/^./, c => c.toUpperCase())}Entry`,
    field: [
      {
        name: 'key',
        number: 1,
        jsonName: 'key',
        label: Label.OPTIONAL,
        type: SCALARS[f.keyType],
      },
      { ...value, jsonName: 'value', label: Label.OPTIONAL },
    ],
    options: { mapEntry: true },
  };
}

function toEnum(e: Enum): EnumInit {
  const numbers = Object.values(e.values);
  return {
    name: e.name,
    value: Object.entries(e.values).map(([name, number]) => ({
      name,
      number,
    })),
    options:
      new Set(numbers).size < numbers.length ? { allowAlias: true } : undefined,
  };
}
