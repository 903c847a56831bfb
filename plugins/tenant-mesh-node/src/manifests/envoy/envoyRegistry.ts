import {
  create,
  createFileRegistry,
  type FileRegistry,
} from '@bufbuild/protobuf';
import {
  FileDescriptorSetSchema,
  file_google_protobuf_any,
  file_google_protobuf_duration,
  file_google_protobuf_empty,
  file_google_protobuf_field_mask,
  file_google_protobuf_struct,
  file_google_protobuf_timestamp,
  file_google_protobuf_wrappers,
} from '@bufbuild/protobuf/wkt';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'node:fs';
import path from 'node:path';
import { Root } from 'protobufjs';
import { toFileDescriptorProtos } from './protoDescriptors';

/**
 * The Envoy API files Tenant Mesh writes configuration for: the central Envoy's bootstrap,
 * listeners, routes and clusters, and every extension it names in a `typed_config`.
 */
export const ENVOY_PROTO_FILES = [
  'envoy/config/bootstrap/v3/bootstrap.proto',
  'envoy/config/listener/v3/listener.proto',
  'envoy/config/route/v3/route.proto',
  'envoy/config/cluster/v3/cluster.proto',
  'envoy/service/discovery/v3/discovery.proto',
  'envoy/extensions/filters/network/http_connection_manager/v3/http_connection_manager.proto',
  'envoy/extensions/filters/http/router/v3/router.proto',
  'envoy/extensions/filters/http/health_check/v3/health_check.proto',
  'envoy/extensions/filters/http/ext_authz/v3/ext_authz.proto',
  'envoy/extensions/filters/http/dynamic_forward_proxy/v3/dynamic_forward_proxy.proto',
  'envoy/extensions/filters/http/header_mutation/v3/header_mutation.proto',
  'envoy/extensions/clusters/dynamic_forward_proxy/v3/cluster.proto',
  'envoy/extensions/common/dynamic_forward_proxy/v3/dns_cache.proto',
  'envoy/extensions/access_loggers/file/v3/file.proto',
  'envoy/extensions/access_loggers/stream/v3/stream.proto',
  'envoy/extensions/bootstrap/internal_listener/v3/internal_listener.proto',
  'envoy/extensions/transport_sockets/tls/v3/tls.proto',
  'envoy/extensions/upstreams/http/v3/http_protocol_options.proto',
];

/*
 * The well-known types come from @bufbuild/protobuf itself: its JSON mapping of Duration,
 * Struct, Any and the wrappers is keyed to these exact descriptors.
 */
const WELL_KNOWN_FILES = [
  file_google_protobuf_any,
  file_google_protobuf_duration,
  file_google_protobuf_empty,
  file_google_protobuf_field_mask,
  file_google_protobuf_struct,
  file_google_protobuf_timestamp,
  file_google_protobuf_wrappers,
];

let registry: FileRegistry | undefined;

/**
 * A registry of the Envoy v3 messages in {@link ENVOY_PROTO_FILES} and everything they use,
 * built from the .proto files that `@grpc/grpc-js-xds` ships. Built on first use, once per
 * process (about 0.15 s, 80 files); it is immutable, so sharing it is safe.
 */
export function envoyRegistry(): FileRegistry {
  registry ??= buildRegistry();
  return registry;
}

function buildRegistry(): FileRegistry {
  const includeDirs = [
    ...['envoy-api', 'xds', 'googleapis', 'protoc-gen-validate'].map(dep =>
      resolvePackagePath('@grpc/grpc-js-xds', 'deps', dep),
    ),
    // google/protobuf/descriptor.proto, imported by the annotation files.
    resolvePackagePath('protobufjs'),
  ];
  const importName = (filename: string) => {
    const dir = includeDirs.find(d => filename.startsWith(d + path.sep));
    return dir
      ? path.relative(dir, filename).split(path.sep).join('/')
      : filename;
  };

  const root = new Root();
  root.resolvePath = (_origin, target) => {
    const dir = includeDirs.find(d => fs.existsSync(path.join(d, target)));
    return dir ? path.join(dir, target) : target;
  };
  root.loadSync(ENVOY_PROTO_FILES, { keepCase: true });
  root.resolveAll();

  const wellKnown = new Map<string, string>();
  for (const file of WELL_KNOWN_FILES) {
    for (const type of [...file.messages, ...file.enums]) {
      wellKnown.set(type.typeName, file.proto.name);
    }
  }
  const files = toFileDescriptorProtos(root, {
    rootFiles: ENVOY_PROTO_FILES,
    importName,
    externalFile: typeName => {
      const file = wellKnown.get(typeName);
      if (!file) throw new Error(`No descriptor for ${typeName}`);
      return file;
    },
  });

  return createFileRegistry(
    create(FileDescriptorSetSchema, {
      file: [...WELL_KNOWN_FILES.map(f => f.proto), ...files],
    }),
  );
}
