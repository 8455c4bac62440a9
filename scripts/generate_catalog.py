#!/usr/bin/env python3
"""Generate the permission catalog from the reference data in `reference/`.

Run by hand when the reference data changes (never at build time):

    python3 scripts/generate_catalog.py

It writes three files, all committed as source:

* `switchboard-core/src/catalog/table.rs`: the catalog table the macro, the runtime and the
  tools share (one row per permission, plus the rejected historical typos);
* `switchboard/src/permissions.rs`: one documented `const` per permission, so that editors show
  a permission's documentation when hovering it inside `security_profile!`;
* `switchboard-core/src/catalog/iam.rs`: the IAM actions that stand for one console permission
  with certainty (`IAM_ACTIONS` below), so that `connect:CreateUser` written as a permission
  gets `Users.Create` as its fix.

Tiers (sensitive, high-impact) follow `reference/rules.md`, section "Sensitive permissions";
implied Views follow its section "Dependencies between permissions".
"""

import fnmatch
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REF = os.path.join(ROOT, "reference")

SECTIONS = {
    "Agent Applications": "AgentApplications",
    "Amazon Q": "AmazonQ",
    "Analytics and Optimization": "AnalyticsAndOptimization",
    "Cases": "Cases",
    "Channels and flows": "ChannelsAndFlows",
    "Contact Actions": "ContactActions",
    "Contact Control Panel (CCP)": "ContactControlPanel",
    "Content Management": "ContentManagement",
    "Customer Profiles": "CustomerProfiles",
    "Historical changes": "HistoricalChanges",
    "Legacy permissions": "LegacyPermissions",
    "Outbound Campaigns": "OutboundCampaigns",
    "Recordings and Transcripts": "RecordingsAndTranscripts",
    "Routing": "Routing",
    "Scheduling": "Scheduling",
    "Users and permissions": "UsersAndPermissions",
}

STATUS = {
    "documented": "Documented",
    "doc_api_blank_filled": "DocApiBlankFilled",
    "doc_error_corrected": "DocErrorCorrected",
    "legacy": "Legacy",
    "undocumented": "Undocumented",
    "legacy_renamed": "LegacyRenamed",
    "legacy_removed_from_docs": "LegacyRemovedFromDocs",
}

# rules.md, "Sensitive permissions" (first table), with the risk each pattern carries.
SENSITIVE = [
    (["Users.Create", "Users.Edit", "Users.EditPermission", "Users.Delete"],
     "resets passwords and assigns Admin: account takeover, lock-out"),
    (["SecurityProfiles.Create", "SecurityProfiles.Edit", "SecurityProfiles.Delete"],
     "privilege escalation"),
    (["AgentGrouping.Create", "AgentGrouping.Edit"],
     "moving users between hierarchy groups defeats hierarchy restrictions"),
    (["CallRecordings.Unredacted.Access", "ContactTranscripts.Unredacted.Access",
      "AutomatedVoiceInteraction.*.Unredacted.*", "ListenCallRecordings", "ScreenRecording.Access",
      # reference: "Treat as SENSITIVE" (undocumented, exported Admin profiles)
      "UnredactedData.View"],
     "unredacted PII / PCI audio and text"),
    (["*DownloadButton", "DownloadCallRecordings", "ScreenRecording.Redacted.Download",
      "CustomerProfiles.Segments.Export",
      # undocumented unredacted counterpart of ScreenRecording.Redacted.Download
      "ScreenRecording.Download"],
     "bulk exfiltration"),
    (["DeleteCallRecordings", "Cases.Delete", "CaseFiles.Delete",
      # undocumented: deletes screen recordings, the same evidence class
      "ScreenRecording.Delete"],
     "destroys evidence"),
    (["HistoricalChanges.View"], "audit trail access"),
]

# rules.md, "Sensitive permissions" (second table: high-impact).
HIGH_IMPACT = [
    (["ManagerListenIn", "ManagerBargeIn"], "live monitoring of customer calls"),
    (["PhoneNumbers.Claim", "PhoneNumbers.Release", "PhoneNumbers.Edit", "ContactFlows.Publish",
      "ContactFlowModules.Publish"], "cost and outage impact"),
    (["QConnectAIAgents.*", "QConnectAIPrompts.*", "QConnectGuardrails.*"],
     "changes AI behaviour or removes guardrails"),
    (["Users.View"], "export of the whole user list"),
    (["ReportsAdmin.*"], "every user's saved reports"),
]

# rules.md, "Legacy and renamed names".
REPLACEMENTS = {
    "RedactedData.View": ["CallRecordings.Redacted.Access", "ContactTranscripts.Redacted.Access"],
    "ListenCallRecordings": ["CallRecordings.Unredacted.Access", "ContactTranscripts.Unredacted.Access"],
    "DownloadCallRecordings": ["CallRecordings.Unredacted.DownloadButton",
                               "CallRecordings.Redacted.DownloadButton",
                               "ContactTranscripts.Unredacted.DownloadButton"],
    "Audio.View": ["AudioDeviceSettings.Access"],
}
END_OF_SUPPORT = {"VoiceId.": "Voice ID reached end of support on 2026-05-20"}
TYPO_FIXES = {
    "Tasktemplates.View": "TaskTemplates.View",
    "RealTimeMetrics.Access": "AccessMetrics.RealTimeMetrics.Access",
    "HistoricalMetrics.Access": "AccessMetrics.HistoricalMetrics.Access",
    "AgentActivityAudit.Access": "AccessMetrics.AgentActivityAudit.Access",
}

# rules.md, "Dependencies between permissions": families whose other actions imply their View.
VIEW_FAMILIES = """AgentGrouping AgentStates AnalyticsConnectors Bots Campaigns Capacity CaseFields
CaseTemplates Cases CoachingSessions ContactFlowModules ContactFlows ContactLensCustomVocabulary
ContentManagement ContentManagement.MessageTemplates CustomMetrics CustomerProfiles DataTables
EmailAddresses Evaluation EvaluationCalibrationSessions EvaluationForms EvaluationReviewRequest
EvaluationReviews ForecastScheduleInterval Forecasting HoursOfOperation
InformationExtraction.Definitions MetricsReports MyCoachingSessions PhoneNumbers
PredefinedAttributes Prompts QConnectAIAgents QConnectAIPrompts QConnectGuardrails Queues
ReportSchedules ReportsAdmin RoutingPolicies Rules RulesGenerativeAI Scheduling SecurityProfiles
StaffCalendar TaskTemplates TeamCalendar ThemeDetection TimeOff TimeOffBalance
TransferDestinations Users Views Workspaces ContactSearchWithCharacteristics
ContactSearchWithKeywords""".split()


def matches(api, patterns):
    return any(fnmatch.fnmatchcase(api, p) for p in patterns)


def tier_of(api):
    for patterns, risk in SENSITIVE:
        if matches(api, patterns):
            return "Sensitive", risk
    for patterns, risk in HIGH_IMPACT:
        if matches(api, patterns):
            if api.startswith("QConnect") and api.endswith(".View"):
                continue  # rules.md: only the non-View QConnect actions are high-impact
            return "HighImpact", risk
    return "Ordinary", ""


def family_of(api):
    return api.rsplit(".", 1)[0] if "." in api else None


def is_sub_family_of_customer_profiles(family):
    return family == "CustomerProfiles" or family.startswith("CustomerProfiles.")


def rust_str(s):
    return json.dumps(s, ensure_ascii=False)


def rust_list(items):
    return "&[" + ", ".join(rust_str(i) for i in items) + "]"



# IAM actions that do, through the API, exactly what one console permission grants in the
# admin website: the same operation (create, describe/list/search, update, delete) on the same
# resource. Sources:
#   A1 = AWS "List of security profile permissions" (reference/connect-permissions.json, S1):
#        the permission, its console name and what it grants;
#   A2 = Amazon Connect API Reference, the action lists per resource ("User management
#        actions", https://docs.aws.amazon.com/connect/latest/APIReference/users-api.html;
#        "Queue actions", https://docs.aws.amazon.com/connect/latest/APIReference/queues-api.html;
#        and the action index https://docs.aws.amazon.com/connect/latest/APIReference/API_Operations.html);
#   A3 = AWS admin guide "Add users" (adminguide/user-management.html), which pairs the
#        console's "Users - Create" with the CreateUser API.
# Only actions whose console counterpart is one permission are listed: actions with no
# permission of their own (DeleteQueue, DeleteRoutingProfile), actions that may need two
# (creating or updating a flow may publish it), reads whose console permission is about
# something else (the View of agent statuses and hierarchies is about metrics), and everything
# outside these families get the generic help.
IAM_FAMILIES = [
    # (permission family, {verb: [IAM actions]})
    ("Users", {
        "Create": ["CreateUser"],
        "Delete": ["DeleteUser"],
        "View": ["DescribeUser", "ListUsers", "SearchUsers"],
        # A1: Users.Edit is "identity information except security profiles".
        "Edit": ["UpdateUserIdentityInfo", "UpdateUserPhoneConfig", "UpdateUserRoutingProfile",
                 "UpdateUserHierarchy"],
        # A1: Users.EditPermission is "which security profiles users have".
        "EditPermission": ["UpdateUserSecurityProfiles"],
    }),
    ("Queues", {
        "Create": ["CreateQueue"],
        "View": ["DescribeQueue", "ListQueues", "SearchQueues"],
        "Edit": ["UpdateQueueName", "UpdateQueueHoursOfOperation", "UpdateQueueMaxContacts",
                 "UpdateQueueOutboundCallerConfig"],
        # A1: "Enable or disable queues"; the API's UpdateQueueStatus sets ENABLED or DISABLED.
        "EnableAndDisable": ["UpdateQueueStatus"],
    }),
    ("RoutingPolicies", {
        "Create": ["CreateRoutingProfile"],
        "View": ["DescribeRoutingProfile", "ListRoutingProfiles", "SearchRoutingProfiles"],
        "Edit": ["UpdateRoutingProfileName", "UpdateRoutingProfileConcurrency",
                 "UpdateRoutingProfileDefaultOutboundQueue", "UpdateRoutingProfileQueues"],
    }),
    ("SecurityProfiles", {
        "Create": ["CreateSecurityProfile"],
        "Delete": ["DeleteSecurityProfile"],
        "View": ["DescribeSecurityProfile", "ListSecurityProfiles", "SearchSecurityProfiles"],
        "Edit": ["UpdateSecurityProfile"],
    }),
    ("HoursOfOperation", {
        "Create": ["CreateHoursOfOperation"],
        "Delete": ["DeleteHoursOfOperation"],
        "View": ["DescribeHoursOfOperation", "ListHoursOfOperations", "SearchHoursOfOperations"],
        "Edit": ["UpdateHoursOfOperation"],
    }),
    ("Prompts", {
        "Create": ["CreatePrompt"],
        "Delete": ["DeletePrompt"],
        "View": ["DescribePrompt", "ListPrompts", "SearchPrompts"],
        "Edit": ["UpdatePrompt"],
    }),
    ("TransferDestinations", {
        "Create": ["CreateQuickConnect"],
        "Delete": ["DeleteQuickConnect"],
        "View": ["DescribeQuickConnect", "ListQuickConnects", "SearchQuickConnects"],
        "Edit": ["UpdateQuickConnectName", "UpdateQuickConnectConfig"],
    }),
    # Creating or updating a flow through the API can also publish it (its status), which the
    # console grants separately (`ContactFlows.Publish`): only reading and deleting are one
    # permission.
    ("ContactFlows", {
        "Delete": ["DeleteContactFlow"],
        "View": ["DescribeContactFlow", "ListContactFlows", "SearchContactFlows"],
    }),
    ("ContactFlowModules", {
        "Delete": ["DeleteContactFlowModule"],
        "View": ["DescribeContactFlowModule", "ListContactFlowModules", "SearchContactFlowModules"],
    }),
    ("TaskTemplates", {
        "Create": ["CreateTaskTemplate"],
        "Delete": ["DeleteTaskTemplate"],
        "View": ["GetTaskTemplate", "ListTaskTemplates"],
        "Edit": ["UpdateTaskTemplate"],
    }),
    ("AgentStates", {
        "Create": ["CreateAgentStatus"],
        "Edit": ["UpdateAgentStatus"],
    }),
    ("AgentGrouping", {
        "Create": ["CreateUserHierarchyGroup"],
        "Edit": ["UpdateUserHierarchyGroupName", "UpdateUserHierarchyStructure"],
    }),
]


def write_iam_table(known):
    rows = []
    for family, verbs in IAM_FAMILIES:
        for verb, actions in verbs.items():
            permission = f"{family}.{verb}"
            if permission not in known:
                sys.exit(f"IAM_FAMILIES maps to {permission}, which the catalog does not have")
            rows.extend((f"connect:{a}", permission) for a in actions)
    actions = [a for a, _ in rows]
    if len(set(a.lower() for a in actions)) != len(actions):
        sys.exit("an IAM action is mapped twice")
    rows.sort(key=lambda r: r[0].lower())
    out = ["// @generated by scripts/generate_catalog.py (IAM_FAMILIES). Do not edit by hand.\n",
           "//! IAM actions that stand for one security-profile permission with certainty: the same\n",
           "//! operation on the same resource, in the API and in the admin website.\n",
           "//!\n",
           "//! Sources: the permissions and what they grant from the AWS page \"List of security profile\n",
           "//! permissions\" (S1, <https://docs.aws.amazon.com/connect/latest/adminguide/security-profile-list.html>);\n",
           "//! the actions from the Amazon Connect API Reference's action lists\n",
           "//! (<https://docs.aws.amazon.com/connect/latest/APIReference/users-api.html>,\n",
           "//! <https://docs.aws.amazon.com/connect/latest/APIReference/queues-api.html>,\n",
           "//! <https://docs.aws.amazon.com/connect/latest/APIReference/API_Operations.html>); the pairing\n",
           "//! of a console task with its API as the admin guide's \"Add users\" page states it for\n",
           "//! `Users - Create` and `CreateUser`. Actions without a permission of their own are left out.\n\n",
           "/// `(IAM action, permission)`, sorted by the action ignoring case, for binary search.\n",
           "pub static IAM_ACTIONS: &[(&str, &str)] = &[\n"]
    out.extend(f"    ({rust_str(a)}, {rust_str(p)}),\n" for a, p in rows)
    out.append("];\n")
    with open(os.path.join(ROOT, "switchboard-core/src/catalog/iam.rs"), "w") as f:
        f.write("".join(out))
    return len(rows)


def main():
    documented = json.load(open(os.path.join(REF, "connect-permissions.json")))
    extra = json.load(open(os.path.join(REF, "connect-permissions-undocumented.json")))
    rows = []
    section_by_family = {}
    for p in documented["permissions"]:
        rows.append(dict(api=p["api"], ui=p["ui"], section=SECTIONS[p["section"]], grants=p["use"],
                         status=STATUS[p["status"]], evidence=p["evidence"],
                         single_source=p["single_source"], note=""))
        section_by_family.setdefault(p["api"].split(".")[0], SECTIONS[p["section"]])
    rejected = []
    for p in extra["permissions"]:
        if p["kind"] == "doc_typo_historical":
            rejected.append(dict(name=p["api"], correct=TYPO_FIXES[p["api"]], note=p["note"]))
            continue
        rows.append(dict(api=p["api"], ui="", section=section_by_family.get(p["api"].split(".")[0], "Undocumented"),
                         grants=p["note"], status=STATUS[p["kind"]], evidence=p["evidence"],
                         single_source=len(p["evidence"]) == 1, note=p["note"]))
    names = {r["api"] for r in rows}
    if len(names) != len(rows):
        sys.exit("duplicate API names in the reference data")
    for typo, fix in TYPO_FIXES.items():
        assert fix in names and typo not in names, typo
    for old, new in REPLACEMENTS.items():
        assert old in names and all(n in names for n in new), old
    for fam in VIEW_FAMILIES:
        pass  # families without a row in the data simply never match
    rows.sort(key=lambda r: r["api"])

    out = []
    out.append("// @generated by scripts/generate_catalog.py from reference/*.json. Do not edit by hand.\n")
    out.append("use super::{PermissionInfo, RejectedName, Section, Status, Tier};\n\n")
    out.append("/// The date of the AWS list this catalog reflects.\n")
    compiled = documented['_meta']['compiled']
    out.append(f"pub const AWS_LIST_DATE: &str = {rust_str(compiled.split(' (')[0])};\n\n")
    out.append("/// How the list was compiled, and the caveat that comes with it.\n")
    out.append(f"pub const AWS_LIST_NOTE: &str = {rust_str(compiled)};\n\n")
    out.append("/// The AWS page the catalog was compiled from.\n")
    out.append(f"pub const AWS_LIST_SOURCE: &str = {rust_str(documented['_meta']['source_page'])};\n\n")
    out.append("/// Every known permission, sorted by API name (byte order) for binary search.\n")
    out.append("pub static PERMISSIONS: &[PermissionInfo] = &[\n")
    for r in rows:
        api = r["api"]
        tier, risk = tier_of(api)
        fam = family_of(api)
        implies = None
        if fam and (fam in VIEW_FAMILIES or is_sub_family_of_customer_profiles(fam)):
            view = fam + ".View"
            if view in names and api != view:
                implies = view
        eos = next((msg for prefix, msg in END_OF_SUPPORT.items() if api.startswith(prefix)), None)
        out.append("    PermissionInfo {\n")
        out.append(f"        api: {rust_str(api)},\n")
        out.append(f"        ui: {rust_str(r['ui'])},\n")
        out.append(f"        section: Section::{r['section']},\n")
        out.append(f"        grants: {rust_str(r['grants'])},\n")
        out.append(f"        status: Status::{r['status']},\n")
        out.append(f"        tier: Tier::{tier},\n")
        out.append(f"        risk: {rust_str(risk)},\n")
        out.append(f"        replacement: {rust_list(REPLACEMENTS.get(api, []))},\n")
        out.append(f"        implies: {'Some(' + rust_str(implies) + ')' if implies else 'None'},\n")
        out.append(f"        end_of_support: {'Some(' + rust_str(eos) + ')' if eos else 'None'},\n")
        out.append(f"        evidence: {rust_list(r['evidence'])},\n")
        out.append(f"        single_source: {'true' if r['single_source'] else 'false'},\n")
        out.append("    },\n")
    out.append("];\n\n")
    out.append("/// Names AWS once printed by mistake: never valid, rejected with the right name.\n")
    out.append("pub static REJECTED_NAMES: &[RejectedName] = &[\n")
    for r in sorted(rejected, key=lambda r: r["name"]):
        out.append(f"    RejectedName {{ name: {rust_str(r['name'])}, correct: {rust_str(r['correct'])}, note: {rust_str(r['note'])} }},\n")
    out.append("];\n")
    with open(os.path.join(ROOT, "switchboard-core/src/catalog/table.rs"), "w") as f:
        f.write("".join(out))

    # Documented items for editors: one const per permission, nested modules per dotted segment.
    tree = {}
    for r in rows:
        parts = r["api"].split(".")
        node = tree
        for part in parts[:-1]:
            node = node.setdefault(("mod", part), {})
        node[("const", parts[-1])] = r

    def doc_lines(r):
        tier, risk = tier_of(r["api"])
        lines = [f"`{r['api']}`" + (f": {r['ui']}" if r["ui"] else "") + "."]
        lines.append("")
        lines.append(r["grants"])
        lines.append("")
        sect = r["section"]
        lines.append(f"- Section: {sect}")
        lines.append(f"- Status: {r['status']}")
        if tier != "Ordinary":
            lines.append(f"- Tier: {tier} ({risk})")
        if r["api"] in REPLACEMENTS:
            lines.append("- Legacy: use " + ", ".join(f"`{n}`" for n in REPLACEMENTS[r["api"]]) + " instead")
        return lines

    def emit(node, depth):
        ind = "    " * depth
        res = []
        for (kind, name) in sorted(node, key=lambda k: (k[0] != "const", k[1])):
            value = node[(kind, name)]
            if kind == "const":
                for line in doc_lines(value):
                    res.append(f"{ind}///{(' ' + line) if line else ''}\n")
                res.append(f"{ind}pub const {name}: Permission = Permission::from_catalog_name({rust_str(value['api'])});\n")
            else:
                res.append(f"{ind}/// Permissions whose API name starts with `{name}.`.\n")
                res.append(f"{ind}pub mod {name} {{\n")
                if any(k == "const" for (k, _) in value):
                    res.append(f"{ind}    use crate::Permission;\n")
                res.extend(emit(value, depth + 1))
                res.append(f"{ind}}}\n")
        return res

    perm = ["// @generated by scripts/generate_catalog.py from reference/*.json. Do not edit by hand.\n",
            "//! Every permission of the catalog as a documented constant.\n",
            "//!\n",
            "//! `security_profile!` resolves `Users.Edit` to [`Users::Edit`], so an editor shows these\n",
            "//! docs on hover and go-to-definition lands here. Dotted API names become nested modules.\n",
            "#![allow(non_upper_case_globals, non_snake_case)]\n\n",
            "use crate::Permission;\n\n"]
    perm.extend(emit(tree, 0))
    with open(os.path.join(ROOT, "switchboard/src/permissions.rs"), "w") as f:
        f.write("".join(perm))
    iam = write_iam_table({r["api"] for r in rows})
    print(f"{len(rows)} permissions, {len(rejected)} rejected names, {iam} IAM actions")


if __name__ == "__main__":
    main()
