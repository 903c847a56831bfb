import { ConfigReader } from '@backstage/config';
import { loadConfig } from '@backstage/config-loader';
import {
  PlatformSettings,
  readPlatformSettings,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import path from 'node:path';

/**
 * Reads the platform settings (`tenantMesh`) from app-config files the same way the backend
 * does, so `$include`, `$env` and later files overriding earlier ones all behave alike.
 */
export async function loadPlatform(
  configPaths: string[],
): Promise<PlatformSettings> {
  const absolute = configPaths.map(p => path.resolve(p));
  const { appConfigs } = await loadConfig({
    configRoot: path.dirname(absolute[0]),
    configTargets: absolute.map(p => ({ path: p })),
  });
  const config = ConfigReader.fromConfigs(appConfigs);
  return readPlatformSettings(config.getOptional('tenantMesh'));
}
