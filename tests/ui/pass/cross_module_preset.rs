// A preset defined with `preset!` in one module, used by path from others; presets that
// combine presets; the 500 count sees the custom preset's permissions exactly.
use switchboard::SecurityProfile;

mod presets {
    use switchboard::preset;

    preset! {
        /// Agents that may also search contacts.
        pub SEARCHING_AGENT = {
            preset: Agent,
            permissions: [ContactSearch.View],
        };
    }
}

mod composed {
    use switchboard::preset;

    preset! {
        /// A preset made of a built-in preset, a preset defined elsewhere, a group and a
        /// permission; `without` applies to the union.
        pub(crate) LEAD_AGENT = {
            preset: [Supervisor, crate::presets::SEARCHING_AGENT],
            groups: [CaseManagement],
            permissions: [Queues.Edit],
            without: [ManagerBargeIn],
        };
    }
}

mod profiles {
    use switchboard::security_profile;

    security_profile! {
        pub const SEARCHER = {
            name: "Searcher",
            preset: crate::presets::SEARCHING_AGENT,
        };

        pub const LEAD = {
            name: "Lead",
            preset: [crate::composed::LEAD_AGENT, QualityAnalyst],
            without: [Evaluation.Delete],
        };
    }

    // A path with `super` and a leading `::`-free relative path both work.
    security_profile! {
        pub const VIA_SUPER = {
            name: "ViaSuper",
            preset: super::presets::SEARCHING_AGENT,
        };
    }
}

fn names(profile: &SecurityProfile) -> Vec<&str> {
    profile.permissions().iter().map(|p| p.as_ref()).collect()
}

fn main() {
    assert_eq!(
        names(&profiles::SEARCHER),
        [
            "BasicAgentAccess",
            "ContactSearch.View",
            "StopContact.Enabled",
            "TransferContact.Enabled",
            "TransferDestinations.View",
        ]
    );
    assert_eq!(profiles::VIA_SUPER.permissions(), profiles::SEARCHER.permissions());
    assert_eq!(
        presets::SEARCHING_AGENT.permissions().collect::<Vec<_>>(),
        names(&profiles::SEARCHER)
    );

    // Supervisor + SEARCHING_AGENT + CaseManagement + Queues.Edit (+ the implied
    // Queues.View) - ManagerBargeIn.
    let lead_agent = [
        "AccessMetrics.AgentActivityAudit.Access",
        "AccessMetrics.RealTimeMetrics.Access",
        "AgentGrouping.View",
        "AgentStates.View",
        "BasicAgentAccess",
        "CaseHistory.View",
        "Cases.Create",
        "Cases.Edit",
        "Cases.View",
        "ContactSearch.View",
        "CustomerProfiles.View",
        "ManagerListenIn",
        "Queues.Edit",
        "Queues.View",
        "StopContact.Enabled",
        "TransferContact.Enabled",
        "TransferDestinations.View",
    ];
    assert_eq!(
        composed::LEAD_AGENT.permissions().collect::<Vec<_>>(),
        lead_agent
    );

    // LEAD_AGENT + QualityAnalyst - Evaluation.Delete.
    let mut lead: Vec<&str> = lead_agent.to_vec();
    lead.extend([
        "AccessMetrics",
        "AccessMetrics.HistoricalMetrics.Access",
        "AgentTimeCard.View",
        "CallRecordings.Redacted.Access",
        "ContactAttributes.View",
        "ContactLensPostContactSummary.View",
        "ContactSearchSampleContacts.View",
        "ContactSearchWithCharacteristics.Access",
        "ContactSearchWithCharacteristics.View",
        "ContactSearchWithKeywords.Access",
        "ContactSearchWithKeywords.View",
        "ContactTranscripts.Redacted.Access",
        "Evaluation.Create",
        "Evaluation.Edit",
        "Evaluation.View",
        "GraphTrends.View",
        "ScreenRecording.Redacted.Access",
    ]);
    lead.sort();
    assert_eq!(names(&profiles::LEAD), lead);
    assert!(profiles::LEAD.implied_permissions().is_empty());
}
