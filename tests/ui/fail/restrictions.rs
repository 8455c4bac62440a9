// TooManyRestrictedResources, DuplicateRestrictedResource, HierarchyRestrictionResource,
// TagRestrictionIncomplete.
use switchboard::security_profile;

security_profile! {
    pub const TOO_MANY = {
        name: "TooManyRestricted",
        preset: CallCenterManager,
        restrict tags: { "Department": "Sales" } on [
            User, SecurityProfile, Queue, RoutingProfile,
            unchecked("ContactFlow"), unchecked("HoursOfOperation"), unchecked("Prompt"),
            unchecked("QuickConnect"), unchecked("TaskTemplate"), unchecked("AgentStatus"),
            unchecked("PhoneNumber"),
        ],
        sensitive: "Managers edit users",
    };

    pub const TWICE = {
        name: "RestrictedTwice",
        preset: CallCenterManager,
        restrict tags: { "Department": "Sales" } on [Queue, Queue],
        sensitive: "Managers edit users",
    };

    pub const HIERARCHY = {
        name: "Hierarchy",
        preset: CallCenterManager,
        restrict hierarchy: [User, Queue, Users, Widget, unchecked("Queue")],
        hierarchy group: "3f2b9c1e-0000-4c1a-9d2e-7a6b5c4d3e2f",
        sensitive: "Managers edit users",
    };

    pub const NO_TAGS = {
        name: "NoTags",
        preset: CallCenterManager,
        restrict tags: {} on [Queue],
        sensitive: "Managers edit users",
    };

    pub const NO_RESOURCES = {
        name: "NoResources",
        preset: CallCenterManager,
        restrict tags: { "Department": "Sales" } on [],
        sensitive: "Managers edit users",
    };
}

fn main() {}
