// The policy pack's entry point: `pulumi preview --policy-pack ./policy`. Starts the policy server.
import { PolicyPack } from "@pulumi/policy";
import { allPolicies } from "./policies";

new PolicyPack("snowflake-oauth", { policies: allPolicies });
