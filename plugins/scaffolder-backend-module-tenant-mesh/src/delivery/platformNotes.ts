import {
  PLATFORM_FOLDER,
  PlatformInstallPlan,
  planPlatformFiles,
  TlsCredentialRef,
} from '@tenant-mesh/plugin-tenant-mesh-common';

/** Where the Istio installer inputs go, below the platform folder. */
const ISTIO_FOLDER = `${PLATFORM_FOLDER}/istio/`;

/**
 * The paths of the Istio installer inputs (IstioOperator overlay, istiod
 * Helm values). They are passed to `istioctl` or Helm, never applied.
 */
export function istioInstallerFiles(plan: PlatformInstallPlan): string[] {
  return planPlatformFiles(plan)
    .map(file => file.path)
    .filter(path => path.startsWith(ISTIO_FOLDER));
}

/** `namespace/name` of the gateway's TLS Secret. */
export const tlsCredentialName = (tls: TlsCredentialRef) =>
  `${tls.namespace}/${tls.name}`;

/**
 * The manual installer step, with the commands of the README's "Install on
 * your cluster". `folder` is where the `platform/` folder of `files` is.
 */
export function installerStep(options: {
  files: string[];
  folder: string;
}): string {
  const { files, folder } = options;
  const pathOf = (pattern: RegExp) =>
    `${folder}/${files.find(f => pattern.test(f)) ?? '<not planned>'}`;
  return [
    `Manual step: Tenant Mesh never applies the Istio installer inputs (${files.join(
      ', ',
    )}). Add the extension provider with the installer your Istio was installed with, never by editing the istio ConfigMap, which the next upgrade rewrites:`,
    `\`istioctl install -f <your IstioOperator> -f ${pathOf(
      /\/istiooperator-[^/]+\.yaml$/,
    )}\``,
    `or \`helm upgrade istiod istio/istiod -n istio-system -f <your values> -f ${pathOf(
      /\/istiod-values\.yaml$/,
    )}\``,
    'Both replace lists: if your configuration already lists extensionProviders, add the entry to your list instead.',
  ].join('\n\n');
}

/** What the gateway's TLS Secret must hold, and how to make it. */
export function tlsCredentialHowTo(tls: TlsCredentialRef): string {
  return `Create it in ${tls.namespace} as type ${
    tls.type
  } with ${tls.keys.join(
    ' and ',
  )} for a certificate whose subjectAltNames cover ${tls.hosts.join(
    ', ',
  )}, e.g. kubectl -n ${tls.namespace} create secret tls ${
    tls.name
  } --cert=... --key=... or a cert-manager Certificate. Tenant Mesh only names it and never writes it.`;
}

/** The result of checking the TLS Secret on a cluster, as a log line. */
export function tlsCheckLine(
  tls: TlsCredentialRef,
  found: boolean | undefined,
): { level: 'info' | 'warn'; message: string } {
  const name = tlsCredentialName(tls);
  if (found) {
    return {
      level: 'info',
      message: `The gateway's TLS Secret ${name} exists; Tenant Mesh never writes it.`,
    };
  }
  const problem =
    found === false
      ? `The gateway's TLS Secret ${name} is MISSING: the Gateway serves no tenant over HTTPS until it exists.`
      : `Could not check the gateway's TLS Secret ${name}: the cluster does not let Tenant Mesh read Secrets in ${tls.namespace}. Make sure it exists.`;
  return { level: 'warn', message: `${problem} ${tlsCredentialHowTo(tls)}` };
}

/** The TLS Secret on a GitOps target, which cannot see the cluster. */
export function tlsUncheckedLine(tls: TlsCredentialRef): string {
  return `The gateway needs the TLS Secret ${tlsCredentialName(
    tls,
  )} in the cluster this repository is synced to; a GitOps target cannot check it. ${tlsCredentialHowTo(
    tls,
  )}`;
}
