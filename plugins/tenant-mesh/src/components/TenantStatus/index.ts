export { TenantRoutingCard } from './TenantRoutingCard';
export { TenantAuthCard } from './TenantAuthCard';
export { TenantPodsCard } from './TenantPodsCard';
export { isTenantEntity, tenantEntityPredicate } from './tenantEntity';
