//! The seed example profiles.
