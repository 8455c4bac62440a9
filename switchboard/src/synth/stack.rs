//! [`Stack`]: the security profiles of one Connect instance, deployed as one CloudFormation
//! stack (or several, when it outgrows CloudFormation's limits).

use std::collections::{BTreeMap, BTreeSet};

use switchboard_core::rules::name::names_collide;

use crate::synth::form::AssemblyForm;
use crate::synth::instance::Instance;
use crate::synth::logical_id::logical_ids;
use crate::synth::split::{self, Part};
use crate::synth::template::Template;
use crate::{Error, SecurityProfile};

/// One CloudFormation stack: a Connect instance and the security profiles added to it.
///
/// Made by [`App::stack`](crate::App::stack). Profiles are checked as they are added: a name
/// already used on the instance (compared ignoring case, as AWS does) and a profile beyond the
/// instance's quota are refused.
///
/// ```
/// use switchboard::{App, Instance, SecurityProfile, presets};
///
/// let agent = SecurityProfile::builder("BasicAgent").preset(presets::Agent).build()?;
/// let mut app = App::with_outdir("unused");
/// let stack = app.stack("MyContactCenter", Instance::create("my-center"));
/// stack.add_security_profile(&agent)?;
///
/// let again = stack.add_security_profile(&agent).unwrap_err();
/// assert!(again.to_string().contains("already has a security profile named \"BasicAgent\""));
///
/// let template = stack.template()?;
/// let (id, properties) = template.security_profile("BasicAgent").unwrap();
/// assert!(id.starts_with("BasicAgent"));
/// assert!(properties.permissions.contains(&"BasicAgentAccess".to_string()));
/// # Ok::<(), switchboard::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Stack {
    name: String,
    instance: Instance,
    profiles: Vec<SecurityProfile>,
    /// Indexes (in the app) of the providers already applied to this stack.
    pub(crate) applied_providers: BTreeSet<usize>,
}

impl Stack {
    /// The longest stack name CloudFormation accepts.
    pub const MAX_NAME_LEN: usize = split::MAX_STACK_NAME_LEN;

    pub(crate) fn new(name: String, instance: Instance) -> Stack {
        Stack {
            name,
            instance,
            profiles: Vec::new(),
            applied_providers: BTreeSet::new(),
        }
    }

    /// The stack's name: its CloudFormation stack name and the artifact ID in the assembly.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The instance its profiles belong to.
    pub fn instance(&self) -> &Instance {
        &self.instance
    }

    /// The profiles added so far, in the order they were added.
    pub fn security_profiles(&self) -> &[SecurityProfile] {
        &self.profiles
    }

    /// Checks the stack's name and its instance.
    pub fn validate(&self) -> Result<(), Error> {
        split::check_stack_name(&self.name)?;
        self.instance.validate()
    }

    /// Adds a profile. Fails when the stack name or the instance is invalid, when the instance
    /// already has a profile of that name (ignoring case), or when it would exceed the
    /// instance's quota; the stack is unchanged then.
    pub fn add_security_profile(
        &mut self,
        profile: impl AsSecurityProfile,
    ) -> Result<&mut Stack, Error> {
        self.validate()?;
        self.check_new(profile.as_security_profile(), &[])?;
        self.profiles.push(profile.into_security_profile());
        Ok(self)
    }

    /// Adds several profiles, all or none: when one is refused, none is added.
    ///
    /// ```
    /// # use switchboard::{App, Instance, SecurityProfile, presets};
    /// # let a = SecurityProfile::builder("A1").preset(presets::Agent).build()?;
    /// # let b = SecurityProfile::builder("B1").preset(presets::Agent).build()?;
    /// let mut app = App::with_outdir("unused");
    /// let stack = app.stack("Center", Instance::parameter().with_profile_quota(1));
    /// assert!(stack.add_security_profiles([&a, &b]).is_err());
    /// assert!(stack.security_profiles().is_empty());
    /// # Ok::<(), switchboard::Error>(())
    /// ```
    pub fn add_security_profiles<I, P>(&mut self, profiles: I) -> Result<&mut Stack, Error>
    where
        I: IntoIterator<Item = P>,
        P: AsSecurityProfile,
    {
        self.validate()?;
        let mut added: Vec<SecurityProfile> = Vec::new();
        for profile in profiles {
            self.check_new(profile.as_security_profile(), &added)?;
            added.push(profile.into_security_profile());
        }
        self.profiles.extend(added);
        Ok(self)
    }

    /// Checks `profile` against the stack's profiles and those about to be added with it.
    fn check_new(
        &self,
        profile: &SecurityProfile,
        pending: &[SecurityProfile],
    ) -> Result<(), Error> {
        if let Some(other) = self
            .profiles
            .iter()
            .chain(pending)
            .find(|p| names_collide(p.name(), profile.name()))
        {
            return Err(Error::DuplicateProfileName {
                instance: self.instance.describe(&self.name),
                name: profile.name().to_owned(),
                existing: other.name().to_owned(),
            });
        }
        if self.profiles.len() + pending.len() >= self.instance.profile_quota() {
            return Err(Error::QuotaExceeded {
                instance: self.instance.describe(&self.name),
                quota: self.instance.profile_quota(),
                profile: profile.name().to_owned(),
            });
        }
        Ok(())
    }

    /// The logical ID of each profile, by profile name (see [`logical_id`](crate::logical_id)
    /// for the scheme).
    pub fn logical_ids(&self) -> BTreeMap<String, String> {
        logical_ids(self.profiles.iter().map(|p| p.name()))
    }

    /// The whole stack as one plain CloudFormation template, in memory: the instance (when the
    /// stack creates it, or its parameter), every profile and every profile's ARN output, and
    /// nothing the CDK bootstrap adds. This is the template to embed in another CDK app or to
    /// deploy with `aws cloudformation deploy`.
    ///
    /// It is not split: a stack over CloudFormation's limits (200 outputs, 500 resources,
    /// 1,000,000 bytes; [`App::assembly`](crate::App::assembly) shows the parts `synth` writes)
    /// renders here as one template that CloudFormation would refuse.
    ///
    /// A stack without profiles is written as the AWS CDK writes an empty stack: its instance
    /// if it creates one, otherwise `"Resources": {}` and nothing else (no `InstanceArn`
    /// parameter that nothing would use). `cdk deploy` skips such a stack, or deletes it when
    /// it was deployed before (its profiles were all removed); CloudFormation itself refuses a
    /// template without resources, so `aws cloudformation deploy` cannot deploy it.
    pub fn template(&self) -> Result<Template, Error> {
        self.validate()?;
        let json = Part::whole(&self.name, &self.instance, self.profiles_by_id()).unchecked_json();
        Ok(Template::read_back(&json))
    }

    /// The stack as `synth` writes it in `form`: one part, or several when it exceeds
    /// CloudFormation's limits.
    pub(crate) fn plan(&self, form: AssemblyForm) -> Result<Vec<Part<'_>>, Error> {
        split::plan(&self.name, &self.instance, form, self.profiles_by_id())
    }

    /// The profiles with their logical IDs, sorted by ID.
    fn profiles_by_id(&self) -> Vec<(String, &SecurityProfile)> {
        let mut ids = self.logical_ids();
        let mut profiles: Vec<(String, &SecurityProfile)> = self
            .profiles
            .iter()
            .filter_map(|p| ids.remove(p.name()).map(|id| (id, p)))
            .collect();
        profiles.sort_by(|a, b| a.0.cmp(&b.0));
        profiles
    }
}

/// A [`SecurityProfile`] or any reference to one, so that `add_security_profile(&TEAM_LEAD)`,
/// `add_security_profiles([&A, &B])`, `add_security_profiles(&COMPLETE_EXAMPLES[..2])` (items
/// `&&SecurityProfile`) and `add_security_profiles(built_profiles)` all work.
pub trait AsSecurityProfile {
    /// The profile.
    fn as_security_profile(&self) -> &SecurityProfile;

    /// The profile as the stack keeps it: a profile given by value is moved, not copied.
    fn into_security_profile(self) -> SecurityProfile
    where
        Self: Sized,
    {
        self.as_security_profile().clone()
    }
}

impl AsSecurityProfile for SecurityProfile {
    fn as_security_profile(&self) -> &SecurityProfile {
        self
    }

    fn into_security_profile(self) -> SecurityProfile {
        self
    }
}

impl<T: AsSecurityProfile + ?Sized> AsSecurityProfile for &T {
    fn as_security_profile(&self) -> &SecurityProfile {
        (**self).as_security_profile()
    }
}
