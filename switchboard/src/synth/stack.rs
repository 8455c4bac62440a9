//! [`Stack`]: the security profiles of one Connect instance, deployed as one CloudFormation
//! stack (or several, when it outgrows CloudFormation's limits).

use std::collections::{BTreeMap, BTreeSet};

use switchboard_core::rules::name::names_collide;

use crate::synth::assembly::AssemblyForm;
use crate::synth::instance::Instance;
use crate::synth::logical_id::logical_ids;
use crate::synth::render::{self, Frame, Role};
use crate::synth::split::{self, Part};
use crate::synth::template::Template;
use crate::{Error, SecurityProfile};

/// The longest stack name CloudFormation accepts.
pub const MAX_STACK_NAME_LEN: usize = 128;

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
        check_stack_name(&self.name)?;
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

    /// The logical ID of each profile, by profile name (see
    /// [`synth::logical_id`](mod@crate::synth::logical_id) for the scheme).
    pub fn logical_ids(&self) -> BTreeMap<String, String> {
        logical_ids(self.profiles.iter().map(|p| p.name()))
    }

    /// The whole stack as one plain CloudFormation template, in memory: the instance (when the
    /// stack creates it, or its parameter), every profile and every profile's ARN output, and
    /// nothing the CDK bootstrap adds. This is the template to embed in another CDK app or to
    /// deploy with `aws cloudformation deploy`.
    ///
    /// It is not split: a stack over CloudFormation's limits (see [`Stack::parts`]) renders
    /// here as one template that CloudFormation would refuse.
    ///
    /// A stack without profiles is written as the AWS CDK writes an empty stack: its instance
    /// if it creates one, otherwise `"Resources": {}` and nothing else (no `InstanceArn`
    /// parameter that nothing would use). `cdk deploy` skips such a stack, or deletes it when
    /// it was deployed before (its profiles were all removed); CloudFormation itself refuses a
    /// template without resources, so `aws cloudformation deploy` cannot deploy it.
    pub fn template(&self) -> Result<Template, Error> {
        self.validate()?;
        let frame = Frame {
            stack: &self.name,
            instance: &self.instance,
            role: Role::First,
            export: false,
            holds_profiles: !self.profiles.is_empty(),
            form: AssemblyForm::Minimal,
            description: description(&self.name, 1, 1),
        };
        let ids = self.logical_ids();
        let mut template = frame.skeleton();
        render::add_profiles(
            &mut template,
            &frame,
            self.profiles
                .iter()
                .filter_map(|p| ids.get(p.name()).map(|id| (id.as_str(), p))),
        );
        Ok(template)
    }

    /// The stack as `synth` writes it in `form`: one part, or several when it exceeds
    /// CloudFormation's limits (see [`synth::split`](crate::synth::split)).
    pub fn parts(&self, form: AssemblyForm) -> Result<Vec<Part>, Error> {
        self.validate()?;
        split::split(self, form)
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

/// The description of a template: which stack, and which part of it.
pub(crate) fn description(stack: &str, part: usize, parts: usize) -> String {
    if parts == 1 {
        format!("Amazon Connect security profiles of stack {stack}, synthesized by switchboard")
    } else {
        format!(
            "Amazon Connect security profiles of stack {stack} (part {part} of {parts}), synthesized by switchboard"
        )
    }
}

/// CloudFormation's stack names: 1 to 128 letters, digits and hyphens, starting with a letter.
pub(crate) fn check_stack_name(name: &str) -> Result<(), Error> {
    let reason = if name.is_empty() || name.len() > MAX_STACK_NAME_LEN {
        Some("it must be 1 to 128 characters long")
    } else if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        Some("it must start with a letter")
    } else if !name.chars().all(|c| c == '-' || c.is_ascii_alphanumeric()) {
        Some("only letters, digits and hyphens are allowed")
    } else {
        None
    };
    match reason {
        Some(reason) => Err(Error::InvalidStackName {
            name: name.to_owned(),
            reason,
        }),
        None => Ok(()),
    }
}
