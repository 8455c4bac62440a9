//! The final permission set of every example profile: the seed's ten complete examples, its
//! provider example and the README's guide, each asserted as an exact list (implied Views and
//! `without` included), with its tags, restrictions and reason. Then the rules of composition
//! on profiles made here, and the equality of a `const` from the macro with the same profile
//! from the builder.

use switchboard::catalog::{self, PERMISSIONS};
use switchboard::{SecurityProfile, Tag, groups, presets, security_profile};
use switchboard_examples::{guide, seed};

fn names(profile: &SecurityProfile) -> Vec<&str> {
    profile.permissions().iter().collect()
}

fn implied(profile: &SecurityProfile) -> Vec<&str> {
    profile.implied_permissions().iter().collect()
}

fn pairs(tags: &[Tag]) -> Vec<(&str, &str)> {
    tags.iter()
        .map(|t| (t.key.as_ref(), t.value.as_ref()))
        .collect()
}

/// The `Agent` preset (`BasicAgent` group): CCP, ending and transferring contacts, quick
/// connects.
const AGENT: [&str; 4] = [
    "BasicAgentAccess",
    "StopContact.Enabled",
    "TransferContact.Enabled",
    "TransferDestinations.View",
];

/// The `Supervisor` preset: Agent plus real-time monitoring.
const SUPERVISOR: [&str; 10] = [
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
];

/// The `QualityAnalyst` preset.
const QUALITY_ANALYST: [&str; 21] = [
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
];

/// The `CallCenterManager` preset.
const CALL_CENTER_MANAGER: [&str; 68] = [
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
];

/// The `Admin` preset by its documented rule, computed from the catalog: every permission of
/// the current AWS list except the legacy ones, the three restrictive ones and Voice ID.
fn admin_by_rule() -> Vec<&'static str> {
    PERMISSIONS
        .iter()
        .filter(|p| !p.status.is_undocumented() && !p.status.is_legacy())
        .map(|p| p.api)
        .filter(|api| {
            ![
                "RestrictTaskCreation.Access",
                "RestrictPhoneTypeSettings.Access",
                "RestrictContactAccessByHierarchy.View",
            ]
            .contains(api)
        })
        .filter(|api| !api.starts_with("VoiceId"))
        .collect()
}

#[test]
fn example_1_basic_agent() {
    let p = seed::BASIC_AGENT;
    assert_eq!(p.name(), "BasicAgent");
    assert_eq!(p.description(), Some("Standard agent with CCP access"));
    assert_eq!(names(&p), AGENT);
    assert!(implied(&p).is_empty());
    assert_eq!(pairs(p.tags()), [("Role", "Agent")]);
    assert!(p.access_control_tags().is_empty());
    assert!(p.tag_restricted_resources().is_empty());
    assert_eq!(p.sensitive_reason(), None);
}

#[test]
fn example_2_outbound_sales_agent() {
    let p = seed::OUTBOUND_SALES_AGENT;
    assert_eq!(p.name(), "OutboundSalesAgent");
    assert_eq!(
        names(&p),
        [
            "BasicAgentAccess",
            "CustomerProfiles.View",
            "OutboundCallAccess",
            "StopContact.Enabled",
            "TransferContact.Enabled",
            "TransferDestinations.View",
        ]
    );
    assert!(implied(&p).is_empty());
    assert_eq!(
        pairs(p.tags()),
        [("Role", "Agent"), ("Department", "Sales")]
    );
    assert_eq!(p.sensitive_reason(), None);
}

#[test]
fn example_3_team_supervisor() {
    let p = seed::TEAM_SUPERVISOR;
    assert_eq!(p.name(), "TeamSupervisor");
    assert_eq!(names(&p), SUPERVISOR);
    assert!(implied(&p).is_empty());
    assert_eq!(pairs(p.tags()), [("Role", "Supervisor")]);
    assert_eq!(p.sensitive_reason(), None);
}

#[test]
fn example_4_quality_analyst() {
    let p = seed::QUALITY_ANALYST;
    // Not "QualityAnalyst": that name collides with the built-in profile.
    assert_eq!(p.name(), "QAAnalyst");
    assert_eq!(names(&p), QUALITY_ANALYST);
    assert!(implied(&p).is_empty());
    assert_eq!(pairs(p.tags()), [("Role", "QualityAnalyst")]);
    assert_eq!(p.sensitive_reason(), None);
}

#[test]
fn example_5_compliance_officer() {
    let p = seed::COMPLIANCE_OFFICER;
    assert_eq!(p.name(), "ComplianceOfficer");
    // QualityAnalysis + UnredactedRecordingsAccess + Reporting + GraphTrends.View +
    // HistoricalChanges.View, without the redacted call recordings and transcripts.
    assert_eq!(
        names(&p),
        [
            "AccessMetrics",
            "AccessMetrics.AgentActivityAudit.Access",
            "AccessMetrics.Dashboards.Access",
            "AccessMetrics.HistoricalMetrics.Access",
            "AccessMetrics.RealTimeMetrics.Access",
            "AgentTimeCard.View",
            "AutomatedVoiceInteraction.Recordings.Unredacted.Access",
            "AutomatedVoiceInteraction.Transcripts.Unredacted.Access",
            "CallRecordings.Unredacted.Access",
            "ContactAttributes.View",
            "ContactSearch.View",
            "ContactSearchSampleContacts.View",
            "ContactTranscripts.Unredacted.Access",
            "Evaluation.Create",
            "Evaluation.Delete",
            "Evaluation.Edit",
            "Evaluation.View",
            "GraphTrends.View",
            "HistoricalChanges.View",
            "MetricsReports.Create",
            "MetricsReports.Delete",
            "MetricsReports.Edit",
            "MetricsReports.Publish",
            "MetricsReports.Schedule",
            "MetricsReports.Share",
            "MetricsReports.View",
            "ReportSchedules.Create",
            "ReportSchedules.Delete",
            "ReportSchedules.Edit",
            "ReportSchedules.View",
            "ScreenRecording.Access",
        ]
    );
    assert!(!p.has_permission("CallRecordings.Redacted.Access"));
    assert!(!p.has_permission("ContactTranscripts.Redacted.Access"));
    assert!(!p.has_permission("ScreenRecording.Redacted.Access"));
    assert!(implied(&p).is_empty());
    assert_eq!(
        pairs(p.tags()),
        [("Role", "ComplianceOfficer"), ("AccessLevel", "Elevated")]
    );
    assert_eq!(
        p.sensitive_reason(),
        Some("Regulatory investigations need unredacted recordings and the change history")
    );
    assert_eq!(
        p.sensitive_permissions().collect::<Vec<_>>(),
        [
            "AutomatedVoiceInteraction.Recordings.Unredacted.Access",
            "AutomatedVoiceInteraction.Transcripts.Unredacted.Access",
            "CallRecordings.Unredacted.Access",
            "ContactTranscripts.Unredacted.Access",
            "HistoricalChanges.View",
            "ScreenRecording.Access",
        ]
    );
}

#[test]
fn example_6_support_department_manager() {
    let p = seed::SUPPORT_DEPARTMENT_MANAGER;
    assert_eq!(p.name(), "SupportDepartmentManager");
    assert_eq!(names(&p), CALL_CENTER_MANAGER);
    assert!(implied(&p).is_empty());
    assert_eq!(pairs(p.access_control_tags()), [("Department", "Support")]);
    assert_eq!(
        p.tag_restricted_resources(),
        ["User", "SecurityProfile", "Queue", "RoutingProfile"]
    );
    assert!(p.hierarchy_restricted_resources().is_empty());
    assert_eq!(
        pairs(p.tags()),
        [("Role", "Manager"), ("Department", "Support")]
    );
    assert_eq!(
        p.sensitive_reason(),
        Some("Managers create and edit the users of their department")
    );
    assert_eq!(
        p.sensitive_permissions().collect::<Vec<_>>(),
        ["Users.Create", "Users.Edit"]
    );
}

#[test]
fn example_7_workforce_manager() {
    let p = seed::WORKFORCE_MANAGER;
    assert_eq!(p.name(), "WorkforceManager");
    // WorkforceScheduling + Reporting + Users.View, AgentGrouping.View, Queues.View.
    assert_eq!(
        names(&p),
        [
            "AccessMetrics",
            "AccessMetrics.AgentActivityAudit.Access",
            "AccessMetrics.Dashboards.Access",
            "AccessMetrics.HistoricalMetrics.Access",
            "AccessMetrics.RealTimeMetrics.Access",
            "AgentGrouping.View",
            "AgentTimeCard.View",
            "Capacity.Edit",
            "Capacity.Publish",
            "Capacity.View",
            "ForecastScheduleInterval.Edit",
            "ForecastScheduleInterval.View",
            "Forecasting.Edit",
            "Forecasting.Publish",
            "Forecasting.View",
            "MetricsReports.Create",
            "MetricsReports.Delete",
            "MetricsReports.Edit",
            "MetricsReports.Publish",
            "MetricsReports.Schedule",
            "MetricsReports.Share",
            "MetricsReports.View",
            "Queues.View",
            "ReportSchedules.Create",
            "ReportSchedules.Delete",
            "ReportSchedules.Edit",
            "ReportSchedules.View",
            "Scheduling.Edit",
            "Scheduling.Publish",
            "Scheduling.View",
            "TeamCalendar.Edit",
            "TeamCalendar.View",
            "TimeOff.Approve",
            "TimeOff.Edit",
            "TimeOff.View",
            "TimeOffBalance.Edit",
            "TimeOffBalance.View",
            "Users.View",
        ]
    );
    assert!(implied(&p).is_empty());
    assert_eq!(pairs(p.tags()), [("Role", "WorkforceManager")]);
    assert_eq!(p.sensitive_reason(), None);
}

#[test]
fn example_8_omnichannel_agent() {
    let p = seed::OMNICHANNEL_AGENT;
    assert_eq!(p.name(), "OmnichannelAgent");
    // BasicAgent + CaseManagement + video, outbound email and customer profiles (the last
    // already in CaseManagement: once).
    assert_eq!(
        names(&p),
        [
            "BasicAgentAccess",
            "CaseHistory.View",
            "Cases.Create",
            "Cases.Edit",
            "Cases.View",
            "CustomerProfiles.View",
            "OutboundEmail.Create",
            "StopContact.Enabled",
            "TransferContact.Enabled",
            "TransferDestinations.View",
            "VideoContact.Access",
        ]
    );
    assert!(implied(&p).is_empty());
    assert_eq!(pairs(p.tags()), [("Role", "OmnichannelAgent")]);
    assert_eq!(p.sensitive_reason(), None);
}

#[test]
fn example_9_ai_admin() {
    let p = seed::AI_ADMIN;
    assert_eq!(p.name(), "AIAdmin");
    // AmazonQAdmin + FlowManagement + the four metrics pages of "Access metrics".
    assert_eq!(
        names(&p),
        [
            "AccessMetrics",
            "AccessMetrics.AgentActivityAudit.Access",
            "AccessMetrics.HistoricalMetrics.Access",
            "AccessMetrics.RealTimeMetrics.Access",
            "ContactFlowModules.Create",
            "ContactFlowModules.Edit",
            "ContactFlowModules.Publish",
            "ContactFlowModules.View",
            "ContactFlows.Create",
            "ContactFlows.Edit",
            "ContactFlows.Publish",
            "ContactFlows.View",
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
            "Wisdom.View",
        ]
    );
    assert!(implied(&p).is_empty());
    assert_eq!(pairs(p.tags()), [("Role", "AIAdmin")]);
    assert_eq!(p.sensitive_reason(), None);
}

#[test]
fn example_10_system_admin() {
    let p = seed::SYSTEM_ADMIN;
    assert_eq!(p.name(), "SystemAdmin");
    assert_eq!(names(&p), admin_by_rule());
    assert_eq!(p.permission_count(), 283);
    assert!(implied(&p).is_empty());
    assert_eq!(pairs(p.tags()), [("Role", "Admin")]);
    assert_eq!(
        p.sensitive_reason(),
        Some("System administrators manage users, security profiles and recordings")
    );
    // Every sensitive permission of the current list is there.
    let sensitive_documented: Vec<&str> = PERMISSIONS
        .iter()
        .filter(|i| i.tier == catalog::Tier::Sensitive)
        .filter(|i| !i.status.is_undocumented() && !i.status.is_legacy())
        .map(|i| i.api)
        .collect();
    assert_eq!(
        p.sensitive_permissions().collect::<Vec<_>>(),
        sensitive_documented
    );
}

#[test]
fn the_ten_complete_examples_are_in_the_seeds_order() {
    let names: Vec<&str> = seed::COMPLETE_EXAMPLES.iter().map(|p| p.name()).collect();
    assert_eq!(
        names,
        [
            "BasicAgent",
            "OutboundSalesAgent",
            "TeamSupervisor",
            "QAAnalyst",
            "ComplianceOfficer",
            "SupportDepartmentManager",
            "WorkforceManager",
            "OmnichannelAgent",
            "AIAdmin",
            "SystemAdmin",
        ]
    );
}

#[test]
fn provider_example() {
    let [agent, supervisor, admin] = seed::PROVIDER_EXAMPLE;
    assert_eq!(agent.name(), "ContactCenterAgent");
    assert_eq!(names(agent), AGENT);
    assert_eq!(agent.sensitive_reason(), None);
    assert_eq!(supervisor.name(), "Supervisor");
    assert_eq!(names(supervisor), SUPERVISOR);
    assert_eq!(supervisor.sensitive_reason(), None);
    assert_eq!(admin.name(), "ContactCenterAdmin");
    assert_eq!(names(admin), admin_by_rule());
    assert_eq!(
        admin.sensitive_reason(),
        Some("Administrators manage users, security profiles and recordings")
    );
    for p in seed::PROVIDER_EXAMPLE {
        assert!(implied(p).is_empty());
        assert!(p.tags().is_empty());
        assert!(p.tag_restricted_resources().is_empty());
    }
}

#[test]
fn guide_team_lead() {
    let p = guide::TEAM_LEAD;
    assert_eq!(p.name(), "TeamLead");
    // Supervisor already holds BasicAgent and SupervisorMonitoring; Users.View and Users.Edit
    // are added.
    let mut expected = SUPERVISOR.to_vec();
    expected.extend(["Users.Edit", "Users.View"]);
    assert_eq!(names(&p), expected);
    assert!(implied(&p).is_empty());
    assert_eq!(p.hierarchy_restricted_resources(), ["User"]);
    assert_eq!(
        p.hierarchy_group(),
        Some("3f2b9c1e-0000-4c1a-9d2e-7a6b5c4d3e2f")
    );
    assert!(p.tag_restricted_resources().is_empty());
    assert_eq!(pairs(p.tags()), [("Role", "TeamLead")]);
    assert_eq!(
        p.sensitive_reason(),
        Some("Team leads edit their own team's users")
    );
    assert_eq!(
        p.sensitive_permissions().collect::<Vec<_>>(),
        ["Users.Edit"]
    );
}

#[test]
fn guide_inbound_supervisor() {
    let p = guide::INBOUND_SUPERVISOR;
    assert_eq!(p.name(), "InboundSupervisor");
    // Supervisor and QualityAnalyst merged (two metrics pages in both, once), without
    // ManagerBargeIn.
    assert_eq!(
        names(&p),
        [
            "AccessMetrics",
            "AccessMetrics.AgentActivityAudit.Access",
            "AccessMetrics.HistoricalMetrics.Access",
            "AccessMetrics.RealTimeMetrics.Access",
            "AgentGrouping.View",
            "AgentStates.View",
            "AgentTimeCard.View",
            "BasicAgentAccess",
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
            "ManagerListenIn",
            "ScreenRecording.Redacted.Access",
            "StopContact.Enabled",
            "TransferContact.Enabled",
            "TransferDestinations.View",
        ]
    );
    assert!(!p.has_permission("ManagerBargeIn"));
    assert!(p.has_permission("ManagerListenIn"));
    assert!(implied(&p).is_empty());
    assert_eq!(p.sensitive_reason(), None);
}

#[test]
fn guide_sales_manager() {
    let p = guide::SALES_MANAGER;
    assert_eq!(p.name(), "SalesManager");
    assert_eq!(names(&p), CALL_CENTER_MANAGER);
    assert_eq!(pairs(p.access_control_tags()), [("Department", "Sales")]);
    assert_eq!(
        p.tag_restricted_resources(),
        ["User", "SecurityProfile", "Queue", "RoutingProfile"]
    );
    assert_eq!(pairs(p.tags()), [("Department", "Sales")]);
    assert_eq!(
        p.sensitive_reason(),
        Some("Managers administer the users and routing of their department")
    );
}

#[test]
fn guide_custom_role_uses_the_preset_defined_with_preset_macro() {
    let p = guide::CUSTOM_ROLE;
    assert_eq!(p.name(), "CustomRole");
    assert_eq!(
        names(&p),
        [
            "BasicAgentAccess",
            "ContactSearch.View",
            "StopContact.Enabled",
            "TransferContact.Enabled",
        ]
    );
    assert_eq!(
        guide::SPECIALIZED_AGENT.permissions().collect::<Vec<_>>(),
        names(&p)
    );
}

security_profile! {
    /// Actions without their Views: the console adds each family's View.
    const ACTIONS = {
        name: "Actions",
        permissions: [
            Queues.Edit,
            MetricsReports.Create,
            ContactSearchWithKeywords.Access,
            "Users.Edit",
            BasicAgentAccess,
        ],
        sensitive: "Edits users",
    };

    /// A View given explicitly is not "implied", even when an action of its family would add it.
    const EXPLICIT_VIEW = {
        name: "ExplicitView",
        permissions: [Queues.Edit, Queues.View, Prompts.Create],
    };

    /// `without` removes from the union of presets, groups and permissions; removing a whole
    /// family (its View included) removes it for good.
    const WITHOUT = {
        name: "Without",
        preset: [Supervisor, CallCenterManager],
        groups: [Reporting],
        without: [
            ManagerBargeIn,
            ManagerListenIn,
            Users.Create,
            Users.Edit,
            Queues.Create,
            Queues.Edit,
            Queues.EnableAndDisable,
            Queues.View,
            AnalyticsAndOptimization::AccessMetrics,
        ],
    };

    /// Seed names and `Category::All` resolve to API names; `unchecked` is kept as written.
    const SEED_STYLE = {
        name: "SeedStyle",
        permissions: [
            UsersAndPermissions::EditUsers,
            Routing::ViewQueues,
            ContactControlPanel::OutboundCallAccess,
            unchecked("BrandNewFeature.Access"),
        ],
        sensitive: "Edits users",
    };
}

#[test]
fn actions_bring_their_views() {
    assert_eq!(
        names(&ACTIONS),
        [
            "BasicAgentAccess",
            "ContactSearchWithKeywords.Access",
            "ContactSearchWithKeywords.View",
            "MetricsReports.Create",
            "MetricsReports.View",
            "Queues.Edit",
            "Queues.View",
            "Users.Edit",
            "Users.View",
        ]
    );
    assert_eq!(
        implied(&ACTIONS),
        [
            "ContactSearchWithKeywords.View",
            "MetricsReports.View",
            "Queues.View",
            "Users.View",
        ]
    );
    assert_eq!(
        names(&EXPLICIT_VIEW),
        [
            "Prompts.Create",
            "Prompts.View",
            "Queues.Edit",
            "Queues.View"
        ]
    );
    assert_eq!(implied(&EXPLICIT_VIEW), ["Prompts.View"]);
}

#[test]
fn without_removes_from_the_merged_set() {
    let mut expected: Vec<&str> = CALL_CENTER_MANAGER
        .iter()
        .chain(&SUPERVISOR)
        .chain(groups::Reporting.permissions())
        .copied()
        .filter(|p| {
            ![
                "ManagerBargeIn",
                "ManagerListenIn",
                "Users.Create",
                "Users.Edit",
                "Queues.Create",
                "Queues.Edit",
                "Queues.EnableAndDisable",
                "Queues.View",
                "AccessMetrics",
                "AccessMetrics.AgentActivityAudit.Access",
                "AccessMetrics.HistoricalMetrics.Access",
                "AccessMetrics.RealTimeMetrics.Access",
            ]
            .contains(p)
        })
        .collect();
    expected.sort();
    expected.dedup();
    assert_eq!(names(&WITHOUT), expected);
    // Reporting's dashboards are not part of "Access metrics" and stay.
    assert!(WITHOUT.has_permission("AccessMetrics.Dashboards.Access"));
    assert!(
        !WITHOUT
            .permissions()
            .iter()
            .any(|p| p.starts_with("Queues."))
    );
    assert!(implied(&WITHOUT).is_empty());
    // Users.View stays: only the actions were removed, so no reason is needed.
    assert!(WITHOUT.has_permission("Users.View"));
    assert_eq!(WITHOUT.sensitive_permissions().count(), 0);
}

#[test]
fn seed_names_and_unchecked_resolve() {
    assert_eq!(
        names(&SEED_STYLE),
        [
            "BrandNewFeature.Access",
            "OutboundCallAccess",
            "Queues.View",
            "Users.Edit",
            "Users.View",
        ]
    );
    // `EditUsers` stands for the console's checkbox, `Users.Edit` + `Users.View`: the View is
    // granted, not implied.
    assert!(implied(&SEED_STYLE).is_empty());
}

/// Every example's final set is sorted, unique, closed under the console's implied Views,
/// holds only catalog names, and states a reason exactly when it holds a sensitive permission.
#[test]
fn every_example_follows_the_composition_rules() {
    let all = seed::COMPLETE_EXAMPLES
        .iter()
        .chain(&seed::PROVIDER_EXAMPLE)
        .chain(&guide::GUIDE_PROFILES);
    for p in all {
        let list = names(p);
        assert!(
            list.windows(2).all(|w| w[0] < w[1]),
            "{} is not sorted",
            p.name()
        );
        for name in &list {
            let info = catalog::lookup(name)
                .unwrap_or_else(|| panic!("{}: {name} is not in the catalog", p.name()));
            if let Some(view) = info.implies {
                assert!(
                    p.has_permission(view),
                    "{}: {name} without {view}",
                    p.name()
                );
            }
        }
        assert_eq!(
            p.sensitive_reason().is_some(),
            p.sensitive_permissions().next().is_some(),
            "{}: a reason exactly when a sensitive permission is held",
            p.name()
        );
    }
}

/// The builder, given what each macro profile was given, returns an equal profile.
#[test]
fn macro_consts_equal_built_profiles() {
    let built = [
        SecurityProfile::builder("BasicAgent")
            .description("Standard agent with CCP access")
            .preset(presets::Agent)
            .tag("Role", "Agent")
            .build(),
        SecurityProfile::builder("OutboundSalesAgent")
            .description("Sales agent with outbound calling capabilities")
            .preset(presets::OutboundAgent)
            .seed_permission("CustomerProfiles", "ViewProfiles")
            .tag("Role", "Agent")
            .tag("Department", "Sales")
            .build(),
        SecurityProfile::builder("TeamSupervisor")
            .description("Supervisor with real-time monitoring and agent management")
            .preset(presets::Supervisor)
            .tag("Role", "Supervisor")
            .build(),
        SecurityProfile::builder("QAAnalyst")
            .description("QA analyst for reviewing and scoring interactions")
            .preset(presets::QualityAnalyst)
            .tag("Role", "QualityAnalyst")
            .build(),
        SecurityProfile::builder("ComplianceOfficer")
            .description("Compliance officer with unredacted recording access")
            .group(groups::QualityAnalysis)
            .group(groups::UnredactedRecordingsAccess)
            .group(groups::Reporting)
            .seed_permission("AnalyticsAndOptimization", "ContactLensConversations")
            .seed_permission("HistoricalChanges", "ViewHistoricalChanges")
            .without("CallRecordings.Redacted.Access")
            .without("ContactTranscripts.Redacted.Access")
            .without("ScreenRecording.Redacted.Access")
            .tag("Role", "ComplianceOfficer")
            .tag("AccessLevel", "Elevated")
            .sensitive(
                "Regulatory investigations need unredacted recordings and the change history",
            )
            .build(),
        SecurityProfile::builder("SupportDepartmentManager")
            .description("Support department manager with tag-based restrictions")
            .preset(presets::CallCenterManager)
            .restrict_tags(
                [("Department", "Support")],
                ["User", "SecurityProfile", "Queue", "RoutingProfile"],
            )
            .tag("Role", "Manager")
            .tag("Department", "Support")
            .sensitive("Managers create and edit the users of their department")
            .build(),
        SecurityProfile::builder("WorkforceManager")
            .description("Workforce manager for scheduling and capacity planning")
            .group(groups::WorkforceScheduling)
            .group(groups::Reporting)
            .seed_permission("UsersAndPermissions", "ViewUsers")
            .seed_permission("UsersAndPermissions", "ViewAgentHierarchy")
            .seed_permission("Routing", "ViewQueues")
            .tag("Role", "WorkforceManager")
            .build(),
        SecurityProfile::builder("OmnichannelAgent")
            .description("Agent handling voice, chat, email, and tasks")
            .group(groups::BasicAgent)
            .group(groups::CaseManagement)
            .seed_permission("ContactControlPanel", "VideoCallAccess")
            .seed_permission("ContactControlPanel", "InitiateOutboundEmail")
            .seed_permission("CustomerProfiles", "ViewProfiles")
            .tag("Role", "OmnichannelAgent")
            .build(),
        SecurityProfile::builder("AIAdmin")
            .description("Administrator for Amazon Q and AI features")
            .group(groups::AmazonQAdmin)
            .group(groups::FlowManagement)
            .seed_permission("AnalyticsAndOptimization", "AccessMetrics")
            .tag("Role", "AIAdmin")
            .build(),
        SecurityProfile::builder("SystemAdmin")
            .description("Full administrative access to all features")
            .preset(presets::Admin)
            .tag("Role", "Admin")
            .sensitive("System administrators manage users, security profiles and recordings")
            .build(),
    ];
    for (made, built) in seed::COMPLETE_EXAMPLES.iter().zip(built) {
        let built = built.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(**made, built, "{}", made.name());
    }

    let guide_built = [
        SecurityProfile::builder("TeamLead")
            .description("Team lead with hierarchy-restricted user management")
            .preset(presets::Supervisor)
            .group(groups::BasicAgent)
            .group(groups::SupervisorMonitoring)
            .permissions(["Users.View", "Users.Edit"])
            .restrict_hierarchy("User")
            .hierarchy_group("3f2b9c1e-0000-4c1a-9d2e-7a6b5c4d3e2f")
            .tag("Role", "TeamLead")
            .sensitive("Team leads edit their own team's users")
            .build(),
        SecurityProfile::builder("InboundSupervisor")
            .preset(presets::Supervisor)
            .preset(presets::QualityAnalyst)
            .without("ManagerBargeIn")
            .build(),
        SecurityProfile::builder("SalesManager")
            .preset(presets::CallCenterManager)
            .restrict_tags(
                [("Department", "Sales")],
                ["User", "SecurityProfile", "Queue", "RoutingProfile"],
            )
            .tag("Department", "Sales")
            .sensitive("Managers administer the users and routing of their department")
            .build(),
        SecurityProfile::builder("CustomRole")
            .preset(guide::SPECIALIZED_AGENT)
            .build(),
    ];
    for (made, built) in guide::GUIDE_PROFILES.iter().zip(guide_built) {
        let built = built.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(**made, built, "{}", made.name());
    }

    // Implied Views, `without` and `unchecked` are resolved the same way too.
    let actions = SecurityProfile::builder("Actions")
        .permissions([
            "Queues.Edit",
            "MetricsReports.Create",
            "ContactSearchWithKeywords.Access",
            "Users.Edit",
            "BasicAgentAccess",
        ])
        .sensitive("Edits users")
        .build()
        .unwrap();
    assert_eq!(ACTIONS, actions);
    let seed_style = SecurityProfile::builder("SeedStyle")
        .seed_permission("UsersAndPermissions", "EditUsers")
        .seed_permission("Routing", "ViewQueues")
        .seed_permission("ContactControlPanel", "OutboundCallAccess")
        .unchecked_permission("BrandNewFeature.Access")
        .sensitive("Edits users")
        .build()
        .unwrap();
    assert_eq!(SEED_STYLE, seed_style);
    // And a difference is seen: equality is not vacuous.
    let other = SecurityProfile::builder("SeedStyle")
        .seed_permission("UsersAndPermissions", "EditUsers")
        .sensitive("Edits users")
        .build()
        .unwrap();
    assert_ne!(SEED_STYLE, other);
}

/// `without` cannot remove a View the console adds with another action of its family: the
/// View stays and the builder says why (the macro warns at the token, see
/// `ui/warn/without.rs`).
#[test]
fn without_an_implied_view_keeps_it() {
    let (profile, warnings) = SecurityProfile::builder("QueueEditor")
        .preset(presets::Agent)
        .permission("Queues.Edit")
        .without("Queues.View")
        .build_with_warnings()
        .unwrap();
    assert!(profile.has_permission("Queues.View"));
    assert_eq!(implied(&profile), ["Queues.View"]);
    let rules: Vec<_> = warnings.iter().map(|w| w.rule).collect();
    assert_eq!(rules, [switchboard::Rule::WithoutImpliedView]);
}

/// The README's guide block ("Presets, groups and permissions") is `examples/src/guide.rs`'s
/// profiles, verbatim, so the README never shows a profile that the examples (and the tests
/// above, and the synthesized `GuideExamples` stack) do not have.
#[test]
fn the_readme_guide_is_the_examples_guide() {
    let readme = include_str!("../../README.md");
    let section = readme
        .split("### Presets, groups and permissions")
        .nth(1)
        .expect("the README's guide section");
    let start = section.find("```rust\n").expect("the guide's block") + "```rust\n".len();
    let block = &section[start..start + section[start..].find("```").expect("its end")];
    let body = block
        .strip_prefix("use switchboard::{preset, security_profile};\n\n")
        .expect("the block starts with its `use`");
    let guide = include_str!("../../examples/src/guide.rs");
    assert!(
        guide.contains(body),
        "the README's guide block is not in examples/src/guide.rs:\n{body}"
    );
}
