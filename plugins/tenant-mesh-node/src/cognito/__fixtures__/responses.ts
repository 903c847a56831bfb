/**
 * Cognito answers as the real service gives them (JSON 1.1 bodies), for the
 * behaviour cognito-local lacks: domains and pagination.
 */
import { COGNITO_TENANT_TAG } from '@tenant-mesh/plugin-tenant-mesh-common';

export const ACME_POOL_ID = 'us-east-1_AbCdEf123';
export const OTHER_POOL_ID = 'us-east-1_ZyXwVu987';

/** DescribeUserPoolDomain for a prefix attached to a pool. */
export function domainAttached(domain: string, userPoolId: string) {
  return {
    DomainDescription: {
      AWSAccountId: '123456789012',
      CloudFrontDistribution: 'd3oia8etllorh5.cloudfront.net',
      Domain: domain,
      S3Bucket: 'aws-cognito-prod-iad-assets',
      Status: 'ACTIVE',
      UserPoolId: userPoolId,
      Version: '20260115093000',
    },
  };
}

/** DescribeUserPoolDomain for an unknown prefix: an empty description. */
export const domainUnknown = { DomainDescription: {} };

/** A ListUserPools entry; it never carries tags. */
export function poolDescription(id: string, name: string) {
  return {
    CreationDate: 1767225600.123,
    Id: id,
    LambdaConfig: {},
    LastModifiedDate: 1767225600.123,
    Name: name,
  };
}

/** A DescribeUserPool answer, trimmed to what the steps read. */
export function describedPool(
  id: string,
  name: string,
  tags: Record<string, string>,
) {
  return {
    UserPool: {
      AdminCreateUserConfig: {
        AllowAdminCreateUserOnly: true,
        UnusedAccountValidityDays: 7,
      },
      Arn: `arn:aws:cognito-idp:us-east-1:123456789012:userpool/${id}`,
      CreationDate: 1767225600.123,
      EstimatedNumberOfUsers: 0,
      Id: id,
      LastModifiedDate: 1767225600.123,
      MfaConfiguration: 'OFF',
      Name: name,
      Policies: {
        PasswordPolicy: {
          MinimumLength: 8,
          PasswordHistorySize: 0,
          RequireLowercase: true,
          RequireNumbers: true,
          RequireSymbols: false,
          RequireUppercase: true,
          TemporaryPasswordValidityDays: 7,
        },
      },
      UserPoolTags: tags,
    },
  };
}

/** Tags of a pool that belongs to the tenant. */
export const tenantTags = (tenantId: string) => ({
  [COGNITO_TENANT_TAG]: tenantId,
});
