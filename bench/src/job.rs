//! The synthesis job: N profiles of exactly 40 permissions each, with tags and tag
//! restrictions, 100 per stack. Both switchboard (`synth-example`), the serde_json floor and
//! the AWS CDK app (`cdk-app/app.js`) do this same job from the same `job-N.json`.

use serde::{Deserialize, Serialize};
use switchboard::{BuildError, SecurityProfile};
use switchboard_core::catalog::{self, Tier};
use switchboard_core::rules;
use switchboard_core::spec::{
    FieldPath, Located, PermissionItem, ProfileSpec, ResourceItem, TagRestriction, TagSpec,
};

use crate::generate::{self, REASONS, TAG_KEYS, TAG_RESOURCES, TAG_VALUES};
use crate::rng::Rng;

/// Permissions per profile, as in the CDK measurement of `reference/deploy.md`.
pub const PERMISSIONS_PER_PROFILE: usize = 40;

/// Profiles per stack (and per Connect instance).
pub const PROFILES_PER_STACK: usize = 100;

/// The whole job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Job {
    /// The stacks, each for one Connect instance.
    pub stacks: Vec<StackJob>,
}

/// One stack: one instance and its profiles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StackJob {
    /// The stack's name (`Profiles001`).
    pub name: String,
    /// The instance's ARN.
    pub instance_arn: String,
    /// Its profiles.
    pub profiles: Vec<JobProfile>,
}

/// One profile, with its final values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobProfile {
    /// `SecurityProfileName`.
    pub name: String,
    /// `Description`.
    pub description: String,
    /// `Permissions`: 40 API names, sorted, closed under implied Views.
    pub permissions: Vec<String>,
    /// `Tags`, in order.
    pub tags: Vec<(String, String)>,
    /// `AllowedAccessControlTags`, in order.
    pub access_control_tags: Vec<(String, String)>,
    /// `TagRestrictedResources`.
    pub tag_restricted_resources: Vec<String>,
    /// The reason for sensitive permissions, when the profile holds any.
    pub sensitive_reason: Option<String>,
    /// The sensitive permissions it holds, sorted (what switchboard records in `Metadata`;
    /// here so the floor and the CDK app write the same without a catalog).
    pub sensitive_permissions: Vec<String>,
}

impl JobProfile {
    /// The profile built at run time with [`SecurityProfile::builder`]: every rule checked.
    pub fn build(&self) -> Result<SecurityProfile, BuildError> {
        let mut b = SecurityProfile::builder(&self.name)
            .description(&self.description)
            .permissions(&self.permissions)
            .restrict_tags(
                self.access_control_tags.iter().cloned(),
                self.tag_restricted_resources.iter().cloned(),
            );
        for (k, v) in &self.tags {
            b = b.tag(k, v);
        }
        if let Some(reason) = &self.sensitive_reason {
            b = b.sensitive(reason);
        }
        b.build()
    }
}

impl Job {
    /// Every profile, in order.
    pub fn profiles(&self) -> impl Iterator<Item = &JobProfile> {
        self.stacks.iter().flat_map(|s| &s.profiles)
    }
}

fn tag_specs(pairs: &[(String, String)], field: &'static str) -> Vec<TagSpec<FieldPath>> {
    pairs
        .iter()
        .enumerate()
        .map(|(i, (k, v))| TagSpec {
            key: Located::new(k.clone(), FieldPath::item(field, i)),
            value: Located::new(v.clone(), FieldPath::item(field, i)),
        })
        .collect()
}

/// The profile as the DSL would hand it to the rules.
pub fn spec<T: AsRef<str>>(
    name: &str,
    description: &str,
    permissions: &[T],
    access_control_tags: &[(String, String)],
    restricted: &[T],
    tags: &[(String, String)],
    sensitive: Option<&str>,
) -> ProfileSpec<FieldPath> {
    ProfileSpec {
        name: Some(Located::new(name.to_owned(), FieldPath::field("name"))),
        description: Some(Located::new(
            description.to_owned(),
            FieldPath::field("description"),
        )),
        permissions: permissions
            .iter()
            .enumerate()
            .map(|(k, p)| {
                PermissionItem::Api(Located::new(
                    p.as_ref().to_owned(),
                    FieldPath::item("permissions", k),
                ))
            })
            .collect(),
        restrict_tags: Some(TagRestriction {
            tags: tag_specs(access_control_tags, "restrict tags"),
            resources: restricted
                .iter()
                .enumerate()
                .map(|(k, r)| {
                    ResourceItem::Known(Located::new(
                        r.as_ref().to_owned(),
                        FieldPath::item("restrict tags on", k),
                    ))
                })
                .collect(),
            at: FieldPath::field("restrict tags"),
        }),
        tags: tag_specs(tags, "tags"),
        sensitive: sensitive.map(|r| Located::new(r.to_owned(), FieldPath::field("sensitive"))),
        ..ProfileSpec::default()
    }
}

impl JobProfile {
    /// The profile as the DSL would hand it to the rules.
    pub fn spec(&self) -> ProfileSpec<FieldPath> {
        spec(
            &self.name,
            &self.description,
            &self.permissions,
            &self.access_control_tags,
            &self.tag_restricted_resources,
            &self.tags,
            self.sensitive_reason.as_deref(),
        )
    }
}

/// Adds `api` and the View it implies, if both fit.
fn add_closed(set: &mut Vec<&'static str>, api: &'static str) {
    if set.contains(&api) {
        return;
    }
    let implied = catalog::lookup(api)
        .and_then(|p| p.implies)
        .filter(|v| !set.contains(v));
    let needed = 1 + usize::from(implied.is_some());
    if set.len() + needed <= PERMISSIONS_PER_PROFILE {
        set.push(api);
        set.extend(implied);
    }
}

/// The profile `i` (1-based) of the job.
fn draw(rng: &mut Rng, i: usize, pool: &[&'static str]) -> JobProfile {
    loop {
        let resources = rng.sample(&TAG_RESOURCES, 2);
        let mut set: Vec<&'static str> = Vec::new();
        for r in &resources {
            let view = rules::restrictions::view_permission(r).expect("known resource");
            add_closed(&mut set, view);
        }
        let mut order = pool.to_vec();
        for k in 0..order.len() {
            let j = k + rng.below(order.len() - k);
            order.swap(k, j);
        }
        for api in order {
            add_closed(&mut set, api);
            if set.len() == PERMISSIONS_PER_PROFILE {
                break;
            }
        }
        let tags: Vec<(String, String)> = rng
            .sample(&TAG_KEYS, 3)
            .into_iter()
            .map(|k| (k.to_owned(), (*rng.pick(&TAG_VALUES)).to_owned()))
            .collect();
        let k = rng.between(1, 2);
        let access_control_tags: Vec<(String, String)> = rng
            .sample(&TAG_KEYS[..3], k)
            .into_iter()
            .map(|k| (k.to_owned(), (*rng.pick(&TAG_VALUES)).to_owned()))
            .collect();
        let sensitive = set
            .iter()
            .any(|p| catalog::lookup(p).is_some_and(|info| info.tier == Tier::Sensitive));
        let reason = sensitive.then(|| (*rng.pick(&REASONS)).to_owned());
        let name = format!("SynthProfile{i:05}");
        let description = format!("Profile {i} of the synthesis benchmark");
        let spec = spec(
            &name,
            &description,
            &set,
            &access_control_tags,
            &resources,
            &tags,
            reason.as_deref(),
        );
        let validated = rules::validate(&spec, &FieldPath::field("profile"));
        let p = validated.profile;
        if validated.diagnostics.is_empty()
            && p.permissions.len() == PERMISSIONS_PER_PROFILE
            && p.implied.is_empty()
        {
            let sensitive_permissions = p
                .permissions
                .iter()
                .filter(|api| catalog::lookup(api).is_some_and(|i| i.tier == Tier::Sensitive))
                .cloned()
                .collect();
            return JobProfile {
                sensitive_permissions,
                name,
                description,
                permissions: p.permissions,
                tags: p.tags,
                access_control_tags: p.access_control_tags,
                tag_restricted_resources: p.tag_restricted_resources,
                sensitive_reason: p.sensitive_reason,
            };
        }
    }
}

/// The job of `n` profiles, drawn from `seed`.
pub fn job(n: usize, seed: u64) -> Job {
    let mut rng = Rng::new(seed ^ 0x5157_4e54);
    let pool = generate::pool();
    let profiles: Vec<JobProfile> = (1..=n).map(|i| draw(&mut rng, i, &pool)).collect();
    Job {
        stacks: profiles
            .chunks(PROFILES_PER_STACK)
            .enumerate()
            .map(|(k, chunk)| StackJob {
                name: format!("Profiles{:03}", k + 1),
                instance_arn: format!(
                    "arn:aws:connect:us-east-1:123456789012:instance/{:08x}-0000-4000-8000-{:012x}",
                    k + 1,
                    k + 1
                ),
                profiles: chunk.to_vec(),
            })
            .collect(),
    }
}
