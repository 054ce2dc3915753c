// Makes dist/policy a CrossGuard pack that runs without TypeScript (what the npm package ships): its
// PulumiPolicy.yaml and a package.json whose main is the compiled index.js. `@pulumi/policy` and `@pulumi/pulumi`
// resolve from the installing program's node_modules (both are peer dependencies of the package).
const fs = require("node:fs");
const path = require("node:path");
const root = path.resolve(__dirname, "..");
const out = path.join(root, "dist", "policy");
fs.mkdirSync(out, { recursive: true });
fs.copyFileSync(path.join(root, "policy", "PulumiPolicy.yaml"), path.join(out, "PulumiPolicy.yaml"));
const src = JSON.parse(fs.readFileSync(path.join(root, "policy", "package.json"), "utf8"));
const pkg = {
  name: src.name,
  version: src.version,
  private: true,
  description: "CrossGuard policy pack of pulumi-snowflake-oauth, compiled.",
  main: "index.js",
};
fs.writeFileSync(path.join(out, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
