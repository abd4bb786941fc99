import { patternText } from '../origin/index.js';
import type { Policy, PolicyInput } from './types.js';

/**
 * The `PolicyInput` that `createPolicy` turns back into `policy` (an `unsafeDynamicOrigin` function is
 * kept as is): the way to change one setting of a built policy and build it again.
 *
 * @example
 * ```ts
 * const policy = createPolicy({ origins: ['https://app.example.com'], methods: ['PUT'] });
 * createPolicy({ ...policyInputOf(policy), methods: ['PUT', 'DELETE'] });
 * policyInputOf(policy); // { origins: ['https://app.example.com'], methods: ['PUT'], requestHeaders: [], … }
 * ```
 */
export function policyInputOf(policy: Policy): PolicyInput {
  const common = {
    methods: policy.anyMethod ? ['*'] : [...policy.methods],
    requestHeaders: policy.anyRequestHeader ? ['*', ...policy.requestHeaders] : [...policy.requestHeaders],
    exposeHeaders: [...policy.exposeHeaders],
    ...(policy.maxAge === null ? {} : { maxAge: policy.maxAge }),
    ...(policy.privateNetwork ? { privateNetwork: true } : {}),
    ...(policy.unsafeDynamicOrigin ? { unsafeDynamicOrigin: policy.unsafeDynamicOrigin } : {}),
    ...(policy.dangerouslyAllowAnyMethodAndHeaderWithCredentials
      ? { dangerouslyAllowAnyMethodAndHeaderWithCredentials: true }
      : {}),
  };
  const origins = policy.rules.map(patternText);
  if (policy.credentials) return { ...common, origins, credentials: true };
  return { ...common, origins: policy.anyOrigin ? '*' : origins };
}
