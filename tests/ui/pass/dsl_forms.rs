// Every form the DSL accepts: attributes and doc comments, visibilities, fields in any order,
// permissions as paths, strings, seed names, `Category::All` and `unchecked`, trailing commas
// or none, restrictions on `unchecked` resource types.
use switchboard::security_profile;

security_profile! {
    /// Doc comments carry over.
    #[allow(dead_code)]
    const PRIVATE = {
        sensitive: "Edits users of the team",
        permissions: [
            Users.Edit,
            "Queues.View",
            UsersAndPermissions::ViewUsers,
            unchecked("NewFeature.View"),
            BasicAgentAccess,
        ],
        name: "Private Profile_1@team-a",
        restrict hierarchy: [User],
        hierarchy group: "3f2b9c1e-0000-4c1a-9d2e-7a6b5c4d3e2f",
        description: "",
    };

    pub(crate) const ALL_ROUTING = {
        name: "AllRouting",
        permissions: [Routing::All],
        restrict tags: { "Department": "Sales", "Site": "Lisbon" } on [Queue, RoutingProfile, unchecked("ContactFlow")],
        tags: { "Role": "Router", "Team": "" }
    };

    pub const SEED_NAMES = {
        name: "SeedNames",
        permissions: [
            ContactControlPanel::OutboundCallAccess,
            AnalyticsAndOptimization::ContactSearch,
            RecordingsAndTranscripts::UnredactedRecordingsAccess,
        ],
        sensitive: "Listens to unredacted calls",
    }
    ;
}

fn main() {
    let names = |p: &switchboard::SecurityProfile| -> Vec<String> {
        p.permissions().iter().map(|p| p.to_string()).collect()
    };
    assert_eq!(PRIVATE.name(), "Private Profile_1@team-a");
    assert_eq!(PRIVATE.description(), Some(""));
    assert_eq!(
        names(&PRIVATE),
        ["BasicAgentAccess", "NewFeature.View", "Queues.View", "Users.Edit", "Users.View"]
    );
    assert!(PRIVATE.implied_permissions().is_empty());
    assert_eq!(PRIVATE.hierarchy_restricted_resources(), ["User"]);
    assert_eq!(PRIVATE.sensitive_reason(), Some("Edits users of the team"));

    assert!(ALL_ROUTING.has_permission("Queues.Create"));
    assert!(ALL_ROUTING.has_permission("RoutingPolicies.Edit"));
    assert!(ALL_ROUTING.has_permission("HoursOfOperation.View"));
    assert_eq!(
        ALL_ROUTING.tag_restricted_resources(),
        ["Queue", "RoutingProfile", "ContactFlow"]
    );
    let all_routing = ALL_ROUTING;
    let tags: Vec<(&str, &str)> = all_routing
        .access_control_tags()
        .iter()
        .map(|t| (t.key.as_ref(), t.value.as_ref()))
        .collect();
    assert_eq!(tags, [("Department", "Sales"), ("Site", "Lisbon")]);
    assert_eq!(ALL_ROUTING.tags()[1].value, "");

    assert!(SEED_NAMES.has_permission("OutboundCallAccess"));
    assert!(SEED_NAMES.has_permission("ContactSearch.View"));
    assert!(SEED_NAMES.has_permission("CallRecordings.Unredacted.Access"));
}
