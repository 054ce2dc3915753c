/**
 * Where the model's values come from, named once. Live-account assertions are the Terraform provider's integration
 * and acceptance tests, which run against real Snowflake accounts; they win over the docs where the two disagree.
 * @internal
 */
/** `assertOauthPartner` / `assertOauthCustom` / `assertExternalOauth` there assert each DESCRIBE row's type, value and default. */
export const TF_TESTINT_INTEGRATIONS =
  "Snowflake-Labs/terraform-provider-snowflake pkg/sdk/testint/security_integrations_gen_integration_test.go";
export const TF_TESTINT_NETWORK_POLICIES =
  "Snowflake-Labs/terraform-provider-snowflake pkg/sdk/testint/network_policies_gen_integration_test.go";
export const TF_TESTACC_NETWORK_POLICY =
  "Snowflake-Labs/terraform-provider-snowflake pkg/testacc/resource_network_policy_acceptance_test.go";

/** "live: DESCRIBE default `x` (TF testint, <helper>)". */
export function liveDefault(value: string, helper: string): string {
  return `live: DESCRIBE property_default ${value} (${TF_TESTINT_INTEGRATIONS}, ${helper})`;
}
/** `TestInt_TagsAssociations` sets and unsets a tag on each kind of security integration and reads it back with SYSTEM$GET_TAG. */
export const TF_TESTINT_TAGS = "Snowflake-Labs/terraform-provider-snowflake pkg/sdk/testint/tags_integration_test.go";
