import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { navModule } from './modules/nav';

// Every other plugin in this package's dependencies is discovered through `app.packages: all`.
export default createApp({
  features: [catalogPlugin, navModule],
});
