//! Built-in permission groups: the seed's fifteen collections of related permissions.

/// A built-in permission group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupDef {
    /// The name used in the DSL (`groups: [BasicAgent]`).
    pub name: &'static str,
    /// One line: what the group is for.
    pub summary: &'static str,
    /// The AWS API names, sorted, without duplicates.
    pub permissions: &'static [&'static str],
}

/// The fifteen built-in groups, in the order of the seed's group table.
///
/// Every list holds exact, documented, non-legacy API names, sorted, without duplicates, and
/// closed under the `View` the console adds with each action. No group shows a download
/// button, and only `AmazonQAdmin` (the seed's "full Amazon Q management") deletes shared
/// configuration; `Reporting` deletes the user's own saved reports and schedules, and
/// `QualityAnalysis` keeps `Evaluation.Delete` because the console grants the four
/// `Evaluation.*` names with one checkbox. Sensitive permissions appear only in
/// `UserManagement` and `UnredactedRecordingsAccess`, whose whole purpose they are.
pub static BUILTIN_GROUPS: &[GroupDef] = &[
    GroupDef {
        name: "BasicAgent",
        summary: "Standard agent operations: CCP access, ending and transferring contacts, and the \
            quick connects a transfer needs.",
        permissions: &[
            "BasicAgentAccess",
            "StopContact.Enabled",
            "TransferContact.Enabled",
            "TransferDestinations.View",
        ],
    },
    GroupDef {
        name: "OutboundAgent",
        summary: "Outbound calling agents: `BasicAgent` plus placing outbound calls \
            (`OutboundCallAccess`).",
        permissions: &[
            "BasicAgentAccess",
            "OutboundCallAccess",
            "StopContact.Enabled",
            "TransferContact.Enabled",
            "TransferDestinations.View",
        ],
    },
    GroupDef {
        name: "SupervisorMonitoring",
        summary: "Real-time oversight: real-time metrics, agent statuses, listen-in and barge-in \
            (with the CCP access monitoring runs in).",
        permissions: &[
            "AccessMetrics.RealTimeMetrics.Access",
            "AgentStates.View",
            "BasicAgentAccess",
            "ManagerBargeIn",
            "ManagerListenIn",
        ],
    },
    GroupDef {
        name: "QualityAnalysis",
        summary: "QA reviews: contact search and samples, contact attributes, redacted recordings \
            and transcripts, performing evaluations.",
        permissions: &[
            "CallRecordings.Redacted.Access",
            "ContactAttributes.View",
            "ContactSearch.View",
            "ContactSearchSampleContacts.View",
            "ContactTranscripts.Redacted.Access",
            "Evaluation.Create",
            "Evaluation.Delete",
            "Evaluation.Edit",
            "Evaluation.View",
            "ScreenRecording.Redacted.Access",
        ],
    },
    GroupDef {
        name: "UserManagement",
        summary: "User administration: view, create and edit users (sensitive: can reset \
            passwords), with the profile and hierarchy lists the user form shows.",
        permissions: &[
            "AgentGrouping.View",
            "SecurityProfiles.View",
            "Users.Create",
            "Users.Edit",
            "Users.View",
        ],
    },
    GroupDef {
        name: "RoutingConfiguration",
        summary: "Routing management: view, create and edit queues, routing profiles, hours of \
            operation and quick connects (no deletion).",
        permissions: &[
            "HoursOfOperation.Create",
            "HoursOfOperation.Edit",
            "HoursOfOperation.View",
            "Queues.Create",
            "Queues.Edit",
            "Queues.EnableAndDisable",
            "Queues.View",
            "RoutingPolicies.Create",
            "RoutingPolicies.Edit",
            "RoutingPolicies.View",
            "TransferDestinations.Create",
            "TransferDestinations.Edit",
            "TransferDestinations.View",
        ],
    },
    GroupDef {
        name: "FlowManagement",
        summary: "Flow development: view, create, edit and publish flows and flow modules \
            (publishing is high-impact; no deletion).",
        permissions: &[
            "ContactFlowModules.Create",
            "ContactFlowModules.Edit",
            "ContactFlowModules.Publish",
            "ContactFlowModules.View",
            "ContactFlows.Create",
            "ContactFlows.Edit",
            "ContactFlows.Publish",
            "ContactFlows.View",
        ],
    },
    GroupDef {
        name: "Reporting",
        summary: "Reporting access: all metrics pages and dashboards, the login/logout report, and \
            creating, sharing and scheduling own saved reports.",
        permissions: &[
            "AccessMetrics",
            "AccessMetrics.AgentActivityAudit.Access",
            "AccessMetrics.Dashboards.Access",
            "AccessMetrics.HistoricalMetrics.Access",
            "AccessMetrics.RealTimeMetrics.Access",
            "AgentTimeCard.View",
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
        ],
    },
    GroupDef {
        name: "WorkforceScheduling",
        summary: "WFM access: schedules, time off requests and balances, team calendar, \
            forecasting, capacity planning and the forecast interval.",
        permissions: &[
            "Capacity.Edit",
            "Capacity.Publish",
            "Capacity.View",
            "ForecastScheduleInterval.Edit",
            "ForecastScheduleInterval.View",
            "Forecasting.Edit",
            "Forecasting.Publish",
            "Forecasting.View",
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
        ],
    },
    GroupDef {
        name: "CaseManagement",
        summary: "Case handling: view, create and edit cases and their audit history, with the \
            customer profiles Cases require (no deletion).",
        permissions: &[
            "CaseHistory.View",
            "Cases.Create",
            "Cases.Edit",
            "Cases.View",
            "CustomerProfiles.View",
        ],
    },
    GroupDef {
        name: "CampaignManagement",
        summary: "Outbound campaign access: view, create, edit and start/pause/stop campaigns (no \
            deletion).",
        permissions: &[
            "Campaigns.Create",
            "Campaigns.Edit",
            "Campaigns.Manage",
            "Campaigns.View",
        ],
    },
    GroupDef {
        name: "RedactedRecordingsAccess",
        summary: "Standard QA media: play redacted call and screen recordings and read redacted \
            transcripts, without download buttons.",
        permissions: &[
            "CallRecordings.Redacted.Access",
            "ContactTranscripts.Redacted.Access",
            "ScreenRecording.Redacted.Access",
        ],
    },
    GroupDef {
        name: "UnredactedRecordingsAccess",
        summary: "Compliance/legal only (sensitive): unredacted call, IVR and screen recordings \
            and transcripts, without download buttons.",
        permissions: &[
            "AutomatedVoiceInteraction.Recordings.Unredacted.Access",
            "AutomatedVoiceInteraction.Transcripts.Unredacted.Access",
            "CallRecordings.Unredacted.Access",
            "ContactTranscripts.Unredacted.Access",
            "ScreenRecording.Access",
        ],
    },
    GroupDef {
        name: "AmazonQFeatures",
        summary: "AI-assisted agents: Amazon Q in Connect recommendations and knowledge search in \
            the agent application (`Wisdom.View`).",
        permissions: &["Wisdom.View"],
    },
    GroupDef {
        name: "AmazonQAdmin",
        summary: "AI administration: view, create, edit and delete Amazon Q in Connect AI agents, \
            AI prompts and AI guardrails, and use agent assist.",
        permissions: &[
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
        ],
    },
];

/// Finds a built-in group by its exact, case-sensitive name.
pub fn group(name: &str) -> Option<&'static GroupDef> {
    BUILTIN_GROUPS.iter().find(|g| g.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{self, Tier};
    use crate::list_checks::assert_valid_list;

    const NAMES: [&str; 15] = [
        "BasicAgent",
        "OutboundAgent",
        "SupervisorMonitoring",
        "QualityAnalysis",
        "UserManagement",
        "RoutingConfiguration",
        "FlowManagement",
        "Reporting",
        "WorkforceScheduling",
        "CaseManagement",
        "CampaignManagement",
        "RedactedRecordingsAccess",
        "UnredactedRecordingsAccess",
        "AmazonQFeatures",
        "AmazonQAdmin",
    ];

    fn permissions(name: &str) -> &'static [&'static str] {
        group(name)
            .unwrap_or_else(|| panic!("no group {name}"))
            .permissions
    }

    fn info(api: &str) -> &'static catalog::PermissionInfo {
        catalog::lookup(api).unwrap_or_else(|| panic!("{api} is not in the catalog"))
    }

    fn sensitive(name: &str) -> Vec<&'static str> {
        permissions(name)
            .iter()
            .copied()
            .filter(|api| info(api).tier == Tier::Sensitive)
            .collect()
    }

    #[test]
    fn names_are_the_seeds_fifteen_in_order() {
        let names: Vec<_> = BUILTIN_GROUPS.iter().map(|g| g.name).collect();
        assert_eq!(names, NAMES);
    }

    #[test]
    fn lookup_is_exact() {
        for name in NAMES {
            assert_eq!(group(name).map(|g| g.name), Some(name));
        }
        assert!(group("basicagent").is_none());
        assert!(group("Agent").is_none());
    }

    #[test]
    fn lists_are_valid() {
        for g in BUILTIN_GROUPS {
            assert_valid_list(g.name, g.permissions);
        }
    }

    #[test]
    fn sensitive_permissions_only_where_they_are_the_purpose() {
        for g in BUILTIN_GROUPS {
            match g.name {
                "UserManagement" => assert_eq!(sensitive(g.name), ["Users.Create", "Users.Edit"]),
                "UnredactedRecordingsAccess" => assert_eq!(
                    sensitive(g.name),
                    [
                        "AutomatedVoiceInteraction.Recordings.Unredacted.Access",
                        "AutomatedVoiceInteraction.Transcripts.Unredacted.Access",
                        "CallRecordings.Unredacted.Access",
                        "ContactTranscripts.Unredacted.Access",
                        "ScreenRecording.Access",
                    ]
                ),
                _ => assert!(sensitive(g.name).is_empty(), "{}", g.name),
            }
        }
    }

    #[test]
    fn no_group_shows_download_buttons_or_restricts() {
        for g in BUILTIN_GROUPS {
            for api in g.permissions {
                assert!(!api.contains("Download"), "{}: {api}", g.name);
                assert!(!api.starts_with("Restrict"), "{}: {api}", g.name);
            }
        }
    }

    #[test]
    fn dependencies_between_permissions_hold() {
        for g in BUILTIN_GROUPS {
            let has = |api: &str| g.permissions.contains(&api);
            if has("ManagerListenIn") || has("ManagerBargeIn") {
                assert!(has("BasicAgentAccess"), "{}", g.name);
            }
            if g.permissions.iter().any(|api| api.starts_with("Cases.")) {
                assert!(has("CustomerProfiles.View"), "{}", g.name);
            }
            if has("AccessMetrics") {
                for page in ["RealTimeMetrics", "HistoricalMetrics", "AgentActivityAudit"] {
                    assert!(has(&format!("AccessMetrics.{page}.Access")), "{}", g.name);
                }
            }
            if has("MetricsReports.Schedule") {
                assert!(has("MetricsReports.Publish") && has("ReportSchedules.Create"));
            }
        }
    }

    #[test]
    fn spot_checks() {
        assert_eq!(
            permissions("BasicAgent"),
            [
                "BasicAgentAccess",
                "StopContact.Enabled",
                "TransferContact.Enabled",
                "TransferDestinations.View",
            ]
        );
        let mut outbound = permissions("BasicAgent").to_vec();
        outbound.push("OutboundCallAccess");
        outbound.sort_unstable();
        assert_eq!(permissions("OutboundAgent"), outbound);
        for api in [
            "ManagerListenIn",
            "ManagerBargeIn",
            "AccessMetrics.RealTimeMetrics.Access",
        ] {
            assert!(permissions("SupervisorMonitoring").contains(&api), "{api}");
        }
        assert!(permissions("QualityAnalysis").contains(&"CallRecordings.Redacted.Access"));
        assert!(permissions("QualityAnalysis").contains(&"Evaluation.Create"));
        assert!(!permissions("CaseManagement").contains(&"Cases.Delete"));
        assert!(permissions("FlowManagement").contains(&"ContactFlows.Publish"));
        assert!(permissions("RoutingConfiguration").contains(&"RoutingPolicies.Edit"));
        assert!(permissions("CampaignManagement").contains(&"Campaigns.Manage"));
        assert_eq!(permissions("AmazonQFeatures"), ["Wisdom.View"]);
        assert_eq!(
            permissions("AmazonQAdmin")
                .iter()
                .filter(|api| api.starts_with("QConnect"))
                .count(),
            12
        );
        let redacted = permissions("RedactedRecordingsAccess");
        assert!(redacted.iter().all(|api| info(api).tier != Tier::Sensitive));
        assert!(
            permissions("QualityAnalysis")
                .iter()
                .all(|api| !api.contains("Unredacted"))
        );
    }

    #[test]
    fn summaries_are_one_line() {
        for g in BUILTIN_GROUPS {
            assert!(
                !g.summary.is_empty() && !g.summary.contains('\n'),
                "{}",
                g.name
            );
        }
    }
}
