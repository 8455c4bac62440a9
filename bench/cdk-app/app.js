// The AWS CDK doing switchboard's synthesis job, for bench/run.sh: one CfnSecurityProfile per
// profile of a job file written by `switchboard-bench job N FILE` (the same file switchboard's
// synth-example and the serde_json floor read), one Stack per stack of the job, and what
// switchboard's templates hold besides: the stack description, each profile's ARN as an
// output, and the `Metadata` recording the sensitive permissions and the reason for them.
//
//   node app.js JOB.json OUTDIR                   aws-cdk-lib's defaults: built-in validation on
//   node app.js --no-validation JOB.json OUTDIR   App({ builtinCloudFormationValidation: false })
//
// (`CDK_VALIDATION=false` in the environment has the same effect as the flag.)
'use strict';

const fs = require('fs');
const { App, CfnOutput, Stack } = require('aws-cdk-lib');
const { CfnSecurityProfile } = require('aws-cdk-lib/aws-connect');

const args = process.argv.slice(2);
const flags = args.filter((a) => a.startsWith('--'));
const [jobFile, outdir] = args.filter((a) => !a.startsWith('--'));
if (!jobFile || !outdir) {
  process.stderr.write('usage: node app.js [--no-validation] JOB.json OUTDIR\n');
  process.exit(2);
}
const validation = !flags.includes('--no-validation');
const job = JSON.parse(fs.readFileSync(jobFile, 'utf8'));
const pairs = (list) => list.map(([key, value]) => ({ key, value }));

const app = new App({ outdir, builtinCloudFormationValidation: validation });
for (const s of job.stacks) {
  const stack = new Stack(app, s.name, {
    description: `Amazon Connect security profiles of stack ${s.name}, synthesized by switchboard`,
  });
  for (const p of s.profiles) {
    const profile = new CfnSecurityProfile(stack, p.name, {
      instanceArn: s.instance_arn,
      securityProfileName: p.name,
      description: p.description,
      permissions: p.permissions,
      tags: pairs(p.tags),
      allowedAccessControlTags: pairs(p.access_control_tags),
      tagRestrictedResources: p.tag_restricted_resources,
    });
    const switchboard = {};
    if (p.sensitive_reason) switchboard.SensitiveReason = p.sensitive_reason;
    if (p.sensitive_permissions.length) switchboard.SensitivePermissions = p.sensitive_permissions;
    if (Object.keys(switchboard).length) profile.cfnOptions.metadata = { Switchboard: switchboard };
    new CfnOutput(stack, `${p.name}Arn`, {
      description: `ARN of the security profile "${p.name}"`,
      value: profile.attrSecurityProfileArn,
    });
  }
}
app.synth();
