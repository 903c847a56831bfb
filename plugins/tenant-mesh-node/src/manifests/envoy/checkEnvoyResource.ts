import type { SchemaProblem } from '../SchemaProblem';
import { envoyRegistry } from './envoyRegistry';
import { protoJsonProblems } from './protoJsonProblems';
import { isObject } from '../isObject';

const TYPE_URL_PREFIX = 'type.googleapis.com/';

/**
 * Checks Envoy configuration written as proto3 JSON (or YAML parsed to JSON) against the Envoy
 * v3 API, e.g. `checkEnvoyResource('envoy.config.bootstrap.v3.Bootstrap', bootstrap)`.
 * `typeName` may also be a type URL. Returns no problems when the configuration is valid.
 */
export function checkEnvoyResource(
  typeName: string,
  json: unknown,
): SchemaProblem[] {
  const registry = envoyRegistry();
  const name = typeName.startsWith(TYPE_URL_PREFIX)
    ? typeName.slice(TYPE_URL_PREFIX.length)
    : typeName;
  const object = describe(name, json);

  const desc = registry.getMessage(name);
  if (!desc) {
    return [
      {
        object,
        path: '',
        message: `unknown Envoy type ${typeName} (not in the loaded Envoy API files)`,
      },
    ];
  }

  // A resource copied from an xDS file keeps its `@type`; accept it when it names this type.
  const typeUrl = isObject(json) ? json['@type'] : undefined;
  const expected = `${TYPE_URL_PREFIX}${name}`;
  if (typeUrl !== undefined && typeUrl !== expected) {
    const message = `is ${JSON.stringify(typeUrl)}, expected "${expected}"`;
    return [{ object, path: '@type', message }];
  }
  const any = registry.getMessage('google.protobuf.Any');
  return protoJsonProblems({
    desc: typeUrl !== undefined && any ? any : desc,
    json,
    registry,
  }).map(problem => ({ object, ...problem }));
}

/**
 * Checks a file that Envoy reads for filesystem xDS (`path_config_source`): a
 * DiscoveryResponse whose `resources` each carry their type in `@type`.
 */
export function checkEnvoyDiscoveryFile(json: unknown): SchemaProblem[] {
  const registry = envoyRegistry();
  const object = 'DiscoveryResponse';
  if (!isObject(json) || !Array.isArray(json.resources)) {
    return [{ object, path: 'resources', message: 'must be a list' }];
  }

  const response = registry.getMessage(
    'envoy.service.discovery.v3.DiscoveryResponse',
  );
  const any = registry.getMessage('google.protobuf.Any');
  if (!response || !any) {
    throw new Error('The Envoy registry lacks DiscoveryResponse or Any');
  }

  // The envelope without its resources, then each resource named by its own type.
  const envelope = protoJsonProblems({
    desc: response,
    json: { ...json, resources: [] },
    registry,
  }).map(problem => ({ object, ...problem }));
  const resources = json.resources.flatMap((resource: unknown, index) => {
    const typeUrl = isObject(resource) ? resource['@type'] : undefined;
    const resourceObject =
      typeof typeUrl === 'string'
        ? describe(typeUrl.slice(typeUrl.lastIndexOf('/') + 1), resource)
        : `${object} resources[${index}]`;
    return protoJsonProblems({
      desc: any,
      json: resource,
      registry,
      path: `resources[${index}]`,
    }).map(problem => ({ object: resourceObject, ...problem }));
  });
  return [...envelope, ...resources];
}

/** `Listener main`: the short type name and, when the resource has one, its name. */
function describe(typeName: string, json: unknown): string {
  const shortName = typeName.slice(typeName.lastIndexOf('.') + 1);
  const name = isObject(json) ? json.name : undefined;
  return typeof name === 'string' ? `${shortName} ${name}` : shortName;
}
