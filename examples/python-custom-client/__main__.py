"""A custom OAuth client behind a network policy, with a two-step key rotation (see Pulumi.yaml)."""
import pulumi
import pulumi_snowflake_oauth as snowflake_oauth

config = pulumi.Config()
rotation_step = config.get_int("rotationStep") or 0

key_a = snowflake_oauth.KeyPair("keyA", bits=2048)
key_b = snowflake_oauth.KeyPair("keyB", bits=2048)

office = snowflake_oauth.NetworkPolicy(
    "office",
    name="py_office",
    allowed_ip_list=["127.0.0.1", "10.0.0.0/8"],
    comment="callers allowed to use the Python client",
)

# Step 1 puts key B in the free slot while key A stays; step 2 retires key A. No instant without a valid key.
keys = [[key_a.public_key_pem], [key_a.public_key_pem, key_b.public_key_pem], [key_b.public_key_pem]][rotation_step]

app = snowflake_oauth.OAuthIntegration(
    "app",
    name="py_app",
    oauth_client_type="CONFIDENTIAL",
    oauth_redirect_uri="https://app.example.com/oauth/callback",
    oauth_refresh_token_validity=86400,
    blocked_roles_list=["SYSADMIN"],
    network_policy=office.stored_name,
    rsa_public_keys=keys,
)

pulumi.export("clientId", app.client_id)
pulumi.export("clientSecret", app.client_secret)
pulumi.export("keyFingerprints", app.rsa_public_key_fingerprints)
pulumi.export("keyA", key_a.fingerprint)
pulumi.export("keyB", key_b.fingerprint)
