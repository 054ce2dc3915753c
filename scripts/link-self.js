// Makes `import ... from "pulumi-snowflake-oauth"` resolve inside this checkout (examples, tests,
// the dynamic provider process) exactly as it does for a user after `npm install`.
const fs = require("node:fs");
const path = require("node:path");
const root = path.resolve(__dirname, "..");
const link = path.join(root, "node_modules", "pulumi-snowflake-oauth");
fs.mkdirSync(path.dirname(link), { recursive: true });
try {
  const st = fs.lstatSync(link);
  if (st.isSymbolicLink() && fs.readlinkSync(link) === "..") process.exit(0);
  fs.rmSync(link, { recursive: true, force: true });
} catch {
  /* absent */
}
fs.symlinkSync("..", link, "dir");
