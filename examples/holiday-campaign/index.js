// The program of this folder's Pulumi.yaml: the repository's campaign program, applied to the
// campaign files of this folder (stack config `campaignDir`, default "."). `npm run build` at the
// repository root first. In a project of your own: require("pulumi-bigcommerce/campaign-program").
module.exports = require("../../dist/provider/campaign/root-program");
