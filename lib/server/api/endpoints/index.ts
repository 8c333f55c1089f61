import type { Endpoint } from "../endpoint";
import { accessEndpoints } from "./access";
import { approverGroupEndpoints } from "./approver-groups";
import { auditEndpoints } from "./audit";
import { meEndpoints } from "./me";
import { memberEndpoints } from "./members";
import { policyEndpoints } from "./policies";
import { requestEndpoints } from "./requests";
import { scopeEndpoints } from "./scopes";
import { settingsEndpoints } from "./settings";
import { tokenEndpoints } from "./tokens";

/** Every route of API v1, in the order the OpenAPI document lists them. */
export const endpoints: Endpoint[] = [
  ...meEndpoints,
  ...settingsEndpoints,
  ...policyEndpoints,
  ...requestEndpoints,
  ...accessEndpoints,
  ...auditEndpoints,
  ...tokenEndpoints,
  ...approverGroupEndpoints,
  ...scopeEndpoints,
  ...memberEndpoints,
];
