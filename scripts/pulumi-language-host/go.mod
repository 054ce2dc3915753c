// pulumi-language-nodejs for the offline CLI build: a proxy in front of the v3.68.0 Node.js language
// host that adds RunPlugin for policy packs (see main.go). Built by scripts/build-pulumi-cli.sh.
// The indirect versions and the x/text replace match what the CLI build (pkg/v3 v3.259.0) resolves, so
// building this needs no module the CLI build has not already fetched.
module pulumi-snowflake-oauth/scripts/pulumi-language-host

go 1.25.11

require (
	github.com/google/shlex v0.0.0-20191202100458-e7afc7fbc510
	github.com/pulumi/pulumi/sdk/v3 v3.259.0
	google.golang.org/grpc v1.83.1
	google.golang.org/protobuf v1.36.12
)

require (
	golang.org/x/net v0.58.0 // indirect
	golang.org/x/sys v0.47.0 // indirect
	golang.org/x/text v0.41.0 // indirect
	google.golang.org/genproto/googleapis/rpc v0.0.0-20260819154853-08b0e4226688 // indirect
)

// As in pkg/v3's go.mod at v3.259.0.
replace golang.org/x/text => golang.org/x/text v0.39.0
