//! Built-in presets: starting points for the common contact-center roles.
//!
//! Each preset is a fixed list of AWS API names. The lists are the single source for the
//! `preset:` field of the `security_profile!` macro, for the runtime builder and for the
//! command-line tools.

/// A built-in preset: a named, documented set of permissions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PresetDef {
    /// The name used in the DSL (`preset: Supervisor`).
    pub name: &'static str,
    /// One line: who the preset is for.
    pub summary: &'static str,
    /// Where the contents come from and which choices are judgement calls.
    pub provenance: &'static str,
    /// The AWS API names, sorted, without duplicates.
    pub permissions: &'static [&'static str],
}

/// The six built-in presets, in the order of the seed's preset table.
///
/// Every list holds exact, documented, non-legacy API names, sorted, without duplicates, and
/// closed under the `View` the console adds with each action. Only `Admin` and, for user
/// management, `CallCenterManager` (`Users.Create`, `Users.Edit`) hold sensitive permissions.
pub static BUILTIN_PRESETS: &[PresetDef] = &[
    PresetDef {
        name: "Agent",
        summary: "Standard contact-center agent: CCP access, ending and transferring contacts, \
            quick connects for transfers.",
        provenance: "Seed: \"Basic CCP access, call handling\" and \"Can use CCP, handle calls, \
            transfer contacts\"; the seed's `BasicAgent` group and its `SpecializedAgent` example \
            pair `BasicAgentAccess` with `TransferContact` and `EndContact`, so this list equals \
            the `BasicAgent` group. Built-in Agent profile \
            (reference/connect-default-profiles.json): doc words \"access the CCP\", mapping \
            confidence low-medium, no export of an unmodified default Agent exists; \
            `BasicAgentAccess` is the certain part. Judgement: `OutboundCallAccess`, the commonly \
            seen companion, is left to `OutboundAgent` because the seed defines that preset as \
            Agent + outbound calling; `TransferDestinations.View` is added because the AWS \
            permission list says agents need it to see quick connects when transferring; \
            `TransferContact.Enabled` and `StopContact.Enabled` act on Contact details pages and \
            are kept because the seed names them. Unverified extras of newer instances \
            (`AudioDeviceSettings.Access`, `CustomerProfiles.View`, `Wisdom.View`) are left out.",
        permissions: &[
            "BasicAgentAccess",
            "StopContact.Enabled",
            "TransferContact.Enabled",
            "TransferDestinations.View",
        ],
    },
    PresetDef {
        name: "OutboundAgent",
        summary: "Sales and callback agent: the Agent preset plus placing outbound calls \
            (`OutboundCallAccess`).",
        provenance: "Seed: \"Agent + outbound calling\" (sales/callback agents). Exactly `Agent` \
            plus `OutboundCallAccess`, the pair the researcher's mapping of the built-in Agent \
            profile (confidence low-medium) and the Terraform/Pulumi examples use; equals the \
            `OutboundAgent` group. No judgement beyond Agent's.",
        permissions: &[
            "BasicAgentAccess",
            "OutboundCallAccess",
            "StopContact.Enabled",
            "TransferContact.Enabled",
            "TransferDestinations.View",
        ],
    },
    PresetDef {
        name: "Supervisor",
        summary: "Team lead: the Agent preset plus real-time metrics, agent statuses, agent \
            activity audit, listen-in and barge-in.",
        provenance: "Seed: \"Agent + monitoring, real-time metrics\" and \"Agent permissions + \
            real-time monitoring, listen-in\"; the seed's `SupervisorMonitoring` group adds \
            barge-in. No built-in Connect profile corresponds, so everything beyond Agent is \
            judgement: `AccessMetrics.RealTimeMetrics.Access`, `ManagerListenIn` and \
            `ManagerBargeIn` (high-impact: live monitoring of customer calls), `AgentStates.View` \
            and `AgentGrouping.View` (statuses and hierarchy in the real-time metrics) and \
            `AccessMetrics.AgentActivityAudit.Access`. Historical metrics, saved reports, contact \
            search and recordings are left to the `Reporting` and `QualityAnalysis` groups. No \
            sensitive permission.",
        permissions: &[
            "AccessMetrics.AgentActivityAudit.Access",
            "AccessMetrics.RealTimeMetrics.Access",
            "AgentGrouping.View",
            "AgentStates.View",
            "BasicAgentAccess",
            "ManagerBargeIn",
            "ManagerListenIn",
            "StopContact.Enabled",
            "TransferContact.Enabled",
            "TransferDestinations.View",
        ],
    },
    PresetDef {
        name: "QualityAnalyst",
        summary: "QA team member: metrics, contact search, redacted recordings and transcripts, \
            evaluations, Contact Lens analytics.",
        provenance: "Seed: \"Analytics, recordings, evaluations\" and \"Access recordings, \
            evaluations, Contact Lens analytics\". Built-in QualityAnalyst \
            (reference/connect-default-profiles.json, confidence medium-low, from a copy named \
            QualityAnalyst-2): `AccessMetrics`, `AgentTimeCard.View`, `ContactAttributes.View`, \
            `ContactSearch.View`, all kept. Judgement: `AccessMetrics` comes with the three \
            metrics pages the console selects with it; recordings are the REDACTED ones only (call \
            and screen recordings, transcripts; no download buttons, no unredacted media, which is \
            the `UnredactedRecordingsAccess` group's job); evaluations are the console's \"perform \
            evaluations\" checkbox (`Evaluation.Create/Delete/Edit/View`) plus sample contacts; \
            Contact Lens is `GraphTrends.View`, `ContactLensPostContactSummary.View` and the \
            keyword and conversation-characteristics searches. Contains the whole \
            `QualityAnalysis` group. No sensitive permission.",
        permissions: &[
            "AccessMetrics",
            "AccessMetrics.AgentActivityAudit.Access",
            "AccessMetrics.HistoricalMetrics.Access",
            "AccessMetrics.RealTimeMetrics.Access",
            "AgentTimeCard.View",
            "CallRecordings.Redacted.Access",
            "ContactAttributes.View",
            "ContactLensPostContactSummary.View",
            "ContactSearch.View",
            "ContactSearchSampleContacts.View",
            "ContactSearchWithCharacteristics.Access",
            "ContactSearchWithCharacteristics.View",
            "ContactSearchWithKeywords.Access",
            "ContactSearchWithKeywords.View",
            "ContactTranscripts.Redacted.Access",
            "Evaluation.Create",
            "Evaluation.Delete",
            "Evaluation.Edit",
            "Evaluation.View",
            "GraphTrends.View",
            "ScreenRecording.Redacted.Access",
        ],
    },
    PresetDef {
        name: "CallCenterManager",
        summary: "Operations manager: users, routing, flows, phone numbers, metrics and saved \
            reports; no recording access.",
        provenance: "Seed: \"User management, routing configuration\" (operations managers); AWS \
            doc words: \"user management, metrics, and routing\". Base: the observed export in \
            reference/connect-default-profiles.json (64 names, confidence medium, a copy named \
            CallCenterManager-2 not verified to be unmodified), kept with its flows and flow \
            modules, phone numbers and flow publishing (high-impact), prompts, task templates, \
            saved reports, calculated attributes, agent statuses and `ManagerListenIn` \
            (high-impact). Deliberate least-privilege deviations from that export: \
            `DeleteCallRecordings`, `ListenCallRecordings` and `DownloadCallRecordings` (deleting, \
            unredacted listening and downloading; the last two legacy) are dropped, so this preset \
            has no recording access at all, and the undocumented `Users.EnableAndDisable` is \
            dropped. Judgement additions: `Users.Create` and `Users.Edit`, the only SENSITIVE \
            permissions here, because the seed's \"user management\" means creating and editing \
            users (they allow password resets, so assign this preset deliberately; `Users.Delete`, \
            `Users.EditPermission` and editing security profiles stay Admin-only, as the seed's \
            security table asks); `SecurityProfiles.View` and `AgentGrouping.View`, the lists the \
            user form shows; the three metrics pages the console selects with `AccessMetrics`; and \
            `BasicAgentAccess`, which `ManagerListenIn` needs because monitoring happens in the \
            CCP.",
        permissions: &[
            "AccessMetrics",
            "AccessMetrics.AgentActivityAudit.Access",
            "AccessMetrics.HistoricalMetrics.Access",
            "AccessMetrics.RealTimeMetrics.Access",
            "AgentGrouping.View",
            "AgentStates.Create",
            "AgentStates.Edit",
            "AgentStates.EnableAndDisable",
            "AgentStates.View",
            "AgentTimeCard.View",
            "BasicAgentAccess",
            "ContactAttributes.View",
            "ContactFlowModules.Create",
            "ContactFlowModules.Delete",
            "ContactFlowModules.Edit",
            "ContactFlowModules.Publish",
            "ContactFlowModules.View",
            "ContactFlows.Create",
            "ContactFlows.Delete",
            "ContactFlows.Edit",
            "ContactFlows.Publish",
            "ContactFlows.View",
            "ContactSearch.View",
            "CustomerProfiles.CalculatedAttributes.Create",
            "CustomerProfiles.CalculatedAttributes.Delete",
            "CustomerProfiles.CalculatedAttributes.Edit",
            "CustomerProfiles.CalculatedAttributes.View",
            "HoursOfOperation.Create",
            "HoursOfOperation.Edit",
            "HoursOfOperation.View",
            "ManagerListenIn",
            "MetricsReports.Create",
            "MetricsReports.Delete",
            "MetricsReports.Edit",
            "MetricsReports.Publish",
            "MetricsReports.Schedule",
            "MetricsReports.Share",
            "MetricsReports.View",
            "PhoneNumbers.Claim",
            "PhoneNumbers.Edit",
            "PhoneNumbers.Release",
            "PhoneNumbers.View",
            "Prompts.Create",
            "Prompts.Delete",
            "Prompts.Edit",
            "Prompts.View",
            "Queues.Create",
            "Queues.Edit",
            "Queues.EnableAndDisable",
            "Queues.View",
            "ReportSchedules.Create",
            "ReportSchedules.Delete",
            "ReportSchedules.Edit",
            "ReportSchedules.View",
            "RoutingPolicies.Create",
            "RoutingPolicies.Edit",
            "RoutingPolicies.View",
            "SecurityProfiles.View",
            "TaskTemplates.Create",
            "TaskTemplates.Delete",
            "TaskTemplates.Edit",
            "TaskTemplates.View",
            "TransferDestinations.Create",
            "TransferDestinations.Edit",
            "TransferDestinations.View",
            "Users.Create",
            "Users.Edit",
            "Users.View",
        ],
    },
    PresetDef {
        name: "Admin",
        summary: "System administrator: every documented permission except the restrictive, legacy \
            and Voice ID ones.",
        provenance: "Seed: \"Full system access\". Rule from \
            reference/connect-default-profiles.json, `mapped_by_researcher` (confidence medium): \
            every documented permission except the restrictive ones \
            (`RestrictTaskCreation.Access`, `RestrictPhoneTypeSettings.Access`, \
            `RestrictContactAccessByHierarchy.View`) and the legacy recording names \
            (`RedactedData.View`, `ListenCallRecordings`, `DownloadCallRecordings`). Judgement: \
            Voice ID (`VoiceId.Access` and `VoiceIdAttributesAndSearch.View`) is left out because \
            the feature reached end of support on 2026-05-20, and so are the undocumented names \
            the observed 290-name Admin export of an older instance also holds. The result, 283 \
            names, grants every sensitive permission by design (including both the redacted and \
            the unredacted media) and stays well under the 500-permission limit; adding \
            undocumented names is left to the user.",
        permissions: &[
            "AccessMetrics",
            "AccessMetrics.AgentActivityAudit.Access",
            "AccessMetrics.Dashboards.Access",
            "AccessMetrics.DashboardsWithMyData.View",
            "AccessMetrics.HistoricalMetrics.Access",
            "AccessMetrics.RealTimeMetrics.Access",
            "AgentGrouping.Create",
            "AgentGrouping.Edit",
            "AgentGrouping.EnableAndDisable",
            "AgentGrouping.View",
            "AgentStates.Create",
            "AgentStates.Edit",
            "AgentStates.EnableAndDisable",
            "AgentStates.View",
            "AgentTimeCard.View",
            "Analytics.PerformanceMetrics.Access",
            "AnalyticsConnectors.Edit",
            "AnalyticsConnectors.View",
            "AudioDeviceSettings.Access",
            "AutomatedVoiceInteraction.Recordings.Unredacted.Access",
            "AutomatedVoiceInteraction.Recordings.Unredacted.DownloadButton",
            "AutomatedVoiceInteraction.Transcripts.Unredacted.Access",
            "BasicAgentAccess",
            "Bots.Create",
            "Bots.Delete",
            "Bots.Edit",
            "Bots.View",
            "CallRecordings.Redacted.Access",
            "CallRecordings.Redacted.DownloadButton",
            "CallRecordings.Unredacted.Access",
            "CallRecordings.Unredacted.DownloadButton",
            "Campaigns.Create",
            "Campaigns.Delete",
            "Campaigns.Edit",
            "Campaigns.Manage",
            "Campaigns.View",
            "Capacity.Edit",
            "Capacity.Publish",
            "Capacity.View",
            "CaseComments.Delete",
            "CaseComments.Edit",
            "CaseContacts.Delete",
            "CaseCustomRelatedItems.Delete",
            "CaseCustomRelatedItems.Edit",
            "CaseFields.Create",
            "CaseFields.Edit",
            "CaseFields.View",
            "CaseFiles.Delete",
            "CaseHistory.View",
            "CaseTemplates.Create",
            "CaseTemplates.Edit",
            "CaseTemplates.View",
            "Cases.Create",
            "Cases.Delete",
            "Cases.Edit",
            "Cases.View",
            "ChatTestMode",
            "CoachingSessions.Create",
            "CoachingSessions.Delete",
            "CoachingSessions.Edit",
            "CoachingSessions.View",
            "ConfigureContactAttributes.View",
            "ContactAttributes.View",
            "ContactFlowModules.Create",
            "ContactFlowModules.Delete",
            "ContactFlowModules.Edit",
            "ContactFlowModules.Publish",
            "ContactFlowModules.View",
            "ContactFlows.Create",
            "ContactFlows.Delete",
            "ContactFlows.Edit",
            "ContactFlows.Publish",
            "ContactFlows.View",
            "ContactLensCustomVocabulary.Edit",
            "ContactLensCustomVocabulary.View",
            "ContactLensPostContactSummary.View",
            "ContactSearch.View",
            "ContactSearchSampleContacts.View",
            "ContactSearchWithCharacteristics.Access",
            "ContactSearchWithCharacteristics.View",
            "ContactSearchWithKeywords.Access",
            "ContactSearchWithKeywords.View",
            "ContactTranscripts.Redacted.Access",
            "ContactTranscripts.Unredacted.Access",
            "ContactTranscripts.Unredacted.DownloadButton",
            "Contacts.Tag.Edit",
            "ContentManagement.Create",
            "ContentManagement.Delete",
            "ContentManagement.Edit",
            "ContentManagement.MessageTemplates.Create",
            "ContentManagement.MessageTemplates.Delete",
            "ContentManagement.MessageTemplates.Edit",
            "ContentManagement.MessageTemplates.View",
            "ContentManagement.View",
            "CustomMetrics.Create",
            "CustomMetrics.Delete",
            "CustomMetrics.Edit",
            "CustomMetrics.Publish",
            "CustomMetrics.View",
            "CustomViews.Access",
            "CustomerProfiles.CalculatedAttributes.Create",
            "CustomerProfiles.CalculatedAttributes.Delete",
            "CustomerProfiles.CalculatedAttributes.Edit",
            "CustomerProfiles.CalculatedAttributes.View",
            "CustomerProfiles.Create",
            "CustomerProfiles.Edit",
            "CustomerProfiles.ProfileExplorer.Create",
            "CustomerProfiles.ProfileExplorer.Delete",
            "CustomerProfiles.ProfileExplorer.Edit",
            "CustomerProfiles.ProfileExplorer.View",
            "CustomerProfiles.Segments.Create",
            "CustomerProfiles.Segments.Delete",
            "CustomerProfiles.Segments.Export",
            "CustomerProfiles.Segments.View",
            "CustomerProfiles.View",
            "DataTables.Create",
            "DataTables.Delete",
            "DataTables.Edit",
            "DataTables.EditExpressionValues",
            "DataTables.ManageValues",
            "DataTables.View",
            "DeleteCallRecordings",
            "EmailAddresses.Create",
            "EmailAddresses.Edit",
            "EmailAddresses.Remove",
            "EmailAddresses.View",
            "Evaluation.Create",
            "Evaluation.Delete",
            "Evaluation.Edit",
            "Evaluation.View",
            "EvaluationAssistant.Access",
            "EvaluationCalibrationSessions.Create",
            "EvaluationCalibrationSessions.Delete",
            "EvaluationCalibrationSessions.Edit",
            "EvaluationCalibrationSessions.View",
            "EvaluationForms.Create",
            "EvaluationForms.Delete",
            "EvaluationForms.Edit",
            "EvaluationForms.View",
            "EvaluationReviewRequest.Create",
            "EvaluationReviewRequest.Delete",
            "EvaluationReviewRequest.View",
            "EvaluationReviews.Create",
            "EvaluationReviews.View",
            "ForecastScheduleInterval.Edit",
            "ForecastScheduleInterval.View",
            "Forecasting.Edit",
            "Forecasting.Publish",
            "Forecasting.View",
            "GraphTrends.View",
            "HistoricalChanges.View",
            "HoursOfOperation.Create",
            "HoursOfOperation.Delete",
            "HoursOfOperation.Edit",
            "HoursOfOperation.View",
            "InformationExtraction.Definitions.Create",
            "InformationExtraction.Definitions.Delete",
            "InformationExtraction.Definitions.Edit",
            "InformationExtraction.Definitions.View",
            "InformationExtraction.Results.View",
            "ManagerBargeIn",
            "ManagerListenIn",
            "ManualAssignAnyContact.Enable",
            "ManualAssignMyContacts.Enable",
            "MetricsReports.Create",
            "MetricsReports.Delete",
            "MetricsReports.Edit",
            "MetricsReports.Publish",
            "MetricsReports.Schedule",
            "MetricsReports.Share",
            "MetricsReports.View",
            "MyCaseComments.Delete",
            "MyCaseComments.Edit",
            "MyCaseContacts.Delete",
            "MyCaseCustomRelatedItems.Delete",
            "MyCaseCustomRelatedItems.Edit",
            "MyCases.Delete",
            "MyCoachingSessions.Create",
            "MyCoachingSessions.Delete",
            "MyCoachingSessions.Edit",
            "MyCoachingSessions.View",
            "MyContacts.View",
            "MyReceivedEvaluations.View",
            "OutboundCallAccess",
            "OutboundEmail.Create",
            "PhoneNumbers.Claim",
            "PhoneNumbers.Edit",
            "PhoneNumbers.Release",
            "PhoneNumbers.View",
            "PredefinedAttributes.Create",
            "PredefinedAttributes.Delete",
            "PredefinedAttributes.Edit",
            "PredefinedAttributes.View",
            "Prompts.Create",
            "Prompts.Delete",
            "Prompts.Edit",
            "Prompts.View",
            "QConnectAIAgents.Create",
            "QConnectAIAgents.Delete",
            "QConnectAIAgents.Edit",
            "QConnectAIAgents.View",
            "QConnectAIPrompts.Create",
            "QConnectAIPrompts.Delete",
            "QConnectAIPrompts.Edit",
            "QConnectAIPrompts.View",
            "QConnectGuardrails.Create",
            "QConnectGuardrails.Delete",
            "QConnectGuardrails.Edit",
            "QConnectGuardrails.View",
            "Queues.Create",
            "Queues.Edit",
            "Queues.EnableAndDisable",
            "Queues.View",
            "RealtimeContactLens.View",
            "ReportSchedules.Create",
            "ReportSchedules.Delete",
            "ReportSchedules.Edit",
            "ReportSchedules.View",
            "ReportsAdmin.Delete",
            "ReportsAdmin.View",
            "RequireEndContactConfirmation.Enabled",
            "RoutingPolicies.Create",
            "RoutingPolicies.Edit",
            "RoutingPolicies.View",
            "Rules.Create",
            "Rules.Delete",
            "Rules.Edit",
            "Rules.View",
            "RulesGenerativeAI.Create",
            "RulesGenerativeAI.Delete",
            "RulesGenerativeAI.Edit",
            "RulesGenerativeAI.View",
            "Scheduling.Edit",
            "Scheduling.Publish",
            "Scheduling.View",
            "ScreenRecording.Access",
            "ScreenRecording.Redacted.Access",
            "ScreenRecording.Redacted.Download",
            "SecurityProfiles.Create",
            "SecurityProfiles.Delete",
            "SecurityProfiles.Edit",
            "SecurityProfiles.View",
            "SelfAssignContacts.Access",
            "StaffCalendar.Edit",
            "StaffCalendar.View",
            "StopContact.Enabled",
            "TaskTemplates.Create",
            "TaskTemplates.Delete",
            "TaskTemplates.Edit",
            "TaskTemplates.View",
            "TeamCalendar.Edit",
            "TeamCalendar.View",
            "ThemeDetection.Create",
            "ThemeDetection.Delete",
            "ThemeDetection.View",
            "TimeOff.Approve",
            "TimeOff.Edit",
            "TimeOff.View",
            "TimeOffBalance.Edit",
            "TimeOffBalance.View",
            "TransferContact.Enabled",
            "TransferDestinations.Create",
            "TransferDestinations.Delete",
            "TransferDestinations.Edit",
            "TransferDestinations.View",
            "UpdateContactSchedule.Enabled",
            "Users.Create",
            "Users.Delete",
            "Users.Edit",
            "Users.EditPermission",
            "Users.View",
            "VideoContact.Access",
            "Views.Create",
            "Views.Edit",
            "Views.Remove",
            "Views.View",
            "Wisdom.View",
            "Workspaces.Assign",
            "Workspaces.Create",
            "Workspaces.Delete",
            "Workspaces.Edit",
            "Workspaces.EditVisibility",
            "Workspaces.View",
        ],
    },
];

/// Finds a built-in preset by its exact, case-sensitive name.
pub fn preset(name: &str) -> Option<&'static PresetDef> {
    BUILTIN_PRESETS.iter().find(|p| p.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{self, PERMISSIONS, Section, Tier};
    use crate::groups;
    use crate::list_checks::assert_valid_list;
    use crate::seed_names::{self, RESTRICTIVE, SEED_CATEGORIES};

    const NAMES: [&str; 6] = [
        "Agent",
        "OutboundAgent",
        "Supervisor",
        "QualityAnalyst",
        "CallCenterManager",
        "Admin",
    ];

    /// The sensitive permissions `CallCenterManager` holds on purpose (see its provenance).
    const CALL_CENTER_MANAGER_SENSITIVE: [&str; 2] = ["Users.Create", "Users.Edit"];

    fn permissions(name: &str) -> &'static [&'static str] {
        preset(name)
            .unwrap_or_else(|| panic!("no preset {name}"))
            .permissions
    }

    fn info(api: &str) -> &'static catalog::PermissionInfo {
        catalog::lookup(api).unwrap_or_else(|| panic!("{api} is not in the catalog"))
    }

    #[test]
    fn names_are_the_seeds_six_in_order() {
        let names: Vec<_> = BUILTIN_PRESETS.iter().map(|p| p.name).collect();
        assert_eq!(names, NAMES);
    }

    #[test]
    fn lookup_is_exact() {
        for name in NAMES {
            assert_eq!(preset(name).map(|p| p.name), Some(name));
        }
        assert!(preset("agent").is_none());
        assert!(preset("QAAnalyst").is_none());
        assert!(preset("").is_none());
    }

    #[test]
    fn lists_are_valid_and_within_the_limit() {
        for p in BUILTIN_PRESETS {
            assert_valid_list(p.name, p.permissions);
            assert!(p.permissions.len() <= 500, "{}", p.name);
        }
    }

    #[test]
    fn only_admin_and_the_documented_manager_permissions_are_sensitive() {
        for p in BUILTIN_PRESETS.iter().filter(|p| p.name != "Admin") {
            let sensitive: Vec<_> = p
                .permissions
                .iter()
                .copied()
                .filter(|api| info(api).tier == Tier::Sensitive)
                .collect();
            if p.name == "CallCenterManager" {
                assert_eq!(sensitive, CALL_CENTER_MANAGER_SENSITIVE);
                for api in CALL_CENTER_MANAGER_SENSITIVE {
                    assert!(p.provenance.contains(api), "provenance must explain {api}");
                }
            } else {
                assert!(sensitive.is_empty(), "{} holds {sensitive:?}", p.name);
            }
        }
    }

    #[test]
    fn call_center_manager_has_no_recording_access() {
        for api in permissions("CallCenterManager") {
            let section = info(api).section;
            assert_ne!(section, Section::RecordingsAndTranscripts, "{api}");
            assert_ne!(section, Section::LegacyPermissions, "{api}");
        }
        for dropped in [
            "DeleteCallRecordings",
            "ListenCallRecordings",
            "DownloadCallRecordings",
        ] {
            assert!(
                preset("CallCenterManager")
                    .unwrap()
                    .provenance
                    .contains(dropped)
            );
        }
    }

    #[test]
    fn quality_analyst_uses_redacted_media_only() {
        let qa = permissions("QualityAnalyst");
        assert!(qa.contains(&"CallRecordings.Redacted.Access"));
        assert!(qa.contains(&"ContactTranscripts.Redacted.Access"));
        assert!(
            !qa.iter()
                .any(|api| api.contains("Unredacted") || api.contains("Download"))
        );
    }

    #[test]
    fn admin_is_every_documented_current_permission_but_restrictive_and_voice_id() {
        let expected: Vec<&str> = PERMISSIONS
            .iter()
            .filter(|p| !p.status.is_undocumented() && !p.status.is_legacy())
            .filter(|p| !RESTRICTIVE.contains(&p.api) && !p.api.starts_with("VoiceId"))
            .map(|p| p.api)
            .collect();
        let admin = permissions("Admin");
        assert_eq!(admin, expected);
        // The provenance quotes the count.
        assert_eq!(admin.len(), 283);
        assert!(preset("Admin").unwrap().provenance.contains("283"));
        assert!(admin.len() < 500);
        assert!(admin.contains(&"Users.EditPermission"));
        assert!(admin.contains(&"SecurityProfiles.Edit"));
        for absent in ["RedactedData.View", "VoiceId.Access", "Audio.View"] {
            assert!(!admin.contains(&absent), "{absent}");
        }
    }

    #[test]
    fn admin_is_the_union_of_every_category_all() {
        let mut union: Vec<&str> = SEED_CATEGORIES
            .iter()
            .flat_map(|c| seed_names::all_of(c).map(|p| p.api))
            .collect();
        union.sort_unstable();
        assert_eq!(permissions("Admin"), union);
    }

    #[test]
    fn presets_build_on_each_other_and_on_the_groups() {
        let group = |name| groups::group(name).unwrap().permissions;
        let agent = permissions("Agent");
        assert_eq!(agent, group("BasicAgent"));
        assert!(!agent.contains(&"OutboundCallAccess"));
        assert_eq!(permissions("OutboundAgent"), group("OutboundAgent"));
        let mut outbound = agent.to_vec();
        outbound.push("OutboundCallAccess");
        outbound.sort_unstable();
        assert_eq!(permissions("OutboundAgent"), outbound);
        let contains_all = |outer: &[&str], inner: &[&str]| inner.iter().all(|p| outer.contains(p));
        assert!(contains_all(permissions("Supervisor"), agent));
        assert!(contains_all(
            permissions("Supervisor"),
            group("SupervisorMonitoring")
        ));
        assert!(contains_all(
            permissions("QualityAnalyst"),
            group("QualityAnalysis")
        ));
        assert!(contains_all(
            permissions("QualityAnalyst"),
            group("RedactedRecordingsAccess")
        ));
        for p in BUILTIN_PRESETS {
            assert!(
                contains_all(permissions("Admin"), p.permissions),
                "{}",
                p.name
            );
        }
    }

    #[test]
    fn dependencies_between_permissions_hold() {
        for p in BUILTIN_PRESETS {
            let has = |api: &str| p.permissions.contains(&api);
            for api in p.permissions {
                if matches!(*api, "ManagerListenIn" | "ManagerBargeIn") {
                    assert!(has("BasicAgentAccess"), "{}: {api}", p.name);
                }
                if api.starts_with("Cases.") {
                    assert!(has("CustomerProfiles.View"), "{}: {api}", p.name);
                }
                if let Some(stem) = api
                    .strip_suffix(".DownloadButton")
                    .or_else(|| api.strip_suffix(".Download"))
                {
                    assert!(has(&format!("{stem}.Access")), "{}: {api}", p.name);
                }
            }
            if has("AccessMetrics") {
                for page in ["RealTimeMetrics", "HistoricalMetrics", "AgentActivityAudit"] {
                    assert!(has(&format!("AccessMetrics.{page}.Access")), "{}", p.name);
                }
            }
            assert!(!RESTRICTIVE.iter().any(|r| has(r)), "{}", p.name);
            if p.name != "Admin" {
                for media in ["CallRecordings", "ContactTranscripts"] {
                    let redacted = has(&format!("{media}.Redacted.Access"));
                    let unredacted = has(&format!("{media}.Unredacted.Access"));
                    assert!(!(redacted && unredacted), "{}: {media}", p.name);
                }
            }
        }
    }

    #[test]
    fn docs_are_filled_in() {
        for p in BUILTIN_PRESETS {
            assert!(
                !p.summary.is_empty() && !p.summary.contains('\n'),
                "{}",
                p.name
            );
            assert!(!p.provenance.is_empty(), "{}", p.name);
        }
    }
}
