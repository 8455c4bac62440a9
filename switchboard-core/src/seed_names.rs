//! The seed's `Category::Member` names (`UsersAndPermissions::EditUsers`) and what AWS names
//! each one means.

use crate::catalog::{PERMISSIONS, PermissionInfo, Section};

/// A category of the seed's `Permissions` class (`Permissions.Routing`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeedCategory {
    /// The category name (`Routing`).
    pub name: &'static str,
    /// The AWS sections whose documented permissions `Category::All` grants.
    pub sections: &'static [Section],
    /// The named members.
    pub members: &'static [SeedMember],
}

/// One seed-style permission name and the AWS API names it maps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeedMember {
    /// The member name (`EditQueues`).
    pub name: &'static str,
    /// The AWS API names it grants, sorted.
    pub permissions: &'static [&'static str],
    /// Why the mapping is what it is, when it is not a one-to-one rename.
    pub note: &'static str,
}

/// Every category of the seed's `Permissions` class, each named after its AWS section.
///
/// Every member maps to exact, documented, non-legacy API names, sorted, closed under the
/// `View` the console adds with each action, and inside the category's sections.
pub static SEED_CATEGORIES: &[SeedCategory] = &[
    SeedCategory {
        name: "ContactControlPanel",
        sections: &[Section::ContactControlPanel],
        members: &[
            SeedMember {
                name: "BasicAgentAccess",
                permissions: &["BasicAgentAccess"],
                note: "",
            },
            SeedMember {
                name: "OutboundCallAccess",
                permissions: &["OutboundCallAccess"],
                note: "",
            },
            SeedMember {
                name: "VideoCallAccess",
                permissions: &["VideoContact.Access"],
                note: "",
            },
            SeedMember {
                name: "InitiateOutboundEmail",
                permissions: &["OutboundEmail.Create"],
                note: "",
            },
            SeedMember {
                name: "AudioDeviceSettings",
                permissions: &["AudioDeviceSettings.Access"],
                note: "",
            },
            SeedMember {
                name: "RealTimeContactLens",
                permissions: &["RealtimeContactLens.View"],
                note: "",
            },
            SeedMember {
                name: "SelfAssignContacts",
                permissions: &["SelfAssignContacts.Access"],
                note: "",
            },
            SeedMember {
                name: "RequireEndContactConfirmation",
                permissions: &["RequireEndContactConfirmation.Enabled"],
                note: "",
            },
            SeedMember {
                name: "RestrictTaskCreation",
                permissions: &["RestrictTaskCreation.Access"],
                note: "Restrictive: granting it takes task creation away.",
            },
            SeedMember {
                name: "RestrictPhoneTypeSettings",
                permissions: &["RestrictPhoneTypeSettings.Access"],
                note: "Restrictive: granting it stops agents switching between softphone and desk \
                    phone.",
            },
        ],
    },
    SeedCategory {
        name: "ContactActions",
        sections: &[Section::ContactActions],
        members: &[
            SeedMember {
                name: "TransferContact",
                permissions: &["TransferContact.Enabled"],
                note: "Transfers from Contact details; CCP transfers to quick connects need \
                    `Routing::ViewQuickConnects`.",
            },
            SeedMember {
                name: "EndContact",
                permissions: &["StopContact.Enabled"],
                note: "The API calls ending a contact `StopContact`; it acts on the Contact \
                    details page.",
            },
            SeedMember {
                name: "RescheduleContact",
                permissions: &["UpdateContactSchedule.Enabled"],
                note: "",
            },
            SeedMember {
                name: "EditContactTags",
                permissions: &["Contacts.Tag.Edit"],
                note: "",
            },
            SeedMember {
                name: "AssignAnyContact",
                permissions: &["ManualAssignAnyContact.Enable"],
                note: "",
            },
            SeedMember {
                name: "AssignMyContacts",
                permissions: &["ManualAssignMyContacts.Enable"],
                note: "",
            },
        ],
    },
    SeedCategory {
        name: "Routing",
        sections: &[Section::Routing],
        members: &[
            SeedMember {
                name: "ViewQueues",
                permissions: &["Queues.View"],
                note: "",
            },
            SeedMember {
                name: "CreateQueues",
                permissions: &["Queues.Create", "Queues.View"],
                note: "Adds `Queues.View`, which the console always selects with `Queues.Create`.",
            },
            SeedMember {
                name: "EditQueues",
                permissions: &["Queues.Edit", "Queues.View"],
                note: "Adds `Queues.View`, which the console always selects with `Queues.Edit`.",
            },
            SeedMember {
                name: "EnableDisableQueues",
                permissions: &["Queues.EnableAndDisable", "Queues.View"],
                note: "Adds `Queues.View`, which the console always selects with \
                    `Queues.EnableAndDisable`.",
            },
            SeedMember {
                name: "ViewRoutingProfiles",
                permissions: &["RoutingPolicies.View"],
                note: "",
            },
            SeedMember {
                name: "CreateRoutingProfiles",
                permissions: &["RoutingPolicies.Create", "RoutingPolicies.View"],
                note: "Adds `RoutingPolicies.View`, which the console always selects with \
                    `RoutingPolicies.Create`.",
            },
            SeedMember {
                name: "EditRoutingProfiles",
                permissions: &["RoutingPolicies.Edit", "RoutingPolicies.View"],
                note: "Adds `RoutingPolicies.View`, which the console always selects with \
                    `RoutingPolicies.Edit`.",
            },
            SeedMember {
                name: "ViewHoursOfOperation",
                permissions: &["HoursOfOperation.View"],
                note: "",
            },
            SeedMember {
                name: "CreateHoursOfOperation",
                permissions: &["HoursOfOperation.Create", "HoursOfOperation.View"],
                note: "Adds `HoursOfOperation.View`, which the console always selects with \
                    `HoursOfOperation.Create`.",
            },
            SeedMember {
                name: "EditHoursOfOperation",
                permissions: &["HoursOfOperation.Edit", "HoursOfOperation.View"],
                note: "Adds `HoursOfOperation.View`, which the console always selects with \
                    `HoursOfOperation.Edit`.",
            },
            SeedMember {
                name: "ViewQuickConnects",
                permissions: &["TransferDestinations.View"],
                note: "",
            },
            SeedMember {
                name: "CreateQuickConnects",
                permissions: &["TransferDestinations.Create", "TransferDestinations.View"],
                note: "Adds `TransferDestinations.View`, which the console always selects with \
                    `TransferDestinations.Create`.",
            },
            SeedMember {
                name: "EditQuickConnects",
                permissions: &["TransferDestinations.Edit", "TransferDestinations.View"],
                note: "Adds `TransferDestinations.View`, which the console always selects with \
                    `TransferDestinations.Edit`.",
            },
            SeedMember {
                name: "ViewTaskTemplates",
                permissions: &["TaskTemplates.View"],
                note: "",
            },
            SeedMember {
                name: "EditTaskTemplates",
                permissions: &["TaskTemplates.Edit", "TaskTemplates.View"],
                note: "Adds `TaskTemplates.View`, which the console always selects with \
                    `TaskTemplates.Edit`.",
            },
        ],
    },
    SeedCategory {
        name: "ChannelsAndFlows",
        sections: &[Section::ChannelsAndFlows],
        members: &[
            SeedMember {
                name: "ViewFlows",
                permissions: &["ContactFlows.View"],
                note: "",
            },
            SeedMember {
                name: "CreateFlows",
                permissions: &["ContactFlows.Create", "ContactFlows.View"],
                note: "Adds `ContactFlows.View`, which the console always selects with \
                    `ContactFlows.Create`.",
            },
            SeedMember {
                name: "EditFlows",
                permissions: &["ContactFlows.Edit", "ContactFlows.View"],
                note: "Adds `ContactFlows.View`, which the console always selects with \
                    `ContactFlows.Edit`.",
            },
            SeedMember {
                name: "PublishFlows",
                permissions: &["ContactFlows.Publish", "ContactFlows.View"],
                note: "Adds `ContactFlows.View`, which the console always selects with \
                    `ContactFlows.Publish`.",
            },
            SeedMember {
                name: "ViewFlowModules",
                permissions: &["ContactFlowModules.View"],
                note: "",
            },
            SeedMember {
                name: "CreateFlowModules",
                permissions: &["ContactFlowModules.Create", "ContactFlowModules.View"],
                note: "Adds `ContactFlowModules.View`, which the console always selects with \
                    `ContactFlowModules.Create`.",
            },
            SeedMember {
                name: "EditFlowModules",
                permissions: &["ContactFlowModules.Edit", "ContactFlowModules.View"],
                note: "Adds `ContactFlowModules.View`, which the console always selects with \
                    `ContactFlowModules.Edit`.",
            },
            SeedMember {
                name: "PublishFlowModules",
                permissions: &["ContactFlowModules.Publish", "ContactFlowModules.View"],
                note: "Adds `ContactFlowModules.View`, which the console always selects with \
                    `ContactFlowModules.Publish`.",
            },
            SeedMember {
                name: "ViewPrompts",
                permissions: &["Prompts.View"],
                note: "",
            },
            SeedMember {
                name: "EditPrompts",
                permissions: &["Prompts.Edit", "Prompts.View"],
                note: "Adds `Prompts.View`, which the console always selects with `Prompts.Edit`.",
            },
            SeedMember {
                name: "ViewPhoneNumbers",
                permissions: &["PhoneNumbers.View"],
                note: "",
            },
            SeedMember {
                name: "EditBots",
                permissions: &["Bots.Edit", "Bots.View"],
                note: "The console grants these names with one checkbox (\"Bots - View/Edit\").",
            },
            SeedMember {
                name: "ViewEmailAddresses",
                permissions: &["EmailAddresses.View"],
                note: "",
            },
            SeedMember {
                name: "ChatTestMode",
                permissions: &["ChatTestMode"],
                note: "",
            },
        ],
    },
    SeedCategory {
        name: "UsersAndPermissions",
        sections: &[Section::UsersAndPermissions],
        members: &[
            SeedMember {
                name: "ViewUsers",
                permissions: &["Users.View"],
                note: "",
            },
            SeedMember {
                name: "CreateUsers",
                permissions: &["Users.Create", "Users.View"],
                note: "Adds `Users.View`, which the console always selects with `Users.Create`.",
            },
            SeedMember {
                name: "EditUsers",
                permissions: &["Users.Edit", "Users.View"],
                note: "Adds `Users.View`, which the console always selects with `Users.Edit`.",
            },
            SeedMember {
                name: "DeleteUsers",
                permissions: &["Users.Delete", "Users.View"],
                note: "Adds `Users.View`, which the console always selects with `Users.Delete`.",
            },
            SeedMember {
                name: "EditUserPermissions",
                permissions: &["Users.EditPermission", "Users.View"],
                note: "Assigns security profiles to users. Adds `Users.View`, which the console \
                    always selects with it.",
            },
            SeedMember {
                name: "ViewSecurityProfiles",
                permissions: &["SecurityProfiles.View"],
                note: "",
            },
            SeedMember {
                name: "CreateSecurityProfiles",
                permissions: &["SecurityProfiles.Create", "SecurityProfiles.View"],
                note: "Adds `SecurityProfiles.View`, which the console always selects with \
                    `SecurityProfiles.Create`.",
            },
            SeedMember {
                name: "EditSecurityProfiles",
                permissions: &["SecurityProfiles.Edit", "SecurityProfiles.View"],
                note: "Adds `SecurityProfiles.View`, which the console always selects with \
                    `SecurityProfiles.Edit`.",
            },
            SeedMember {
                name: "DeleteSecurityProfiles",
                permissions: &["SecurityProfiles.Delete", "SecurityProfiles.View"],
                note: "Adds `SecurityProfiles.View`, which the console always selects with \
                    `SecurityProfiles.Delete`.",
            },
            SeedMember {
                name: "ViewAgentHierarchy",
                permissions: &["AgentGrouping.View"],
                note: "",
            },
            SeedMember {
                name: "CreateAgentHierarchy",
                permissions: &["AgentGrouping.Create", "AgentGrouping.View"],
                note: "Adds `AgentGrouping.View`, which the console always selects with \
                    `AgentGrouping.Create`.",
            },
            SeedMember {
                name: "EditAgentHierarchy",
                permissions: &["AgentGrouping.Edit", "AgentGrouping.View"],
                note: "Adds `AgentGrouping.View`, which the console always selects with \
                    `AgentGrouping.Edit`.",
            },
            SeedMember {
                name: "ViewAgentStatus",
                permissions: &["AgentStates.View"],
                note: "",
            },
            SeedMember {
                name: "CreateAgentStatus",
                permissions: &["AgentStates.Create", "AgentStates.View"],
                note: "Adds `AgentStates.View`, which the console always selects with \
                    `AgentStates.Create`.",
            },
            SeedMember {
                name: "EditAgentStatus",
                permissions: &["AgentStates.Edit", "AgentStates.View"],
                note: "Adds `AgentStates.View`, which the console always selects with \
                    `AgentStates.Edit`.",
            },
        ],
    },
    SeedCategory {
        name: "AnalyticsAndOptimization",
        sections: &[Section::AnalyticsAndOptimization],
        members: &[
            SeedMember {
                name: "AccessMetrics",
                permissions: &[
                    "AccessMetrics",
                    "AccessMetrics.AgentActivityAudit.Access",
                    "AccessMetrics.HistoricalMetrics.Access",
                    "AccessMetrics.RealTimeMetrics.Access",
                ],
                note: "Selecting \"Access metrics\" in the console also selects the real-time, \
                    historical and agent activity audit pages.",
            },
            SeedMember {
                name: "RealTimeMetrics",
                permissions: &["AccessMetrics.RealTimeMetrics.Access"],
                note: "",
            },
            SeedMember {
                name: "HistoricalMetrics",
                permissions: &["AccessMetrics.HistoricalMetrics.Access"],
                note: "",
            },
            SeedMember {
                name: "AgentActivityAudit",
                permissions: &["AccessMetrics.AgentActivityAudit.Access"],
                note: "",
            },
            SeedMember {
                name: "Dashboards",
                permissions: &["AccessMetrics.Dashboards.Access"],
                note: "",
            },
            SeedMember {
                name: "ContactSearch",
                permissions: &["ContactSearch.View"],
                note: "",
            },
            SeedMember {
                name: "ContactAttributes",
                permissions: &["ContactAttributes.View"],
                note: "",
            },
            SeedMember {
                name: "ContactLensConversations",
                permissions: &["GraphTrends.View"],
                note: "`GraphTrends.View` is the console's \"Conversational analytics - View\" \
                    (formerly Contact Lens speech analytics); search filters, summaries and \
                    real-time data are separate permissions.",
            },
            SeedMember {
                name: "SearchContactsByKeywords",
                permissions: &[
                    "ContactSearchWithKeywords.Access",
                    "ContactSearchWithKeywords.View",
                ],
                note: "Adds `ContactSearchWithKeywords.View`, which the console always selects \
                    with `ContactSearchWithKeywords.Access`.",
            },
            SeedMember {
                name: "SearchContactsByCharacteristics",
                permissions: &[
                    "ContactSearchWithCharacteristics.Access",
                    "ContactSearchWithCharacteristics.View",
                ],
                note: "Adds `ContactSearchWithCharacteristics.View`, which the console always \
                    selects with `ContactSearchWithCharacteristics.Access`.",
            },
            SeedMember {
                name: "ListenIn",
                permissions: &["ManagerListenIn"],
                note: "",
            },
            SeedMember {
                name: "BargeIn",
                permissions: &["ManagerBargeIn"],
                note: "",
            },
            SeedMember {
                name: "PerformEvaluations",
                permissions: &[
                    "Evaluation.Create",
                    "Evaluation.Delete",
                    "Evaluation.Edit",
                    "Evaluation.View",
                ],
                note: "The console grants these names with one checkbox (\"Evaluation forms - \
                    perform evaluations\").",
            },
            SeedMember {
                name: "ManageEvaluationForms",
                permissions: &[
                    "EvaluationForms.Create",
                    "EvaluationForms.Delete",
                    "EvaluationForms.Edit",
                    "EvaluationForms.View",
                ],
                note: "The console grants these names with one checkbox (\"Evaluation forms - \
                    manage form definitions\").",
            },
            SeedMember {
                name: "ViewSavedReports",
                permissions: &["MetricsReports.View"],
                note: "",
            },
        ],
    },
    SeedCategory {
        name: "RecordingsAndTranscripts",
        sections: &[Section::RecordingsAndTranscripts],
        members: &[
            SeedMember {
                name: "RedactedRecordingsAccess",
                permissions: &[
                    "CallRecordings.Redacted.Access",
                    "ContactTranscripts.Redacted.Access",
                ],
                note: "Recordings and transcripts are separate permissions; together they replace \
                    the legacy `RedactedData.View`.",
            },
            SeedMember {
                name: "UnredactedRecordingsAccess",
                permissions: &[
                    "CallRecordings.Unredacted.Access",
                    "ContactTranscripts.Unredacted.Access",
                ],
                note: "Recordings and transcripts are separate permissions; together they replace \
                    the legacy `ListenCallRecordings`.",
            },
            SeedMember {
                name: "DownloadRedactedRecordings",
                permissions: &["CallRecordings.Redacted.DownloadButton"],
                note: "Only shows the button; it needs `RedactedRecordingsAccess` to do anything.",
            },
            SeedMember {
                name: "DownloadUnredactedRecordings",
                permissions: &[
                    "CallRecordings.Unredacted.DownloadButton",
                    "ContactTranscripts.Unredacted.DownloadButton",
                ],
                note: "The download buttons of unredacted recordings and transcripts; they need \
                    `UnredactedRecordingsAccess`. With `DownloadRedactedRecordings` they replace \
                    the legacy `DownloadCallRecordings`.",
            },
            SeedMember {
                name: "DeleteRecordings",
                permissions: &["DeleteCallRecordings"],
                note: "Deletes call recordings and contact transcripts.",
            },
            SeedMember {
                name: "RedactedScreenRecordings",
                permissions: &["ScreenRecording.Redacted.Access"],
                note: "",
            },
            SeedMember {
                name: "ScreenRecordings",
                permissions: &["ScreenRecording.Access"],
                note: "Without rule-based redaction the video is merged with the unredacted call \
                    audio.",
            },
            SeedMember {
                name: "UnredactedIvrRecordings",
                permissions: &[
                    "AutomatedVoiceInteraction.Recordings.Unredacted.Access",
                    "AutomatedVoiceInteraction.Transcripts.Unredacted.Access",
                ],
                note: "IVR and bot recordings and their transcripts (keypad input, Lex \
                    transcripts) are separate permissions.",
            },
        ],
    },
    SeedCategory {
        name: "CustomerProfiles",
        sections: &[Section::CustomerProfiles],
        members: &[
            SeedMember {
                name: "ViewProfiles",
                permissions: &["CustomerProfiles.View"],
                note: "",
            },
            SeedMember {
                name: "CreateProfiles",
                permissions: &["CustomerProfiles.Create", "CustomerProfiles.View"],
                note: "Adds `CustomerProfiles.View`, which the console always selects with \
                    `CustomerProfiles.Create`.",
            },
            SeedMember {
                name: "EditProfiles",
                permissions: &["CustomerProfiles.Edit", "CustomerProfiles.View"],
                note: "Adds `CustomerProfiles.View`, which the console always selects with \
                    `CustomerProfiles.Edit`.",
            },
            SeedMember {
                name: "ViewCalculatedAttributes",
                permissions: &["CustomerProfiles.CalculatedAttributes.View"],
                note: "",
            },
            SeedMember {
                name: "CreateCalculatedAttributes",
                permissions: &[
                    "CustomerProfiles.CalculatedAttributes.Create",
                    "CustomerProfiles.CalculatedAttributes.View",
                ],
                note: "Adds `CustomerProfiles.CalculatedAttributes.View`, which the console always \
                    selects with `CustomerProfiles.CalculatedAttributes.Create`.",
            },
            SeedMember {
                name: "EditCalculatedAttributes",
                permissions: &[
                    "CustomerProfiles.CalculatedAttributes.Edit",
                    "CustomerProfiles.CalculatedAttributes.View",
                ],
                note: "Adds `CustomerProfiles.CalculatedAttributes.View`, which the console always \
                    selects with `CustomerProfiles.CalculatedAttributes.Edit`.",
            },
            SeedMember {
                name: "ViewSegments",
                permissions: &["CustomerProfiles.Segments.View"],
                note: "",
            },
            SeedMember {
                name: "CreateSegments",
                permissions: &[
                    "CustomerProfiles.Segments.Create",
                    "CustomerProfiles.Segments.View",
                ],
                note: "Adds `CustomerProfiles.Segments.View`, which the console always selects \
                    with `CustomerProfiles.Segments.Create`.",
            },
            SeedMember {
                name: "ExportSegments",
                permissions: &[
                    "CustomerProfiles.Segments.Export",
                    "CustomerProfiles.Segments.View",
                ],
                note: "Adds `CustomerProfiles.Segments.View`, which the console always selects \
                    with `CustomerProfiles.Segments.Export`.",
            },
            SeedMember {
                name: "ViewProfileExplorer",
                permissions: &["CustomerProfiles.ProfileExplorer.View"],
                note: "",
            },
        ],
    },
    SeedCategory {
        name: "Cases",
        sections: &[Section::Cases],
        members: &[
            SeedMember {
                name: "ViewCases",
                permissions: &["Cases.View"],
                note: "",
            },
            SeedMember {
                name: "CreateCases",
                permissions: &["Cases.Create", "Cases.View"],
                note: "Adds `Cases.View`, which the console always selects with `Cases.Create`.",
            },
            SeedMember {
                name: "EditCases",
                permissions: &["Cases.Edit", "Cases.View"],
                note: "Adds `Cases.View`, which the console always selects with `Cases.Edit`.",
            },
            SeedMember {
                name: "DeleteCases",
                permissions: &["Cases.Delete", "Cases.View"],
                note: "Adds `Cases.View`, which the console always selects with `Cases.Delete`.",
            },
            SeedMember {
                name: "DeleteMyCases",
                permissions: &["MyCases.Delete"],
                note: "",
            },
            SeedMember {
                name: "ViewCaseHistory",
                permissions: &["CaseHistory.View"],
                note: "",
            },
            SeedMember {
                name: "ViewCaseFields",
                permissions: &["CaseFields.View"],
                note: "",
            },
            SeedMember {
                name: "CreateCaseFields",
                permissions: &["CaseFields.Create", "CaseFields.View"],
                note: "Adds `CaseFields.View`, which the console always selects with \
                    `CaseFields.Create`.",
            },
            SeedMember {
                name: "EditCaseFields",
                permissions: &["CaseFields.Edit", "CaseFields.View"],
                note: "Adds `CaseFields.View`, which the console always selects with \
                    `CaseFields.Edit`.",
            },
            SeedMember {
                name: "ViewCaseTemplates",
                permissions: &["CaseTemplates.View"],
                note: "",
            },
            SeedMember {
                name: "CreateCaseTemplates",
                permissions: &["CaseTemplates.Create", "CaseTemplates.View"],
                note: "Adds `CaseTemplates.View`, which the console always selects with \
                    `CaseTemplates.Create`.",
            },
            SeedMember {
                name: "EditCaseTemplates",
                permissions: &["CaseTemplates.Edit", "CaseTemplates.View"],
                note: "Adds `CaseTemplates.View`, which the console always selects with \
                    `CaseTemplates.Edit`.",
            },
        ],
    },
    SeedCategory {
        name: "Scheduling",
        sections: &[Section::Scheduling],
        members: &[
            SeedMember {
                name: "ViewScheduleManager",
                permissions: &["Scheduling.View"],
                note: "",
            },
            SeedMember {
                name: "EditScheduleManager",
                permissions: &["Scheduling.Edit", "Scheduling.View"],
                note: "Adds `Scheduling.View`, which the console always selects with \
                    `Scheduling.Edit`.",
            },
            SeedMember {
                name: "PublishSchedules",
                permissions: &["Scheduling.Publish", "Scheduling.View"],
                note: "Adds `Scheduling.View`, which the console always selects with \
                    `Scheduling.Publish`.",
            },
            SeedMember {
                name: "ViewTimeOffRequests",
                permissions: &["TimeOff.View"],
                note: "",
            },
            SeedMember {
                name: "EditTimeOffRequests",
                permissions: &["TimeOff.Edit", "TimeOff.View"],
                note: "Adds `TimeOff.View`, which the console always selects with `TimeOff.Edit`.",
            },
            SeedMember {
                name: "ApproveTimeOffRequests",
                permissions: &["TimeOff.Approve", "TimeOff.View"],
                note: "Adds `TimeOff.View`, which the console always selects with \
                    `TimeOff.Approve`.",
            },
            SeedMember {
                name: "ViewTimeOffBalance",
                permissions: &["TimeOffBalance.View"],
                note: "",
            },
            SeedMember {
                name: "EditTimeOffBalance",
                permissions: &["TimeOffBalance.Edit", "TimeOffBalance.View"],
                note: "Adds `TimeOffBalance.View`, which the console always selects with \
                    `TimeOffBalance.Edit`.",
            },
            SeedMember {
                name: "ViewTeamCalendar",
                permissions: &["TeamCalendar.View"],
                note: "",
            },
            SeedMember {
                name: "EditTeamCalendar",
                permissions: &["TeamCalendar.Edit", "TeamCalendar.View"],
                note: "Adds `TeamCalendar.View`, which the console always selects with \
                    `TeamCalendar.Edit`.",
            },
        ],
    },
    SeedCategory {
        name: "AmazonQ",
        sections: &[Section::AmazonQ],
        members: &[
            SeedMember {
                name: "ViewAiAgents",
                permissions: &["QConnectAIAgents.View"],
                note: "",
            },
            SeedMember {
                name: "CreateAiAgents",
                permissions: &["QConnectAIAgents.Create", "QConnectAIAgents.View"],
                note: "Adds `QConnectAIAgents.View`, which the console always selects with \
                    `QConnectAIAgents.Create`.",
            },
            SeedMember {
                name: "EditAiAgents",
                permissions: &["QConnectAIAgents.Edit", "QConnectAIAgents.View"],
                note: "Adds `QConnectAIAgents.View`, which the console always selects with \
                    `QConnectAIAgents.Edit`.",
            },
            SeedMember {
                name: "DeleteAiAgents",
                permissions: &["QConnectAIAgents.Delete", "QConnectAIAgents.View"],
                note: "Adds `QConnectAIAgents.View`, which the console always selects with \
                    `QConnectAIAgents.Delete`.",
            },
            SeedMember {
                name: "ViewAiPrompts",
                permissions: &["QConnectAIPrompts.View"],
                note: "",
            },
            SeedMember {
                name: "CreateAiPrompts",
                permissions: &["QConnectAIPrompts.Create", "QConnectAIPrompts.View"],
                note: "Adds `QConnectAIPrompts.View`, which the console always selects with \
                    `QConnectAIPrompts.Create`.",
            },
            SeedMember {
                name: "EditAiPrompts",
                permissions: &["QConnectAIPrompts.Edit", "QConnectAIPrompts.View"],
                note: "Adds `QConnectAIPrompts.View`, which the console always selects with \
                    `QConnectAIPrompts.Edit`.",
            },
            SeedMember {
                name: "DeleteAiPrompts",
                permissions: &["QConnectAIPrompts.Delete", "QConnectAIPrompts.View"],
                note: "Adds `QConnectAIPrompts.View`, which the console always selects with \
                    `QConnectAIPrompts.Delete`.",
            },
            SeedMember {
                name: "ViewAiGuardrails",
                permissions: &["QConnectGuardrails.View"],
                note: "",
            },
            SeedMember {
                name: "CreateAiGuardrails",
                permissions: &["QConnectGuardrails.Create", "QConnectGuardrails.View"],
                note: "Adds `QConnectGuardrails.View`, which the console always selects with \
                    `QConnectGuardrails.Create`.",
            },
            SeedMember {
                name: "EditAiGuardrails",
                permissions: &["QConnectGuardrails.Edit", "QConnectGuardrails.View"],
                note: "Adds `QConnectGuardrails.View`, which the console always selects with \
                    `QConnectGuardrails.Edit`.",
            },
            SeedMember {
                name: "DeleteAiGuardrails",
                permissions: &["QConnectGuardrails.Delete", "QConnectGuardrails.View"],
                note: "Adds `QConnectGuardrails.View`, which the console always selects with \
                    `QConnectGuardrails.Delete`.",
            },
        ],
    },
    SeedCategory {
        name: "HistoricalChanges",
        sections: &[Section::HistoricalChanges],
        members: &[SeedMember {
            name: "ViewHistoricalChanges",
            permissions: &["HistoricalChanges.View"],
            note: "",
        }],
    },
    SeedCategory {
        name: "AgentApplications",
        sections: &[Section::AgentApplications],
        members: &[
            SeedMember {
                name: "AgentAssist",
                permissions: &["Wisdom.View"],
                note: "",
            },
            SeedMember {
                name: "CustomViews",
                permissions: &["CustomViews.Access"],
                note: "",
            },
            SeedMember {
                name: "PerformanceMetrics",
                permissions: &["Analytics.PerformanceMetrics.Access"],
                note: "",
            },
            SeedMember {
                name: "ViewScheduleCalendar",
                permissions: &["StaffCalendar.View"],
                note: "",
            },
            SeedMember {
                name: "EditScheduleCalendar",
                permissions: &["StaffCalendar.Edit", "StaffCalendar.View"],
                note: "The console grants these names with one checkbox (\"Agent application \
                    schedule calendar\"); `Edit` is needed for the time-off widget.",
            },
        ],
    },
    SeedCategory {
        name: "ContentManagement",
        sections: &[Section::ContentManagement],
        members: &[
            SeedMember {
                name: "ViewQuickResponses",
                permissions: &["ContentManagement.View"],
                note: "",
            },
            SeedMember {
                name: "CreateQuickResponses",
                permissions: &["ContentManagement.Create", "ContentManagement.View"],
                note: "Adds `ContentManagement.View`, which the console always selects with \
                    `ContentManagement.Create`.",
            },
            SeedMember {
                name: "EditQuickResponses",
                permissions: &["ContentManagement.Edit", "ContentManagement.View"],
                note: "Adds `ContentManagement.View`, which the console always selects with \
                    `ContentManagement.Edit`.",
            },
            SeedMember {
                name: "DeleteQuickResponses",
                permissions: &["ContentManagement.Delete", "ContentManagement.View"],
                note: "Adds `ContentManagement.View`, which the console always selects with \
                    `ContentManagement.Delete`.",
            },
            SeedMember {
                name: "ViewMessageTemplates",
                permissions: &["ContentManagement.MessageTemplates.View"],
                note: "",
            },
            SeedMember {
                name: "CreateMessageTemplates",
                permissions: &[
                    "ContentManagement.MessageTemplates.Create",
                    "ContentManagement.MessageTemplates.View",
                ],
                note: "Adds `ContentManagement.MessageTemplates.View`, which the console always \
                    selects with `ContentManagement.MessageTemplates.Create`.",
            },
            SeedMember {
                name: "EditMessageTemplates",
                permissions: &[
                    "ContentManagement.MessageTemplates.Edit",
                    "ContentManagement.MessageTemplates.View",
                ],
                note: "Adds `ContentManagement.MessageTemplates.View`, which the console always \
                    selects with `ContentManagement.MessageTemplates.Edit`.",
            },
            SeedMember {
                name: "DeleteMessageTemplates",
                permissions: &[
                    "ContentManagement.MessageTemplates.Delete",
                    "ContentManagement.MessageTemplates.View",
                ],
                note: "Adds `ContentManagement.MessageTemplates.View`, which the console always \
                    selects with `ContentManagement.MessageTemplates.Delete`.",
            },
        ],
    },
    SeedCategory {
        name: "OutboundCampaigns",
        sections: &[Section::OutboundCampaigns],
        members: &[
            SeedMember {
                name: "ViewCampaigns",
                permissions: &["Campaigns.View"],
                note: "",
            },
            SeedMember {
                name: "CreateCampaigns",
                permissions: &["Campaigns.Create", "Campaigns.View"],
                note: "Adds `Campaigns.View`, which the console always selects with \
                    `Campaigns.Create`.",
            },
            SeedMember {
                name: "EditCampaigns",
                permissions: &["Campaigns.Edit", "Campaigns.View"],
                note: "Adds `Campaigns.View`, which the console always selects with \
                    `Campaigns.Edit`.",
            },
            SeedMember {
                name: "ManageCampaigns",
                permissions: &["Campaigns.Manage", "Campaigns.View"],
                note: "Start, pause and stop campaigns. Adds `Campaigns.View`, which the console \
                    always selects with it.",
            },
            SeedMember {
                name: "DeleteCampaigns",
                permissions: &["Campaigns.Delete", "Campaigns.View"],
                note: "Adds `Campaigns.View`, which the console always selects with \
                    `Campaigns.Delete`.",
            },
        ],
    },
];

/// The permissions that grant nothing on their own: they take access away when granted.
pub const RESTRICTIVE: [&str; 3] = [
    "RestrictContactAccessByHierarchy.View",
    "RestrictPhoneTypeSettings.Access",
    "RestrictTaskCreation.Access",
];

/// What `Category::All` grants: every documented, non-legacy permission of the category's
/// sections, in catalog order, except the [`RESTRICTIVE`] ones and Voice ID (end of support
/// on 2026-05-20), the same rule as the `Admin` preset.
pub fn all_of(category: &SeedCategory) -> impl Iterator<Item = &'static PermissionInfo> + use<> {
    let sections = category.sections;
    PERMISSIONS.iter().filter(move |p| {
        sections.contains(&p.section)
            && !p.status.is_undocumented()
            && !p.status.is_legacy()
            && !RESTRICTIVE.contains(&p.api)
            && !p.api.starts_with("VoiceId")
    })
}

/// Finds a seed category by its exact, case-sensitive name (`Routing`).
pub fn category(name: &str) -> Option<&'static SeedCategory> {
    SEED_CATEGORIES.iter().find(|c| c.name == name)
}

impl SeedCategory {
    /// Finds a member of this category by its exact, case-sensitive name (`EditQueues`).
    pub fn member(&self, name: &str) -> Option<&'static SeedMember> {
        self.members.iter().find(|m| m.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog;
    use crate::list_checks::assert_valid_list;

    const CATEGORIES: [&str; 15] = [
        "ContactControlPanel",
        "ContactActions",
        "Routing",
        "ChannelsAndFlows",
        "UsersAndPermissions",
        "AnalyticsAndOptimization",
        "RecordingsAndTranscripts",
        "CustomerProfiles",
        "Cases",
        "Scheduling",
        "AmazonQ",
        "HistoricalChanges",
        "AgentApplications",
        "ContentManagement",
        "OutboundCampaigns",
    ];

    /// Every `Category.Member` the seed document uses, in its code samples, its category table
    /// and its security-considerations table.
    const USED_BY_THE_SEED: &[(&str, &str)] = &[
        ("ContactControlPanel", "BasicAgentAccess"),
        ("ContactControlPanel", "OutboundCallAccess"),
        ("ContactControlPanel", "VideoCallAccess"),
        ("ContactControlPanel", "InitiateOutboundEmail"),
        ("ContactActions", "TransferContact"),
        ("ContactActions", "EndContact"),
        ("Routing", "ViewQueues"),
        ("Routing", "EditQueues"),
        ("Routing", "ViewRoutingProfiles"),
        ("ChannelsAndFlows", "ViewFlows"),
        ("ChannelsAndFlows", "EditFlows"),
        ("ChannelsAndFlows", "PublishFlows"),
        ("UsersAndPermissions", "ViewUsers"),
        ("UsersAndPermissions", "EditUsers"),
        ("UsersAndPermissions", "DeleteUsers"),
        ("UsersAndPermissions", "ViewSecurityProfiles"),
        ("UsersAndPermissions", "EditSecurityProfiles"),
        ("UsersAndPermissions", "ViewAgentHierarchy"),
        ("AnalyticsAndOptimization", "AccessMetrics"),
        ("AnalyticsAndOptimization", "RealTimeMetrics"),
        ("AnalyticsAndOptimization", "ContactSearch"),
        ("AnalyticsAndOptimization", "ContactLensConversations"),
        ("RecordingsAndTranscripts", "RedactedRecordingsAccess"),
        ("RecordingsAndTranscripts", "UnredactedRecordingsAccess"),
        ("CustomerProfiles", "ViewProfiles"),
        ("CustomerProfiles", "EditProfiles"),
        ("Cases", "ViewCases"),
        ("Cases", "CreateCases"),
        ("Cases", "EditCases"),
        ("Scheduling", "ViewScheduleManager"),
        ("Scheduling", "EditTimeOffRequests"),
        ("AmazonQ", "ViewAiAgents"),
        ("AmazonQ", "EditAiPrompts"),
        ("HistoricalChanges", "ViewHistoricalChanges"),
    ];

    fn permissions(category_name: &str, member_name: &str) -> &'static [&'static str] {
        category(category_name)
            .and_then(|c| c.member(member_name))
            .unwrap_or_else(|| panic!("no {category_name}::{member_name}"))
            .permissions
    }

    #[test]
    fn categories_are_the_seeds_in_order_and_named_after_their_section() {
        let names: Vec<_> = SEED_CATEGORIES.iter().map(|c| c.name).collect();
        assert_eq!(names, CATEGORIES);
        for c in SEED_CATEGORIES {
            assert_eq!(c.sections.len(), 1, "{}", c.name);
            assert_eq!(c.sections[0].ident(), c.name);
        }
    }

    #[test]
    fn every_name_the_seed_uses_exists() {
        for (c, m) in USED_BY_THE_SEED {
            assert!(!permissions(c, m).is_empty());
        }
    }

    #[test]
    fn lookups_are_exact() {
        assert!(category("routing").is_none());
        assert!(category("Permissions.Routing").is_none());
        let routing = category("Routing").unwrap();
        assert_eq!(
            routing.member("EditQueues").map(|m| m.name),
            Some("EditQueues")
        );
        assert!(routing.member("editQueues").is_none());
        assert!(
            routing.member("All").is_none(),
            "`All` is a category operation, not a member"
        );
        assert!(routing.member("ViewFlows").is_none());
    }

    #[test]
    fn member_names_are_unique_and_categories_sensibly_sized() {
        for c in SEED_CATEGORIES {
            assert!((1..=16).contains(&c.members.len()), "{}", c.name);
            for (i, m) in c.members.iter().enumerate() {
                assert!(
                    c.members[..i].iter().all(|o| o.name != m.name),
                    "{}::{} twice",
                    c.name,
                    m.name
                );
            }
        }
    }

    #[test]
    fn every_mapping_is_valid() {
        for c in SEED_CATEGORIES {
            for m in c.members {
                let at = format!("{}::{}", c.name, m.name);
                assert_valid_list(&at, m.permissions);
                for api in m.permissions {
                    let section = catalog::lookup(api).map(|p| p.section);
                    assert!(
                        section.is_some_and(|s| c.sections.contains(&s)),
                        "{at}: {api} outside"
                    );
                }
                if m.permissions.len() > 1 {
                    assert!(!m.note.is_empty(), "{at} needs a note");
                }
                assert!(!m.note.contains('\n'), "{at}");
            }
        }
    }

    #[test]
    fn spot_checks() {
        assert_eq!(
            permissions("ContactActions", "EndContact"),
            ["StopContact.Enabled"]
        );
        assert_eq!(
            permissions("ContactActions", "TransferContact"),
            ["TransferContact.Enabled"]
        );
        assert_eq!(
            permissions("RecordingsAndTranscripts", "UnredactedRecordingsAccess"),
            [
                "CallRecordings.Unredacted.Access",
                "ContactTranscripts.Unredacted.Access",
            ]
        );
        assert_eq!(
            permissions("ContactControlPanel", "VideoCallAccess"),
            ["VideoContact.Access"]
        );
        assert_eq!(
            permissions("ContactControlPanel", "InitiateOutboundEmail"),
            ["OutboundEmail.Create"]
        );
        assert_eq!(
            permissions("Routing", "EditQueues"),
            ["Queues.Edit", "Queues.View"]
        );
        assert_eq!(
            permissions("Routing", "ViewRoutingProfiles"),
            ["RoutingPolicies.View"]
        );
        assert_eq!(
            permissions("AnalyticsAndOptimization", "ContactLensConversations"),
            ["GraphTrends.View"]
        );
        assert_eq!(
            permissions("UsersAndPermissions", "ViewAgentHierarchy"),
            ["AgentGrouping.View"]
        );
        assert_eq!(
            permissions("ChannelsAndFlows", "EditBots"),
            ["Bots.Edit", "Bots.View"]
        );
        assert_eq!(
            permissions("HistoricalChanges", "ViewHistoricalChanges"),
            ["HistoricalChanges.View"]
        );
        assert_eq!(
            permissions("AmazonQ", "EditAiPrompts"),
            ["QConnectAIPrompts.Edit", "QConnectAIPrompts.View"]
        );
        assert_eq!(
            permissions("CustomerProfiles", "ViewProfiles"),
            ["CustomerProfiles.View"]
        );
        assert_eq!(
            permissions("Scheduling", "EditTimeOffRequests"),
            ["TimeOff.Edit", "TimeOff.View"]
        );
        let ccp = category("ContactControlPanel").unwrap();
        assert!(ccp.member("VideoCallAccess").unwrap().note.is_empty());
        let actions = category("ContactActions").unwrap();
        assert!(
            actions
                .member("EndContact")
                .unwrap()
                .note
                .contains("StopContact")
        );
    }

    #[test]
    fn all_grants_the_documented_permissions_of_the_sections() {
        let apis =
            |name: &str| -> Vec<&str> { all_of(category(name).unwrap()).map(|p| p.api).collect() };
        let routing = apis("Routing");
        assert!(routing.contains(&"Queues.View") && routing.contains(&"TaskTemplates.Delete"));
        assert!(!routing.contains(&"Queues.Delete"), "undocumented");
        assert!(!routing.contains(&"ContactFlows.View"), "another section");
        let ccp = apis("ContactControlPanel");
        assert!(ccp.contains(&"BasicAgentAccess"));
        for excluded in ["RestrictTaskCreation.Access", "VoiceId.Access"] {
            assert!(!ccp.contains(&excluded), "{excluded}");
        }
        assert!(!apis("RecordingsAndTranscripts").contains(&"ListenCallRecordings"));
        for c in SEED_CATEGORIES {
            let all = apis(c.name);
            assert!(!all.is_empty(), "{}", c.name);
            for m in c.members {
                for api in m.permissions.iter().filter(|p| !RESTRICTIVE.contains(p)) {
                    assert!(all.contains(api), "{}::All lacks {api}", c.name);
                }
            }
        }
    }
}
